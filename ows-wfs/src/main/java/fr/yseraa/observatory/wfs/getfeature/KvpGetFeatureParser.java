package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureQuery.SortKey;
import fr.yseraa.observatory.core.filter.CqlParser;
import fr.yseraa.observatory.core.filter.FesParser;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.filter.FilterLists;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.OutputFormat;
import fr.yseraa.observatory.wfs.StoredQueries;
import fr.yseraa.observatory.wfs.WfsVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the KVP encoding of GetFeature (and of the query part of GetPropertyValue). */
public final class KvpGetFeatureParser {

    private static final Pattern XMLNS = Pattern.compile("xmlns\\(([^,=()]+)[,=]([^()]+)\\)");

    private final FeatureTypes types;
    private final WfsVersion version;
    private final QueryBuilder builder;

    public KvpGetFeatureParser(FeatureTypes types, WfsVersion version) {
        this.types = types;
        this.version = version;
        this.builder = new QueryBuilder(types, version);
    }

    /** @param storedQueries the stored queries a STOREDQUERY_ID may call */
    public GetFeatureRequest parse(KvpParameters kvp, StoredQueries storedQueries) {
        OutputFormat format = OutputFormat.parse(kvp.get("OUTPUTFORMAT").orElse(null), version);
        Integer count = RequestValues.count(kvp.get("COUNT").or(() -> kvp.get("MAXFEATURES")).orElse(null),
                version.isV2() ? "count" : "maxFeatures");
        long start = RequestValues.startIndex(kvp.get("STARTINDEX").orElse(null));
        boolean hits = RequestValues.hits(kvp.get("RESULTTYPE").orElse(null));
        Optional<String> storedQuery = kvp.get("STOREDQUERY_ID");
        if (storedQuery.isPresent()) {
            TypeQuery q = StoredQueryCall.call(types, storedQueries, builder, storedQuery.get(), name -> kvp.get(name).orElse(null),
                    kvp.get("SRSNAME").orElse(null));
            return StoredQueryCall.request(version, q, storedQuery.get(), count, start, hits, format);
        }
        return new GetFeatureRequest(version, queries(kvp), count, start, hits, format, false);
    }

