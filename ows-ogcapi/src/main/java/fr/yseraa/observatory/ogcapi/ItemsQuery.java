package fr.yseraa.observatory.ogcapi;

import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.filter.ComparisonOperator;
import fr.yseraa.observatory.core.filter.Cql2JsonReader;
import fr.yseraa.observatory.core.filter.CqlParser;
import fr.yseraa.observatory.core.filter.Expression;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.filter.ValueType;
import fr.yseraa.observatory.core.ows.OwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;

/**
 * The parameters of an items request, checked against the collection as the caller sees it: {@code limit}
 * (clamped to the maximum), {@code offset}, {@code bbox} and {@code bbox-crs}, {@code datetime} on the layer's time
 * property, {@code crs}, one equality filter per queryable given as a parameter, {@code filter} in CQL2 text or
 * CQL2 JSON with {@code filter-lang} and {@code filter-crs}, {@code sortby} and {@code properties} (drafts of parts 8
 * and 6) into the WFS's sort keys and property selection. Any other parameter, or a bad value, answers 400 on it.
 *
 * @param query the repository query, without paging
 * @param crsSrid the SRID of the answer's coordinates
 */
record ItemsQuery(FeatureQuery query, int limit, long offset, int crsSrid) {

    static final String CQL2_TEXT = "cql2-text";
    static final String CQL2_JSON = "cql2-json";
    static final Set<String> PARAMETERS = Set.of("f", "limit", "offset", "bbox", "bbox-crs", DateTimeFilter.PARAMETER,
            "crs", "filter", "filter-lang", "filter-crs", "sortby", "properties");

    static ItemsQuery parse(ApiRequest r, LayerInfo layer, LayerAccess access, OgcApiSettings settings) {
        Set<String> queryables = access.attributeExpressions().keySet();
        r.onlyParameters(PARAMETERS, queryables);
        r.format();
        long limit = integer(r, "limit", settings.defaultLimit(), 1);
        long offset = integer(r, "offset", 0, 0);
        int crs = OfferedCrs.srid(layer, r.single("crs"), "crs");
        FeatureQuery q = new FeatureQuery(null, crs, crs, properties(r, layer, queryables), sortBy(r, layer, queryables),
                null, 0);
        String bbox = r.single("bbox");
        if (bbox != null) {
            int bboxSrid = OfferedCrs.srid(layer, r.single("bbox-crs"), "bbox-crs");
            q = q.withBbox(box(bbox, bboxSrid), bboxSrid);
        } else if (r.single("bbox-crs") != null) {
            throw OwsException.invalidParameter("bbox-crs", "bbox-crs is given without bbox");
        }
        List<Filter> conditions = new ArrayList<>();
        for (String name : r.parameters().keySet()) {
            if (queryables.contains(name) && !PARAMETERS.contains(name)) {
                conditions.add(equality(layer, name, r.single(name)));
            }
        }
        String datetime = r.single(DateTimeFilter.PARAMETER);
        String time = layer.definition().timeColumn();
        if (datetime != null && time != null && queryables.contains(time)) {
            conditions.add(DateTimeFilter.parse(datetime, time));
        } else if (datetime != null) {
            DateTimeFilter.parse(datetime, "-"); // checked all the same; a collection without time ignores it
        }
        String filter = r.single("filter");
        if (filter != null) {
            conditions.add(filter(r, layer, filter));
        } else if (r.single("filter-lang") != null || r.single("filter-crs") != null) {
            throw OwsException.invalidParameter(r.single("filter-lang") != null ? "filter-lang" : "filter-crs",
                    "filter-lang and filter-crs need a filter");
        }
        if (!conditions.isEmpty()) {
            q = q.withFilter(Filter.and(conditions), "filter");
        }
        return new ItemsQuery(q, (int) Math.min(limit, settings.maxLimit()), offset, crs);
    }

