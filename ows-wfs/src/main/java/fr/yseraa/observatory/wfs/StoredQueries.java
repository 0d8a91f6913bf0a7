package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.catalog.Workspace;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wfs.getfeature.GetFeatureById;
import fr.yseraa.observatory.wfs.storedquery.StoredQuery;
import fr.yseraa.observatory.wfs.storedquery.StoredQueryDescription;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The stored queries the WFS offers: the mandatory GetFeatureById and those of the plug-ins, fixed at start. Each
 * caller is offered those whose description they get; ListStoredQueries and DescribeStoredQueries answer them,
 * {@code getfeature.StoredQueryCall} runs them.
 */
public final class StoredQueries {

    private static final String WFS = WfsVersion.V2_0_0.wfsNamespace();
    private static final String LANGUAGE = "urn:ogc:def:queryLanguage:OGC-WFS::WFSQueryExpression";

    private final Map<String, StoredQuery> queries = new LinkedHashMap<>();

    /** GetFeatureById and the given stored queries, by identifier. */
    public StoredQueries(Collection<? extends StoredQuery> plugins) {
        List<StoredQuery> all = new ArrayList<>();
        all.add(new GetFeatureById());
        all.addAll(plugins);
        for (StoredQuery q : all) {
            if (queries.putIfAbsent(q.id(), q) != null) {
                throw new IllegalStateException("two stored queries are named " + q.id());
            }
        }
    }

    /** GetFeatureById, the stored queries on the class path ({@code META-INF/services}) and the given ones. */
    public static StoredQueries discover(Collection<? extends StoredQuery> others) {
        List<StoredQuery> all = new ArrayList<>(others);
        ServiceLoader.load(StoredQuery.class).forEach(all::add);
        return new StoredQueries(all);
    }

    /** The stored query of this identifier, if the caller may run it. */
    public Optional<StoredQuery> find(String id, FeatureTypes types) {
        return Optional.ofNullable(queries.get(id)).filter(q -> q.describe(types).isPresent());
    }

    private List<StoredQueryDescription> descriptions(FeatureTypes types) {
        return queries.values().stream().flatMap(q -> q.describe(types).stream()).toList();
    }

    public void list(FeatureTypes types, OutputStream out) {
        try (XmlWriter x = start(types, out, "ListStoredQueriesResponse")) {
            for (StoredQueryDescription d : descriptions(types)) {
                x.start("wfs", WFS, "StoredQuery").attribute("id", d.id());
                x.start("wfs", WFS, "Title").attribute("xml:lang", d.language()).text(d.title()).end();
                for (LayerInfo layer : d.returnedTypes()) {
                    x.element("wfs", WFS, "ReturnFeatureType", layer.qualifiedName());
                }
                x.end();
            }
            x.end();
        }
    }

    /** @param ids the stored queries asked for; empty for all */
    public void describe(FeatureTypes types, List<String> ids, OutputStream out) {
        List<StoredQueryDescription> all = descriptions(types);
        List<StoredQueryDescription> asked = new ArrayList<>();
        for (String id : ids) {
            asked.add(all.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow(
                    () -> OwsException.invalidParameter("storedQuery_Id", "Stored query " + id + " is not defined")));
        }
        try (XmlWriter x = start(types, out, "DescribeStoredQueriesResponse")) {
            for (StoredQueryDescription d : asked.isEmpty() ? all : asked) {
                x.start("wfs", WFS, "StoredQueryDescription").attribute("id", d.id());
                x.start("wfs", WFS, "Title").attribute("xml:lang", d.language()).text(d.title()).end();
                x.start("wfs", WFS, "Abstract").attribute("xml:lang", d.language()).text(d.summary()).end();
                for (StoredQueryDescription.Parameter p : d.parameters()) {
                    x.start("wfs", WFS, "Parameter").attribute("name", p.name()).attribute("type", p.type());
                    x.start("wfs", WFS, "Title").attribute("xml:lang", d.language()).text(p.title()).end();
                    x.end();
                }
                String returned = String.join(" ", d.returnedTypes().stream().map(LayerInfo::qualifiedName).toList());
                // private: the server runs the query itself (a plug-in's query need not be an FES expression)
                x.empty("wfs", WFS, "QueryExpressionText").attribute("returnFeatureTypes", returned)
                        .attribute("language", LANGUAGE).attribute("isPrivate", "true");
                x.end();
            }
            x.end();
        }
    }

    private static XmlWriter start(FeatureTypes types, OutputStream out, String root) {
        XmlWriter x = new XmlWriter(out);
        x.start("wfs", WFS, root).namespace("wfs", WFS).namespace("xs", "http://www.w3.org/2001/XMLSchema")
                .namespace("xsi", WfsVersion.XSI);
        for (Workspace w : types.catalog().workspaces()) {
            x.namespace(w.name(), w.namespaceUri());
        }
        x.attribute("xsi", WfsVersion.XSI, "schemaLocation", WFS + " " + WfsVersion.V2_0_0.wfsSchema());
        return x;
    }
}