    /** The queries of the request: one per type name, or per layer of the ids when no type is named. */
    public List<TypeQuery> queries(KvpParameters kvp) {
        Map<String, String> namespaces = namespaces(kvp.get("NAMESPACES").orElse(null));
        String idParameter = version.isV2() ? "RESOURCEID" : "FEATUREID";
        String idLocator = version.isV2() ? "resourceId" : "featureId";
        Map<String, Set<String>> ids = kvp.get(idParameter).or(() -> kvp.get(version.isV2() ? "FEATUREID" : "RESOURCEID"))
                .map(v -> ResourceIds.byLayer(v, idLocator))
                .orElse(null);
        if (ids != null && (kvp.get("BBOX").isPresent())) {
            throw OwsException.invalidParameter("bbox", "BBOX and " + idParameter + " are mutually exclusive");
        }
        List<LayerInfo> layers = new ArrayList<>();
        Optional<String> typeNames = kvp.get("TYPENAMES").or(() -> kvp.get("TYPENAME"));
        if (typeNames.isPresent()) {
            List<String> names = splitTypeNames(typeNames.get());
            types.checkTypeCount(names.size(), version.typeNamesParameter());
            for (String name : names) {
                layers.add(types.resolve(name, namespaces::get, version.typeNamesParameter()));
            }
            if (ids != null) {
                ResourceIds.checkTypes(ids.values().stream().flatMap(Set::stream).toList(), layers, types, idLocator);
            }
        } else if (ids != null) {
            types.checkTypeCount(ids.size(), idLocator);
            ids.keySet().forEach(layerName -> types.byFeatureIdPrefix(layerName).ifPresent(layers::add));
        } else {
            throw OwsException.missingParameter(version.typeNamesParameter());
        }
        List<List<String>> propertyNames = propertyNames(kvp.get("PROPERTYNAME").orElse(null), layers.size());
        List<SortKey> sortBy = kvp.get("SORTBY").map(QueryBuilder::parseSortBy).orElse(List.of());
        QueryBuilder.BboxParameter bbox = kvp.get("BBOX").map(QueryBuilder::parseBbox).orElse(null);
        String srsName = kvp.get("SRSNAME").orElse(null);
        List<Filter> filters = filters(kvp, layers.size());
        if (ids != null && filters.stream().anyMatch(f -> f != null)) {
            throw OwsException.invalidParameter("filter", "FILTER and " + idParameter + " are mutually exclusive");
        }
        String filterLocator = kvp.get("FILTER").isPresent() ? "filter" : "cql_filter";
        List<TypeQuery> queries = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerInfo layer = layers.get(i);
            Set<String> layerIds = ids == null ? null : ids.getOrDefault(layer.name(), Set.of());
            TypeQuery query = builder.build(layer, propertyNames.get(i), srsName, bbox, sortBy, layerIds);
            queries.add(filters.get(i) == null ? query : query.withFilter(filters.get(i), filterLocator));
        }
        return queries;
    }

    /** FILTER (FES; one per type, in parentheses when several) or CQL_FILTER (one per type, separated by ;). */
    private static List<Filter> filters(KvpParameters kvp, int types) {
        Optional<String> fes = kvp.get("FILTER");
        Optional<String> cql = kvp.get("CQL_FILTER");
        if (fes.isPresent() && cql.isPresent()) {
            throw OwsException.invalidParameter("filter", "FILTER and CQL_FILTER are mutually exclusive");
        }
        List<Filter> filters = new ArrayList<>();
        if (fes.isEmpty() && cql.isEmpty()) {
            for (int i = 0; i < types; i++) {
                filters.add(null);
            }
            return filters;
        }
        String locator = fes.isPresent() ? "filter" : "cql_filter";
        List<String> texts = fes.isPresent() ? FilterLists.splitFes(fes.get(), locator) : FilterLists.splitCql(cql.get());
        if (texts.size() != types) {
            throw OwsException.invalidParameter(locator, locator.toUpperCase(java.util.Locale.ROOT) + " gives "
                    + texts.size() + " filters for " + types + " feature types");
        }
        for (String text : texts) {
            filters.add(fes.isPresent() ? FesParser.parse(text, locator) : CqlParser.parse(text, locator));
        }
        return filters;
    }

    /** TYPENAMES=a,b or (a)(b): one query per type; joins are not offered. */
    private static List<String> splitTypeNames(String value) {
        String v = value.replace("(", "").replace(")", ",");
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** PROPERTYNAME=a,b applies to every type; (a,b)(c) gives one list per type. */
    private static List<List<String>> propertyNames(String value, int typeCount) {
        List<List<String>> lists = new ArrayList<>();
        if (value == null) {
            for (int i = 0; i < typeCount; i++) {
                lists.add(null);
            }
            return lists;
        }
        if (value.startsWith("(")) {
            Matcher m = Pattern.compile("\\(([^()]*)\\)").matcher(value);
            while (m.find()) {
                lists.add(split(m.group(1)));
            }
            if (lists.size() != typeCount) {
                throw OwsException.invalidParameter("propertyName", "PROPERTYNAME gives " + lists.size()
                        + " lists for " + typeCount + " feature types");
            }
            return lists;
        }
        for (int i = 0; i < typeCount; i++) {
            lists.add(split(value));
        }
        return lists;
    }

    private static List<String> split(String list) {
        List<String> names = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return names.isEmpty() || names.contains("*") ? null : names;
    }

    /** NAMESPACES=xmlns(prefix,uri) (2.0) or xmlns(prefix=uri) (1.1). */
    public static Map<String, String> namespaces(String value) {
        Map<String, String> map = new HashMap<>();
        if (value != null) {
            Matcher m = XMLNS.matcher(value);
            while (m.find()) {
                map.put(m.group(1).trim(), m.group(2).trim());
            }
        }
        return map;
    }
}
