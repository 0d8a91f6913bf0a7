package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.xml.OgcSchemas;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A workspace's virtual WFS ({@code /{workspace}/wfs}, {@code /{workspace}/ows}; the WMS at {@code /{workspace}/wms}
 * likewise): the same service with the catalog
 * narrowed to that workspace — its capabilities list only its types, a type of another workspace answers as a type
 * that does not exist (for reads and Transactions alike), a layer hidden from the caller stays hidden there, an
 * unknown workspace is NotFound (404); the Transactional class claimed only where the caller may write every type;
 * and the standard GML properties a layer maps to columns (workspace {@code edit}: gml:name, gml:description and
 * gml:identifier of the obstacles) in GML output, filters, Insert, Update and Replace.
 */
class VirtualWorkspaceServicesTest extends ReservoirsForPartnersServer {

    private static final String WFS2 = "http://www.opengis.net/wfs/2.0";
    private static final String FES = "http://www.opengis.net/fes/2.0";
    private static final String GML32 = "http://www.opengis.net/gml/3.2";
    private static final String EDIT = "https://observatoire.yseraa.fr/edit";
    private static final String WFS2_XSD = "http://schemas.opengis.net/wfs/2.0/wfs.xsd";
    private static final String OWS_XSD = "http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd";

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    JdbcTemplate db;

    private static boolean usersSaved;

    @BeforeEach
    void users() {
        if (!usersSaved) {
            users.saveUser("editeur", PASSWORD, null, Set.of("admin"));
            users.saveUser("naturaliste", PASSWORD, null, Set.of("partner"));
            usersSaved = true;
        }
    }

