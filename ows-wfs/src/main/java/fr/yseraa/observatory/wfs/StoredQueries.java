package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.catalog.Workspace;
import fr.yseraa.observatory.core.ows.OwsException;
import java.io.OutputStream;
import java.util.List;

/** ListStoredQueries and DescribeStoredQueries: the mandatory GetFeatureById, over every readable type. */
public final class StoredQueries {

    public static final String GET_FEATURE_BY_ID = "urn:ogc:def:query:OGC-WFS::GetFeatureById";
    private static final String WFS = WfsVersion.V2_0_0.wfsNamespace();
    private static final String TITLE = "Objet par identifiant";
    private static final String ABSTRACT = "Renvoie l'objet dont l'identifiant (couche.clé) est donné.";

    private final FeatureTypes types;

    public StoredQueries(FeatureTypes types) {
        this.types = types;
    }

    public void list(OutputStream out) {
        try (XmlOutput x = start(out, "ListStoredQueriesResponse")) {
            x.start("wfs", WFS, "StoredQuery").attribute("id", GET_FEATURE_BY_ID);
            x.start("wfs", WFS, "Title").attribute("xml:lang", "fr").text(TITLE).end();
            for (LayerInfo layer : types.readable()) {
                x.element("wfs", WFS, "ReturnFeatureType", layer.qualifiedName());
            }
            x.end();
            x.end();
        }
    }

    /** @param ids the stored queries asked for; empty for all */
    public void describe(List<String> ids, OutputStream out) {
        for (String id : ids) {
            if (!GET_FEATURE_BY_ID.equals(id)) {
                throw OwsException.invalidParameter("storedQuery_Id", "Stored query " + id + " is not defined");
            }
        }
        try (XmlOutput x = start(out, "DescribeStoredQueriesResponse")) {
            x.start("wfs", WFS, "StoredQueryDescription").attribute("id", GET_FEATURE_BY_ID);
            x.start("wfs", WFS, "Title").attribute("xml:lang", "fr").text(TITLE).end();
            x.start("wfs", WFS, "Abstract").attribute("xml:lang", "fr").text(ABSTRACT).end();
            x.empty("wfs", WFS, "Parameter").attribute("name", "ID").attribute("type", "xs:string");
            String returned = String.join(" ", types.readable().stream().map(LayerInfo::qualifiedName).toList());
            x.empty("wfs", WFS, "QueryExpressionText").attribute("returnFeatureTypes", returned)
                    .attribute("language", "urn:ogc:def:queryLanguage:OGC-WFS::WFSQueryExpression")
                    .attribute("isPrivate", "true");
            x.end();
            x.end();
        }
    }

    private XmlOutput start(OutputStream out, String root) {
        XmlOutput x = new XmlOutput(out);
        x.start("wfs", WFS, root).namespace("wfs", WFS).namespace("xs", "http://www.w3.org/2001/XMLSchema")
                .namespace("xsi", WfsVersion.XSI);
        for (Workspace w : types.catalog().workspaces()) {
            x.namespace(w.name(), w.namespaceUri());
        }
        x.attribute("xsi", WfsVersion.XSI, "schemaLocation", WFS + " " + WfsVersion.V2_0_0.wfsSchema());
        return x;
    }
}