    /**
     * {@code sortby=+a,-b} (part 8 draft, CQL2 style; {@code +} or nothing ascending, {@code -} descending) into the
     * sort keys of the query model the WFS's SORTBY fills: only properties the caller sees, others answer as unknown.
     */
    private static List<FeatureQuery.SortKey> sortBy(ApiRequest r, LayerInfo layer, Set<String> visible) {
        String value = r.single("sortby");
        if (value == null) {
            return List.of();
        }
        List<FeatureQuery.SortKey> keys = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String key = item.strip(); // a '+' unencoded in the URL arrives as a space: ascending all the same
            boolean ascending = !key.startsWith("-");
            if (key.startsWith("-") || key.startsWith("+")) {
                key = key.substring(1).strip();
            }
            keys.add(new FeatureQuery.SortKey(visibleProperty(layer, visible, key, "sortby", "to sort by"), ascending));
        }
        return keys;
    }

    /**
     * {@code properties=a,b} (part 6 draft) into the properties of the query model the WFS's PROPERTYNAME fills: only
     * properties the caller sees, others answer as unknown. The geometry always comes.
     */
    private static List<String> properties(ApiRequest r, LayerInfo layer, Set<String> visible) {
        String value = r.single("properties");
        if (value == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (!value.isBlank()) {
            for (String item : value.split(",", -1)) {
                String name = visibleProperty(layer, visible, item.strip(), "properties", "to select");
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static String visibleProperty(LayerInfo layer, Set<String> visible, String name, String parameter,
                                          String what) {
        if (name.isEmpty()) {
            throw OwsException.invalidParameter(parameter, parameter + " holds an empty property name");
        }
        if (!visible.contains(name)) { // a property hidden from the caller is reported as a missing one
            throw OwsException.invalidParameter(parameter, "Collection " + layer.qualifiedName() + " has no property "
                    + name + " " + what);
        }
        return name;
    }

    private static Filter filter(ApiRequest r, LayerInfo layer, String text) {
        String lang = r.single("filter-lang");
        int srid = OfferedCrs.srid(layer, r.single("filter-crs"), "filter-crs");
        return switch (lang == null ? CQL2_TEXT : lang.toLowerCase(Locale.ROOT)) {
            case CQL2_TEXT -> CqlParser.parse(text, "filter", srid);
            case CQL2_JSON -> Cql2JsonReader.read(text, "filter", srid);
            default -> throw OwsException.invalidParameter("filter-lang", "Unsupported filter language '" + lang
                    + "': use " + CQL2_TEXT + " or " + CQL2_JSON);
        };
    }

    /** {@code name=value}: the property equals the value, which must be one of its type. */
    private static Filter equality(LayerInfo layer, String name, String value) {
        ValueType type = layer.attribute(name).map(a -> ValueType.of(a.sqlType())).orElse(ValueType.OTHER);
        try {
            type.convert(value);
        } catch (IllegalArgumentException e) {
            throw OwsException.invalidParameter(name, "'" + value + "' is not a value of property " + name);
        }
        return new Filter.Comparison(ComparisonOperator.EQUAL, new Expression.Property(name),
                new Expression.Literal(value), true);
    }

    private static long integer(ApiRequest r, String name, long absent, long minimum) {
        String value = r.single(name);
        if (value == null) {
            return absent;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= minimum) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw OwsException.invalidParameter(name, name + " must be an integer of at least " + minimum + ", not '"
                + value + "'");
    }

    /** minx,miny,maxx,maxy (or the 3D form, its heights ignored), x/y in the CRS's east/north order. */
    private static Envelope box(String text, int srid) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw OwsException.invalidParameter("bbox", "bbox takes 4 numbers (or 6 with heights), not "
                    + parts.length);
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw OwsException.invalidParameter("bbox", "'" + parts[i] + "' in bbox is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw OwsException.invalidParameter("bbox", "bbox numbers must be finite");
            }
        }
        int d = parts.length / 2;
        double minX = v[0];
        double minY = v[1];
        double maxX = v[d];
        double maxY = v[d + 1];
        if (minY > maxY || minX > maxX) {
            throw OwsException.invalidParameter("bbox", "bbox " + text + " has a minimum above its maximum"
                    + " (boxes across the antimeridian are not supported)");
        }
        if (srid == 4326 && (minY < -90 || maxY > 90 || minX < -180 || maxX > 180)) {
            throw OwsException.invalidParameter("bbox", "bbox " + text + " is outside longitudes -180..180 and"
                    + " latitudes -90..90");
        }
        return new Envelope(minX, maxX, minY, maxY);
    }
}