    private HttpResponse<String> get(String path, String login, String query) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + "?" + query));
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String login, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body));
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String capabilities() {
        return "service=WFS&request=GetCapabilities&version=2.0.0";
    }

    private static String getFeature(String typeNames, String more) {
        return "service=WFS&version=2.0.0&request=GetFeature&typeNames=" + typeNames + more;
    }

    private static String valid(HttpResponse<String> r, String schema) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(OgcSchemas.validate(schema, new StreamSource(new ByteArrayInputStream(
                r.body().getBytes(StandardCharsets.UTF_8))))).as(r.body()).isEmpty();
        return r.body();
    }

    private static void report(HttpResponse<String> r, int status, String code, String locator) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains("exceptionCode=\"" + code + "\"", "locator=\"" + locator + "\"");
        assertThat(OgcSchemas.validate(OWS_XSD, new StreamSource(new ByteArrayInputStream(
                r.body().getBytes(StandardCharsets.UTF_8))))).as(r.body()).isEmpty();
    }

    @Test
    void capabilitiesOfAWorkspaceListItsTypesOnlyAndPointBackToIt() throws Exception {
        String body = valid(get("/obs/wfs", null, capabilities()), WFS2_XSD);
        assertThat(body).contains("<wfs:Name>obs:communes</wfs:Name>", "<wfs:Name>obs:obstacles</wfs:Name>")
                .doesNotContain("sinp:occurrences", "<wfs:Name>sinp:", "<wfs:Name>edit:")
                .contains("http://localhost:" + port + "/obs/wfs").doesNotContain("localhost:" + port + "/wfs?");
        // the same through /obs/ows, SERVICE naming the WFS
        String ows = valid(get("/obs/ows", null, capabilities()), WFS2_XSD);
        assertThat(ows).contains("<wfs:Name>obs:communes</wfs:Name>").doesNotContain("<wfs:Name>sinp:");
        // the server's own endpoint still lists every workspace
        assertThat(valid(get("/wfs", null, capabilities()), WFS2_XSD)).contains("<wfs:Name>sinp:occurrences</wfs:Name>");
    }

    @Test
    void anUnknownWorkspaceIsNotFound() throws Exception {
        report(get("/nowhere/wfs", null, capabilities()), 404, "NotFound", "workspace");
        report(post("/nowhere/wfs", null, "<wfs:GetCapabilities service=\"WFS\" xmlns:wfs=\"" + WFS2 + "\"/>"), 404,
                "NotFound", "workspace");
        // a service that does not serve workspaces is not offered at their endpoints
        report(get("/obs/ows", null, "service=WMTS&request=GetCapabilities&version=1.0.0"), 400,
                "InvalidParameterValue", "service");
    }

    @Test
    void aTypeOfAnotherWorkspaceAnswersAsATypeThatDoesNotExist() throws Exception {
        HttpResponse<String> other = get("/obs/wfs", null, getFeature("sinp:occurrences", "&count=1"));
        HttpResponse<String> none = get("/obs/wfs", null, getFeature("sinp:nothing", "&count=1"));
        report(other, 400, "InvalidParameterValue", "typeNames");
        assertThat(other.body().replace("sinp:occurrences", "X")).isEqualTo(none.body().replace("sinp:nothing", "X"));
        HttpResponse<String> describe = get("/obs/wfs", null,
                "service=WFS&version=2.0.0&request=DescribeFeatureType&typeNames=sinp:occurrences");
        assertThat(describe.statusCode()).isEqualTo(400);
        assertThat(describe.body()).doesNotContain("id_sinp_occtax");
    }

    @Test
    void aLayerHiddenFromTheCallerStaysHiddenThroughTheVirtualEndpoint() throws Exception {
        // obs:reservoirs is for partners: the public gets the answer of a layer that does not exist
        HttpResponse<String> hidden = get("/obs/wfs", null, getFeature("obs:reservoirs", "&count=1"));
        HttpResponse<String> none = get("/obs/wfs", null, getFeature("obs:nothing", "&count=1"));
        assertThat(hidden.statusCode()).isEqualTo(none.statusCode()).isEqualTo(400);
        assertThat(hidden.body().replace("obs:reservoirs", "X")).isEqualTo(none.body().replace("obs:nothing", "X"));
        assertThat(get("/obs/wfs", null, capabilities()).body()).doesNotContain("obs:reservoirs");
        assertThat(valid(get("/obs/wfs", "naturaliste", getFeature("obs:reservoirs", "&count=1")),
                WFS2_XSD)).contains("<obs:reservoirs");
        // the administrators' workspace: to a partner as if it held nothing
        String partners = valid(get("/edit/wfs", "naturaliste", capabilities()), WFS2_XSD);
        assertThat(partners).doesNotContain("edit:obstacles");
    }

    @Test
    void aTransactionThroughAWorkspaceCannotTouchAnotherWorkspacesLayer() throws Exception {
        long communes = db.queryForObject("SELECT count(*) FROM territory.commune", Long.class);
        String obstacles = obstaclesState();
        HttpResponse<String> delete = post("/edit/wfs", "editeur", transaction(
                "<wfs:Delete typeName=\"obs:communes\"><fes:Filter><fes:ResourceId rid=\"communes.62765\"/>"
                        + "</fes:Filter></wfs:Delete>"));
        report(delete, 400, "InvalidParameterValue", "typeName");
        // a feature of another workspace's type in an Insert: a type the service does not define
        HttpResponse<String> insert = post("/edit/wfs", "editeur", transaction("<wfs:Insert><obs:obstacles "
                + "xmlns:obs=\"https://observatoire.yseraa.fr/obs\"><obs:kind>weir</obs:kind><obs:class>weir</obs:class>"
                + point("obs") + "</obs:obstacles></wfs:Insert>"));
        assertThat(insert.statusCode()).as(insert.body()).isEqualTo(400);
        assertThat(insert.body()).contains("exceptionCode=\"InvalidValue\"");
        assertThat(db.queryForObject("SELECT count(*) FROM territory.commune", Long.class)).isEqualTo(communes);
        assertThat(obstaclesState()).isEqualTo(obstacles);
    }

    @Test
    void theWmsOfAWorkspaceServesItsLayersOnly() throws Exception {
        HttpResponse<String> caps = get("/obs/wms", null, "service=WMS&request=GetCapabilities&version=1.3.0");
        valid(caps, "http://schemas.opengis.net/sld/1.1.0/sld_capabilities.xsd"); // WMS 1.3.0 with the SLD extension
        assertThat(caps.body()).contains("<Name>obs:communes</Name>").doesNotContain("<Name>sinp:occurrences</Name>")
                .contains("http://localhost:" + port + "/obs/wms");
        assertThat(get("/sinp/ows", null, "service=WMS&request=GetCapabilities&version=1.3.0").body())
                .contains("<Name>sinp:occurrences</Name>").doesNotContain("<Name>obs:communes</Name>");
        String map = "service=WMS&version=1.3.0&request=GetMap&styles=&crs=EPSG:2154&bbox=640000,7060000,660000,7080000"
                + "&width=64&height=64&format=image/png&layers=";
        assertThat(get("/obs/wms", null, map + "obs:communes").headers().firstValue("Content-Type")).contains("image/png");
        HttpResponse<String> other = get("/obs/wms", null, map + "sinp:occurrences");
        HttpResponse<String> none = get("/obs/wms", null, map + "sinp:nothing");
        assertThat(other.statusCode()).isEqualTo(none.statusCode());
        assertThat(other.body()).contains("LayerNotDefined");
        assertThat(other.body().replace("sinp:occurrences", "X")).isEqualTo(none.body().replace("sinp:nothing", "X"));
        report(get("/nowhere/wms", null, "service=WMS&request=GetCapabilities&version=1.3.0"), 404, "NotFound",
                "workspace");
    }

    @Test
    void theTransactionalClassIsClaimedWhereTheCallerWritesEveryType() throws Exception {
        assertThat(valid(get("/edit/wfs", "editeur", capabilities()), WFS2_XSD))
                .contains(constraint("ImplementsTransactionalWFS", "TRUE"), constraint("ImplementsLockingWFS", "TRUE"));
        // the server's own endpoint publishes views and aggregates, which nobody writes
        assertThat(valid(get("/wfs", "editeur", capabilities()), WFS2_XSD))
                .contains(constraint("ImplementsTransactionalWFS", "FALSE"), constraint("ImplementsLockingWFS", "TRUE"));
        // obs: holds views too; a partner writes only some of its tables
        assertThat(get("/obs/wfs", "editeur", capabilities()).body())
                .contains(constraint("ImplementsTransactionalWFS", "FALSE"));
        assertThat(get("/obs/wfs", "naturaliste", capabilities()).body())
                .contains(constraint("ImplementsTransactionalWFS", "FALSE"));
        // a caller who reads no type of the workspace writes none
        assertThat(get("/edit/wfs", null, capabilities()).body())
                .contains(constraint("ImplementsTransactionalWFS", "FALSE"));
    }

    private static String constraint(String name, String value) {
        return "<ows:Constraint name=\"" + name + "\"><ows:NoValues/><ows:DefaultValue>" + value
                + "</ows:DefaultValue></ows:Constraint>";
    }

    @Test
    void theStandardGmlPropertiesOfALayerAreItsColumns() throws Exception {
        int id = db.queryForObject("SELECT min(id) FROM landscape.obstacle WHERE name IS NOT NULL", Integer.class);
        Map<String, Object> row = db.queryForMap("SELECT name, kind, class FROM landscape.obstacle WHERE id = ?", id);
        String rid = "obstacles." + id;
        // GML output: the columns as gml:description, gml:identifier, gml:name, not again as properties of their own
        String feature = valid(get("/edit/wfs", "editeur", "service=WFS&version=2.0.0&request=GetFeature"
                + "&typeNames=edit:obstacles&resourceId=" + rid), WFS2_XSD);
        assertThat(feature).contains("<gml:description>" + row.get("kind") + "</gml:description>",
                "<gml:identifier codeSpace=\"" + EDIT + "\">" + row.get("class") + "</gml:identifier>",
                "<gml:name>" + row.get("name") + "</gml:name>").doesNotContain("<edit:name>", "<edit:kind>");
        String schema = get("/edit/wfs", "editeur",
                "service=WFS&version=2.0.0&request=DescribeFeatureType&typeNames=edit:obstacles").body();
        assertThat(schema).doesNotContain("name=\"name\"", "name=\"kind\"").contains("name=\"geom\"");
        // filters: gml:name is the name column
        String filter = "<fes:Filter xmlns:fes=\"" + FES + "\" xmlns:gml=\"" + GML32 + "\"><fes:PropertyIsEqualTo>"
                + "<fes:ValueReference>gml:name</fes:ValueReference><fes:Literal>" + row.get("name")
                + "</fes:Literal></fes:PropertyIsEqualTo></fes:Filter>";
        long named = db.queryForObject("SELECT count(*) FROM landscape.obstacle WHERE name = ?", Long.class,
                row.get("name"));
        String hits = valid(get("/edit/wfs", "editeur", getFeature("edit:obstacles", "&resultType=hits&filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8))), WFS2_XSD);
        assertThat(hits).contains("numberMatched=\"" + named + "\"");

        // Update of gml:name[1] (as the conformance suite writes it) and gml:description
        valid(post("/edit/wfs", "editeur", transaction("<wfs:Update typeName=\"edit:obstacles\">"
                + property("gml:name[1]", "Seuil renommé") + property("gml:description", "lock")
                + "<fes:Filter><fes:ResourceId rid=\"" + rid + "\"/></fes:Filter></wfs:Update>")), WFS2_XSD);
        assertThat(db.queryForMap("SELECT name, kind FROM landscape.obstacle WHERE id = ?", id))
                .containsEntry("name", "Seuil renommé").containsEntry("kind", "lock");
        // Replace: the replacing feature's gml: properties, and nothing else kept
        valid(post("/edit/wfs", "editeur", transaction("<wfs:Replace>" + obstacle("Écluse remplacée", "lock", "lock")
                + "<fes:Filter><fes:ResourceId rid=\"" + rid + "\"/></fes:Filter></wfs:Replace>")), WFS2_XSD);
        assertThat(db.queryForMap("SELECT name, kind, class FROM landscape.obstacle WHERE id = ?", id))
                .containsEntry("name", "Écluse remplacée").containsEntry("kind", "lock").containsEntry("class", "lock");
        // Insert: a new feature's gml: properties into their columns
        String inserted = valid(post("/edit/wfs", "editeur", transaction("<wfs:Insert>"
                + obstacle("Seuil ajouté", "weir", "weir") + "</wfs:Insert>")), WFS2_XSD);
        String newId = inserted.replaceAll("(?s).*<wfs:InsertResults>.*?rid=\"obstacles\\.(\\d+)\".*", "$1");
        assertThat(db.queryForMap("SELECT name, kind, class FROM landscape.obstacle WHERE id = ?",
                Integer.parseInt(newId))).containsEntry("name", "Seuil ajouté").containsEntry("kind", "weir")
                .containsEntry("class", "weir");
        // put the demo back as it was
        db.update("DELETE FROM landscape.obstacle WHERE id = ?", Integer.parseInt(newId));
        db.update("UPDATE landscape.obstacle SET name = ?, kind = ?, class = ? WHERE id = ?", row.get("name"),
                row.get("kind"), row.get("class"), id);

        // a layer that maps none keeps its answer: gml:name is a property it does not have
        HttpResponse<String> unmapped = post("/obs/wfs", "editeur", transaction("<wfs:Update typeName=\"obs:obstacles\" "
                + "xmlns:obs=\"https://observatoire.yseraa.fr/obs\">" + property("gml:name", "X")
                + "<fes:Filter><fes:ResourceId rid=\"" + rid + "\"/></fes:Filter></wfs:Update>"));
        assertThat(unmapped.statusCode()).as(unmapped.body()).isEqualTo(400);
        assertThat(unmapped.body()).contains("exceptionCode=\"InvalidValue\"", "has no property gml:name");
    }

    private String obstaclesState() {
        return db.queryForObject("SELECT count(*) || ' ' || md5(coalesce(string_agg(o::text, ',' ORDER BY id), '')) "
                + "FROM landscape.obstacle o", String.class);
    }

    private static String transaction(String actions) {
        return "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" xmlns:wfs=\"" + WFS2 + "\" xmlns:fes=\"" + FES
                + "\" xmlns:edit=\"" + EDIT + "\" xmlns:gml=\"" + GML32 + "\">" + actions + "</wfs:Transaction>";
    }

    private static String property(String reference, String value) {
        return "<wfs:Property><wfs:ValueReference>" + reference + "</wfs:ValueReference><wfs:Value>" + value
                + "</wfs:Value></wfs:Property>";
    }

    private static String obstacle(String name, String kind, String klass) {
        return "<edit:obstacles><gml:description>" + kind + "</gml:description><gml:identifier codeSpace=\"" + EDIT
                + "\">" + klass + "</gml:identifier><gml:name>" + name + "</gml:name>" + point("edit")
                + "</edit:obstacles>";
    }

    private static String point(String prefix) {
        return "<" + prefix + ":geom><gml:Point xmlns:gml=\"" + GML32 + "\" srsName=\"urn:ogc:def:crs:EPSG::2154\">"
                + "<gml:pos>652000 7071000</gml:pos></gml:Point></" + prefix + ":geom>";
    }
}
