package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.filter.FesParser;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureQuery.SortKey;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.OutputFormat;
import fr.yseraa.observatory.wfs.StoredQueries;
import fr.yseraa.observatory.wfs.WfsVersion;
import fr.yseraa.observatory.wfs.XmlRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/** Parses the XML encoding of GetFeature (and of the query part of GetPropertyValue). */
public final class XmlGetFeatureParser {

    private final FeatureTypes types;
    private final WfsVersion version;
    private final QueryBuilder builder;

    public XmlGetFeatureParser(FeatureTypes types, WfsVersion version) {
        this.types = types;
        this.version = version;
        this.builder = new QueryBuilder(types, version);
    }

    /** @param storedQueries the stored queries a wfs:StoredQuery may call */
    public GetFeatureRequest parse(Element root, StoredQueries storedQueries) {
        OutputFormat format = OutputFormat.parse(XmlRequest.attribute(root, "outputFormat"), version);
        String countAttribute = XmlRequest.attribute(root, "count");
        Integer count = RequestValues.count(countAttribute != null ? countAttribute
                : XmlRequest.attribute(root, "maxFeatures"), version.isV2() ? "count" : "maxFeatures");
        long start = RequestValues.startIndex(XmlRequest.attribute(root, "startIndex"));
        boolean hits = RequestValues.hits(XmlRequest.attribute(root, "resultType"));
        Optional<Element> stored = XmlRequest.child(root, "StoredQuery");
        if (stored.isPresent()) {
            TypeQuery q = storedQuery(stored.get(), storedQueries);
            return StoredQueryCall.request(version, q, XmlRequest.attribute(stored.get(), "id"), count, start, hits, format);
        }
        return new GetFeatureRequest(version, queries(root), count, start, hits, format, false);
    }

    private TypeQuery storedQuery(Element stored, StoredQueries storedQueries) {
        String id = XmlRequest.attribute(stored, "id");
        if (id == null) {
            throw OwsException.missingParameter("storedQuery_Id");
        }
        List<Element> parameters = XmlRequest.children(stored, "Parameter");
        return StoredQueryCall.call(types, storedQueries, builder, id, name -> parameters.stream()
                .filter(p -> name.equalsIgnoreCase(XmlRequest.attribute(p, "name"))).findFirst()
                .map(XmlRequest::text).orElse(null), null);
    }

    /** The wfs:Query elements of a request, one query per type name. */
    public List<TypeQuery> queries(Element root) {
        return queries(root, "Query");
    }

    /**
     * The query elements of a request ({@code wfs:Query}, or the {@code wfs:Lock} of a WFS 1.1 LockFeature, which has
     * the same typeName and filter), one query per type name.
     */
    public List<TypeQuery> queries(Element root, String queryElement) {
        List<Element> queryElements = XmlRequest.children(root, queryElement);
        if (queryElements.isEmpty()) {
            throw OwsException.missingParameter(version.typeNamesParameter());
        }
        types.checkTypeCount(queryElements.size(), version.typeNamesParameter());
        List<TypeQuery> queries = new ArrayList<>();
        int named = 0;
        for (Element q : queryElements) {
            Filter filter = XmlRequest.child(q, "Filter").map(f -> FesParser.parse(f, "filter")).orElse(null);
            String typeNames = Optional.ofNullable(XmlRequest.attribute(q, "typeNames"))
                    .orElse(XmlRequest.attribute(q, "typeName"));
            if (typeNames == null) {
                throw OwsException.missingParameter(version.typeNamesParameter());
            }
            List<String> properties = XmlRequest.children(q, "PropertyName").stream().map(XmlRequest::text).toList();
            List<SortKey> sortBy = sortBy(q);
            List<LayerInfo> layers = new ArrayList<>();
            String[] names = typeNames.trim().split("[\\s,]+");
            named += names.length;
            types.checkTypeCount(named, version.typeNamesParameter());
            for (String name : names) {
                layers.add(types.resolve(name, prefix -> XmlRequest.namespaceOf(q, prefix), version.typeNamesParameter()));
            }
            if (filter instanceof Filter.ResourceId ids) {
                ResourceIds.checkTypes(ids.ids(), layers, types, "resourceId");
            }
            for (LayerInfo layer : layers) {
                TypeQuery query = builder.build(layer, properties.isEmpty() ? null : properties,
                        XmlRequest.attribute(q, "srsName"), null, sortBy, null);
                queries.add(filter == null ? query : query.withFilter(filter, "filter"));
            }
        }
        return queries;
    }

    private static List<SortKey> sortBy(Element query) {
        List<SortKey> keys = new ArrayList<>();
        XmlRequest.child(query, "SortBy").ifPresent(sortBy -> {
            for (Element p : XmlRequest.children(sortBy, "SortProperty")) {
                Element name = XmlRequest.child(p, "ValueReference").or(() -> XmlRequest.child(p, "PropertyName"))
                        .orElseThrow(() -> OwsException.invalidParameter("sortBy", "SortProperty names no property"));
                boolean ascending = XmlRequest.child(p, "SortOrder").map(o -> QueryBuilder.ascending(XmlRequest.text(o)))
                        .orElse(true);
                keys.add(new SortKey(QueryBuilder.localName(XmlRequest.text(name)), ascending));
            }
        });
        return keys;
    }
}
