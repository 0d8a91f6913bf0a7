package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.catalog.Workspace;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.xml.XmlWriter;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored queries: the mandatory GetFeatureById over every readable type, and the occurrences of a taxon in a
 * commune (offered when the caller may read both the occurrences and the communes). ListStoredQueries and
 * DescribeStoredQueries answer them; {@code getfeature.StoredQueryCall} runs them.
 */
public final class StoredQueries {

    public static final String GET_FEATURE_BY_ID = "urn:ogc:def:query:OGC-WFS::GetFeatureById";
    public static final String TAXON_IN_COMMUNE = "urn:x-yseraa:def:query:TaxonOccurrencesInCommune";
    /** The layers the taxon-in-commune query reads. */
    public static final String OCCURRENCES = "sinp:occurrences";
    public static final String COMMUNES = "obs:communes";
    public static final String TAXON_PARAMETER = "CD_REF";
    public static final String COMMUNE_PARAMETER = "INSEE";

    private static final String WFS = WfsVersion.V2_0_0.wfsNamespace();
    private static final String LANGUAGE = "urn:ogc:def:queryLanguage:OGC-WFS::WFSQueryExpression";

    private record Parameter(String name, String type, String title) {
    }

    private record Definition(String id, String title, String summary, List<Parameter> parameters,
                              List<LayerInfo> returned) {
    }

    private final FeatureTypes types;

    public StoredQueries(FeatureTypes types) {
        this.types = types;
    }

    /** The occurrences layer when the caller may run the taxon-in-commune query (reads both layers). */
    public static Optional<LayerInfo> taxonInCommuneLayer(FeatureTypes types) {
        List<LayerInfo> readable = types.readable();
        Optional<LayerInfo> occurrences = readable.stream().filter(l -> l.qualifiedName().equals(OCCURRENCES)).findFirst();
        boolean communes = readable.stream().anyMatch(l -> l.qualifiedName().equals(COMMUNES));
        return communes ? occurrences : Optional.empty();
    }

    private List<Definition> definitions() {
        List<Definition> all = new ArrayList<>();
        all.add(new Definition(GET_FEATURE_BY_ID, "Objet par identifiant",
                "Renvoie l'objet dont l'identifiant (couche.clé) est donné.",
                List.of(new Parameter("ID", "xs:string", "Identifiant de l'objet")), types.readable()));
        taxonInCommuneLayer(types).ifPresent(occurrences -> all.add(new Definition(TAXON_IN_COMMUNE,
                "Occurrences d'un taxon dans une commune",
                "Renvoie les occurrences du taxon (cd_ref TAXREF, synonymes compris) que l'appelant peut situer dans "
                        + "la commune (code INSEE) : la géométrie diffusée doit être contenue dans la commune ; une "
                        + "occurrence floutée à la maille ou au département n'y figure donc pas.",
                List.of(new Parameter(TAXON_PARAMETER, "xs:integer", "Code de référence TAXREF (cd_ref) du taxon"),
                        new Parameter(COMMUNE_PARAMETER, "xs:string", "Code INSEE de la commune")),
                List.of(occurrences))));
        return all;
    }

    public void list(OutputStream out) {
        try (XmlWriter x = start(out, "ListStoredQueriesResponse")) {
            for (Definition d : definitions()) {
                x.start("wfs", WFS, "StoredQuery").attribute("id", d.id());
                x.start("wfs", WFS, "Title").attribute("xml:lang", "fr").text(d.title()).end();
                for (LayerInfo layer : d.returned()) {
                    x.element("wfs", WFS, "ReturnFeatureType", layer.qualifiedName());
                }
                x.end();
            }
            x.end();
        }
    }

    /** @param ids the stored queries asked for; empty for all */
    public void describe(List<String> ids, OutputStream out) {
        List<Definition> all = definitions();
        List<Definition> asked = new ArrayList<>();
        for (String id : ids) {
            asked.add(all.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow(
                    () -> OwsException.invalidParameter("storedQuery_Id", "Stored query " + id + " is not defined")));
        }
        try (XmlWriter x = start(out, "DescribeStoredQueriesResponse")) {
            for (Definition d : asked.isEmpty() ? all : asked) {
                x.start("wfs", WFS, "StoredQueryDescription").attribute("id", d.id());
                x.start("wfs", WFS, "Title").attribute("xml:lang", "fr").text(d.title()).end();
                x.start("wfs", WFS, "Abstract").attribute("xml:lang", "fr").text(d.summary()).end();
                for (Parameter p : d.parameters()) {
                    x.start("wfs", WFS, "Parameter").attribute("name", p.name()).attribute("type", p.type());
                    x.start("wfs", WFS, "Title").attribute("xml:lang", "fr").text(p.title()).end();
                    x.end();
                }
                String returned = String.join(" ", d.returned().stream().map(LayerInfo::qualifiedName).toList());
                // private: the server runs the query itself (the commune's geometry is not an FES literal)
                x.empty("wfs", WFS, "QueryExpressionText").attribute("returnFeatureTypes", returned)
                        .attribute("language", LANGUAGE).attribute("isPrivate", "true");
                x.end();
            }
            x.end();
        }
    }

    private XmlWriter start(OutputStream out, String root) {
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
