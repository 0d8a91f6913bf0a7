package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.crs.CrsList;
import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.feature.FeatureQuery.SortKey;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.WfsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;

/**
 * Checks the parts of a query against the catalog and what the caller may see (whatever the encoding they came
 * in), so that only known identifiers ever reach the repository.
 */
public final class QueryBuilder {

    private final FeatureTypes types;
    private final WfsVersion version;

    public QueryBuilder(FeatureTypes types, WfsVersion version) {
        this.types = types;
        this.version = version;
    }

    /** An area of interest as given: corners in the axis order of its CRS, which may be unnamed. */
    public record BboxParameter(double[] corners, String crsName) {
    }

    /**
     * @param propertyNames the properties asked for (possibly prefixed or XPath steps), or null for all
     * @param srsName the output CRS asked for, or null for the type's default
     * @param resourceIds the ids wanted, or null
     */
    public TypeQuery build(LayerInfo layer, List<String> propertyNames, String srsName, BboxParameter bbox,
                           List<SortKey> sortBy, Set<String> resourceIds) {
        Map<String, String> visible = types.features().access(layer)
                .attributeExpressions();
        List<String> attributes = null;
        boolean withGeometry = true;
        if (propertyNames != null && !propertyNames.isEmpty()) {
            attributes = new ArrayList<>();
            withGeometry = false;
            for (String raw : propertyNames) {
                String name = localName(raw);
                if (name.equals(layer.geometryColumn())) {
                    withGeometry = true;
                } else if (visible.containsKey(name)) {
                    if (!attributes.contains(name)) {
                        attributes.add(name);
                    }
                } else {
                    throw OwsException.invalidParameter(version.isV2() ? "propertyName" : "PropertyName",
                            "Feature type " + layer.qualifiedName() + " has no property " + raw);
                }
            }
        }
        for (SortKey key : sortBy) {
            if (!visible.containsKey(key.property())) {
                throw OwsException.invalidParameter("sortBy", "Feature type " + layer.qualifiedName()
                        + " has no property " + key.property() + " to sort by");
            }
        }
        Set<Integer> offered = CrsList.srids(layer.definition().crs());
        CrsName crs = srsName == null ? version.crsName(layer.srid()) : CrsName.parse(srsName, offered, "srsName");
        Envelope box = null;
        int bboxSrid = layer.srid();
        if (bbox != null) {
            CrsName bboxCrs = bbox.crsName() == null ? version.crsName(layer.srid())
                    : CrsName.parse(bbox.crsName(), offered, "bbox");
            double[] c = bbox.corners();
            box = bboxCrs.axisOrder().envelope(c[0], c[1], c[2], c[3]);
            bboxSrid = bboxCrs.srid();
        }
        return new TypeQuery(layer, attributes, withGeometry, crs, box, bboxSrid, sortBy, resourceIds, null, null);
    }

    /** {@code ws:name} or {@code ws:layer/ws:name} name the property {@code name}. */
    static String localName(String raw) {
        String s = raw.trim();
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            s = s.substring(slash + 1);
        }
        int colon = s.indexOf(':');
        return colon >= 0 ? s.substring(colon + 1) : s;
    }

    /**
     * Parses BBOX=minx,miny,maxx,maxy[,crs]; corners must be numbers with the lower corner below the upper one.
     */
    public static BboxParameter parseBbox(String value) {
        String[] parts = value.split(",");
        if (parts.length != 4 && parts.length != 5) {
            throw OwsException.invalidParameter("bbox", "BBOX must be minx,miny,maxx,maxy[,crs]: " + value);
        }
        double[] c = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                c[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw OwsException.invalidParameter("bbox", "BBOX coordinate " + parts[i] + " is not a number");
            }
            if (!Double.isFinite(c[i])) {
                throw OwsException.invalidParameter("bbox", "BBOX coordinates must be finite");
            }
        }
        if (c[0] > c[2] || c[1] > c[3]) {
            throw OwsException.invalidParameter("bbox", "BBOX lower corner must not exceed its upper corner");
        }
        return new BboxParameter(c, parts.length == 5 ? parts[4].trim() : null);
    }

    /** Parses SORTBY=name [ASC|DESC|A|D],... with property names that may be prefixed. */
    public static List<SortKey> parseSortBy(String value) {
        List<SortKey> keys = new ArrayList<>();
        for (String item : value.split(",")) {
            String[] words = item.trim().split("\\s+|\\+");
            if (words.length == 0 || words[0].isEmpty() || words.length > 2) {
                throw OwsException.invalidParameter("sortBy", "Cannot read sort key '" + item.trim() + "'");
            }
            keys.add(new SortKey(localName(words[0]), words.length == 1 || ascending(words[1])));
        }
        return keys;
    }

    static boolean ascending(String order) {
        return switch (order.toUpperCase(java.util.Locale.ROOT)) {
            case "ASC", "A" -> true;
            case "DESC", "D" -> false;
            default -> throw OwsException.invalidParameter("sortBy", "Sort order must be ASC or DESC, not " + order);
        };
    }
}
