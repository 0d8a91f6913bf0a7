package fr.yseraa.observatory.server.writes;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.xml.OgcSchemas;
import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import fr.yseraa.observatory.server.security.UserStore;
import fr.yseraa.observatory.server.tiles.WmtsServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * WFS 2.0.0 and 1.1.0 Transaction over real HTTP on a real PostGIS: a producer inserts, updates, replaces and
 * deletes its occurrences under the import's rules (derived fields recomputed whatever the client sends, idempotent
 * on idSINPOccTax, tombstones), a partner writes an observatory layer through the engine's table writer; every
 * refusal answers its OGC exception and leaves the database as it was (row counts and a checksum); every answer is
 * valid against the official schemas; every write leaves an audit row. Its server is closed afterwards
 * (DirtiesContext), as the import tests' is.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class WfsTransactionTest {

    static final String PASSWORD = "correct horse battery staple";
    static final Path WORK = WmtsServerTest.tempDir();
    static final String WFS2 = "http://www.opengis.net/wfs/2.0";
    static final String FES = "http://www.opengis.net/fes/2.0";
    static final String GML32 = "http://www.opengis.net/gml/3.2";
    static final String SINP = "https://observatoire.yseraa.fr/sinp";
    static final String OBS = "https://observatoire.yseraa.fr/obs";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "wfs_transaction", 1000);
        registry.add("obs.wmts.cache-dir", () -> WORK.resolve("tiles").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    UserStore users;
    @Autowired
    DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();
    private JdbcTemplate db;
    /** A dataset of the GON (the demo producer's organisation). */
    private String gonDataset;
    /** An occurrence of another producer the demo producer sees (diffused), and one of its own. */
    private String othersVisible;
    private String own;
    /** A point in Saint-Omer, Lambert-93. */
    private double x;
    private double y;

    @BeforeEach
    void accounts() {
        db = new JdbcTemplate(dataSource);
        Integer gon = db.queryForObject("SELECT id FROM ref.organisation WHERE acronym = 'GON'", Integer.class);
        users.saveUser("producteur", PASSWORD, gon, Set.of("producer", "partner"));
        users.saveUser("partenaire", PASSWORD, null, Set.of("partner"));
        users.saveUser("instructeur", PASSWORD, null, Set.of("instructor"));
        gonDataset = db.queryForObject("SELECT uuid::text FROM ref.dataset WHERE producer_id = ? ORDER BY title LIMIT 1",
                String.class, gon);
        othersVisible = db.queryForObject("SELECT o.id_sinp_occtax::text FROM sinp.occurrence o JOIN ref.dataset d "
                + "ON d.uuid = o.jdd_metadonnee_dee_id WHERE d.producer_id <> ? AND o.diffusion_level < 4 ORDER BY o.id "
                + "LIMIT 1", String.class, gon);
        own = db.queryForObject("SELECT o.id_sinp_occtax::text FROM sinp.occurrence o JOIN ref.dataset d "
                + "ON d.uuid = o.jdd_metadonnee_dee_id WHERE d.producer_id = ? AND GeometryType(o.geom) = 'POINT' "
                + "ORDER BY o.id LIMIT 1", String.class, gon);
        x = db.queryForObject("SELECT ST_X(ST_PointOnSurface(geom)) FROM territory.commune WHERE insee = '62765'",
                Double.class);
        y = db.queryForObject("SELECT ST_Y(ST_PointOnSurface(geom)) FROM territory.commune WHERE insee = '62765'",
                Double.class);
    }

    // ------------------------------------------------------------------ requests

    /** A WFS 2.0 occurrence (GML 3.2) with the given properties, its point in Lambert-93. */
    private String occurrence(Map<String, String> properties, double px, double py) {
        StringBuilder b = new StringBuilder("<sinp:occurrences xmlns:sinp=\"" + SINP + "\" xmlns:gml=\"" + GML32 + "\">");
        properties.forEach((k, v) -> b.append("<sinp:").append(k).append(">").append(v).append("</sinp:").append(k)
                .append(">"));
        b.append("<sinp:geom><gml:Point srsName=\"urn:ogc:def:crs:EPSG::2154\"><gml:pos>").append(px).append(' ')
                .append(py).append("</gml:pos></gml:Point></sinp:geom>");
        return b.append("</sinp:occurrences>").toString();
    }

    private Map<String, String> validOccurrence(String id) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("id_sinp_occtax", id);
        p.put("cd_nom", "90000001");
        p.put("nom_cite", "Anas platyrhynchos");
        p.put("statut_observation", "Pr");
        p.put("date_debut", "2022-04-02");
        p.put("date_fin", "2022-04-02");
        p.put("observateur", "DUPONT Marie (GON)");
        p.put("jdd_metadonnee_dee_id", gonDataset);
        p.put("denombrement_min", "3");
        p.put("denombrement_max", "4");
        return p;
    }

    private static String transaction2(String actions) {
        return "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" xmlns:wfs=\"" + WFS2 + "\" xmlns:fes=\"" + FES
                + "\" xmlns:sinp=\"" + SINP + "\" xmlns:obs=\"" + OBS + "\" xmlns:gml=\"" + GML32 + "\">" + actions
                + "</wfs:Transaction>";
    }

    private static String insert2(String... features) {
        return "<wfs:Insert>" + String.join("", features) + "</wfs:Insert>";
    }

    private static String byId2(String rid) {
        return "<fes:Filter><fes:ResourceId rid=\"" + rid + "\"/></fes:Filter>";
    }

    private static String update2(String type, String rid, Map<String, String> values) {
        StringBuilder b = new StringBuilder("<wfs:Update typeName=\"" + type + "\">");
        values.forEach((k, v) -> b.append("<wfs:Property><wfs:ValueReference>").append(k)
                .append("</wfs:ValueReference><wfs:Value>").append(v).append("</wfs:Value></wfs:Property>"));
        return b.append(byId2(rid)).append("</wfs:Update>").toString();
    }

    private static String delete2(String type, String rid) {
        return "<wfs:Delete typeName=\"" + type + "\">" + byId2(rid) + "</wfs:Delete>";
    }

    HttpResponse<String> post(String login, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/wfs"))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body));
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The update sequence of the WFS 2.0 capabilities. */
    private long updateSequence() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/wfs?service=WFS&request=GetCapabilities&version=2.0.0")).build(), HttpResponse.BodyHandlers.ofString());
        return Long.parseLong(r.body().replaceAll("(?s).*?updateSequence=\"(\\d+)\".*", "$1"));
    }

    /** A successful transaction's answer, valid against the WFS schema of its version. */
    private String committed(HttpResponse<String> r, String schema) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(OgcSchemas.validate(schema, xml(r.body()))).as(r.body()).isEmpty();
        return r.body();
    }

    /** The state of the data a refused transaction must leave alone. */
    private List<Object> state() {
        return List.of(
                db.queryForObject("SELECT count(*) || ' ' || md5(coalesce(string_agg(o::text, ',' ORDER BY id), '')) "
                        + "FROM sinp.occurrence o", String.class),
                db.queryForObject("SELECT count(*) || ' ' || md5(coalesce(string_agg(o::text, ',' ORDER BY id), '')) "
                        + "FROM landscape.obstacle o", String.class),
                db.queryForObject("SELECT count(*) FROM sinp.occurrence_tombstone", Long.class),
                db.queryForObject("SELECT count(*) FROM security.write_audit", Long.class));
    }

    /** A refused transaction: its exception report (version's schema), code, status, and nothing changed. */
    private String refused(String login, String body, int status, String code, String schema) throws Exception {
        List<Object> before = state();
        HttpResponse<String> r = post(login, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).as(r.body()).contains("exceptionCode=\"" + code + "\"");
        assertThat(OgcSchemas.validate(schema, xml(r.body()))).as(r.body()).isEmpty();
        assertThat(state()).as("nothing changed after " + r.body()).isEqualTo(before);
        return r.body();
    }

    /** The exception reports of both versions (the service's, OWS 1.1). */
    private static final String OWS = "http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd";
    private static final String WFS2_XSD = "http://schemas.opengis.net/wfs/2.0/wfs.xsd";
    private static final String WFS1_XSD = "http://schemas.opengis.net/wfs/1.1.0/wfs.xsd";
    private static final String WFS100_XSD = "http://schemas.opengis.net/wfs/1.0.0/WFS-transaction.xsd";

    private Map<String, Object> row(String id) {
        return db.queryForMap("SELECT nom_cite, cd_nom, cd_ref, code_commune, code_maille, sensi_niveau, diffusion_level, "
                + "denombrement_min, denombrement_max, statut_observation, ST_AsText(geom) AS geom, "
                + "jdd_metadonnee_dee_id::text AS jdd FROM sinp.occurrence WHERE id_sinp_occtax = ?::uuid", id);
    }

    private long audited(String action, String id) {
        return db.queryForObject("SELECT count(*) FROM security.write_audit WHERE login = 'producteur' AND action = ? "
                + "AND ? = ANY (feature_ids)", Long.class, action, id);
    }

    static javax.xml.transform.Source xml(String text) {
        return new javax.xml.transform.stream.StreamSource(
                new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------ tests

    @Test
    void capabilitiesOfferTheTransaction() throws Exception {
        for (String version : List.of("2.0.0", "1.1.0")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/wfs?service=WFS&request=GetCapabilities&version=" + version)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(OgcSchemas.validate(version.equals("2.0.0") ? WFS2_XSD : WFS1_XSD, xml(r.body())))
                    .as(r.body()).isEmpty();
            assertThat(r.body()).contains("<ows:Operation name=\"Transaction\">");
        }
    }

    @Test
    void aProducerInsertsUpdatesReplacesAndDeletesItsOccurrencesInWfs2() throws Exception {
        String id = UUID.randomUUID().toString();
        Map<String, String> p = validOccurrence(id);
        // derived fields the client may not set: recomputed by the platform
        p.put("cd_ref", "1");
        p.put("code_commune", "99999");
        p.put("sensi_niveau", "4");
        String body = committed(post("producteur", transaction2(insert2(occurrence(p, x, y)))), WFS2_XSD);
        assertThat(body).contains("<wfs:totalInserted>1</wfs:totalInserted>")
                .contains("<fes:ResourceId rid=\"occurrences." + id + "\"/>");
        Map<String, Object> row = row(id);
        assertThat(row.get("cd_ref")).as("cdRef from TAXREF").isEqualTo(db.queryForObject(
                "SELECT cd_ref FROM ref.taxref WHERE cd_nom = 90000001", Integer.class));
        assertThat(row.get("code_commune")).as("attachment from the geometry").isEqualTo("62765");
        assertThat(row.get("code_maille")).isNotNull();
        assertThat(row.get("sensi_niveau")).as("sensitivity from the rules").isEqualTo(db.queryForObject(
                "SELECT coalesce((SELECT r.sensi_niveau FROM ref.sensitivity_rule r JOIN ref.taxref t ON t.cd_ref = r.cd_ref "
                        + "WHERE t.cd_nom = 90000001), '0')", String.class));
        assertThat(audited("Insert", "occurrences." + id)).isEqualTo(1);

        // sent again: the same occurrence (idempotent on idSINPOccTax), no duplicate
        long count = db.queryForObject("SELECT count(*) FROM sinp.occurrence", Long.class);
        committed(post("producteur", transaction2(insert2(occurrence(p, x, y)))), WFS2_XSD);
        assertThat(db.queryForObject("SELECT count(*) FROM sinp.occurrence", Long.class)).isEqualTo(count);

        body = committed(post("producteur", transaction2(update2("sinp:occurrences", "occurrences." + id,
                Map.of("nom_cite", "Canard colvert", "denombrement_max", "9", "code_maille", "X")))), WFS2_XSD);
        assertThat(body).contains("<wfs:totalUpdated>1</wfs:totalUpdated>");
        row = row(id);
        assertThat(row.get("nom_cite")).isEqualTo("Canard colvert");
        assertThat(row.get("denombrement_max")).isEqualTo(9);
        assertThat(row.get("code_maille")).as("derived, not the client's").isNotEqualTo("X");
        assertThat(audited("Update", "occurrences." + id)).isEqualTo(1);

        Map<String, String> replacement = validOccurrence(id);
        replacement.put("nom_cite", "Anas platyrhynchos L.");
        replacement.remove("denombrement_min");
        replacement.remove("denombrement_max");
        body = committed(post("producteur", transaction2("<wfs:Replace>" + occurrence(replacement, x + 200, y)
                + byId2("occurrences." + id) + "</wfs:Replace>")), WFS2_XSD);
        assertThat(body).contains("<wfs:totalReplaced>1</wfs:totalReplaced>");
        row = row(id);
        assertThat(row.get("nom_cite")).isEqualTo("Anas platyrhynchos L.");
        assertThat(row.get("denombrement_max")).as("a property the replacement leaves out is gone").isNull();
        assertThat((String) row.get("geom")).startsWith("POINT(" + (x + 200));

        body = committed(post("producteur", transaction2(delete2("sinp:occurrences", "occurrences." + id))), WFS2_XSD);
        assertThat(body).contains("<wfs:totalDeleted>1</wfs:totalDeleted>");
        assertThat(db.queryForObject("SELECT count(*) FROM sinp.occurrence WHERE id_sinp_occtax = ?::uuid", Long.class,
                id)).isZero();
        assertThat(db.queryForObject("SELECT count(*) FROM sinp.occurrence_tombstone WHERE id_sinp_occtax = ?::uuid",
                Long.class, id)).as("the deletion flows out as a tombstone").isEqualTo(1);
        assertThat(audited("Delete", "occurrences." + id)).isEqualTo(1);
    }

    @Test
    void aTransactionOnOccurrencesDropsTheCachedTilesOfEveryLayerThatFollowsThem() throws Exception {
        double[] lonLat = db.queryForObject("SELECT ARRAY[ST_X(g), ST_Y(g)] FROM (SELECT ST_Transform(ST_SetSRID("
                + "ST_MakePoint(?, ?), 2154), 4326) AS g) s", (rs, i) -> {
                    Double[] a = (Double[]) rs.getArray(1).getArray();
                    return new double[] {a[0], a[1]};
                }, x, y);
        int z = 14;
        long[] tile = WmtsServerTest.tileOf(lonLat[0], lonLat[1], z);
        List<String> following = List.of("sinp:occurrences", "sinp:occurrences_maille", "obs:indicateurs_commune")
                .stream().map(l -> WmtsServerTest.tilePath(l, "WebMercatorQuad", z, tile[0], tile[1], "png")).toList();
        String control = WmtsServerTest.tilePath("obs:communes", "WebMercatorQuad", z, tile[0], tile[1], "png");
        for (String t : Stream.concat(following.stream(), Stream.of(control)).toList()) {
            tile(t);
            assertThat(tileCache(tile(t))).as(t).isEqualTo("HIT");
        }
        String id = UUID.randomUUID().toString();
        committed(post("producteur", transaction2(insert2(occurrence(validOccurrence(id), x, y)))), WFS2_XSD);
        for (String t : following) {
            assertThat(tileCache(tile(t))).as(t + " after an occurrence was inserted in it").isEqualTo("MISS");
        }
        assertThat(tileCache(tile(control))).as("a layer that does not follow the occurrences keeps its tiles")
                .isEqualTo("HIT");
    }

    @Test
    void theDensityGridsFollowAnInsertAndADelete() throws Exception {
        Map<String, Long> before = densityGrids();
        assertThat(before).isEqualTo(rebuiltDensityGrids());
        String id = UUID.randomUUID().toString();
        committed(post("producteur", transaction2(insert2(occurrence(validOccurrence(id), x, y)))), WFS2_XSD);
        Map<String, Long> inserted = densityGrids();
        // instructors see every occurrence where it is: the finest cell of (x, y) counts one more
        String cell = "full 8 " + (int) Math.floor(x / 256) + " " + (int) Math.floor(y / 256);
        assertThat(inserted.get(cell)).isEqualTo(before.getOrDefault(cell, 0L) + 1);
        assertThat(inserted).as("the touched cells recounted as a full rebuild would").isEqualTo(rebuiltDensityGrids());
        committed(post("producteur", transaction2(delete2("sinp:occurrences", "occurrences." + id))), WFS2_XSD);
        assertThat(densityGrids()).as("deleted, the occurrence leaves the cells as they were").isEqualTo(before);
    }

    /** The precomputed density grids: "class level ix iy" to the count. */
    private Map<String, Long> densityGrids() {
        return densityGrids(db);
    }

    /** The grids a full rebuild makes, rebuilt in a transaction rolled back. */
    private Map<String, Long> rebuiltDensityGrids() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                JdbcTemplate inTransaction = new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true));
                inTransaction.queryForList("SELECT obs.refresh_density_grid()::text");
                return densityGrids(inTransaction);
            } finally {
                c.rollback();
            }
        }
    }

    private static Map<String, Long> densityGrids(JdbcTemplate jdbc) {
        Map<String, Long> cells = new java.util.HashMap<>();
        jdbc.query("SELECT c.access_level || ' ' || g.level || ' ' || g.ix || ' ' || g.iy, g.n FROM obs.density_grid g "
                + "JOIN obs.density_grid_class c ON c.id = g.class_id", rs -> {
                    cells.put(rs.getString(1), rs.getLong(2));
                });
        return cells;
    }

    @Test
    void aColumnTheDatabaseComputesIsNeverTakenFromTheClient() throws Exception {
        users.saveUser("administrateur", PASSWORD, null, Set.of("admin"));
        // a reservoir as a client sends back what it read: its key and its area (a generated column) included
        String square = x + " " + y + " " + (x + 100) + " " + y + " " + (x + 100) + " " + (y + 100) + " " + x + " "
                + (y + 100) + " " + x + " " + y;
        String reservoir = "<obs:reservoirs xmlns:obs=\"" + OBS + "\"><obs:id>999999</obs:id><obs:name>Mare test</obs:name>"
                + "<obs:sub_network>aquatic</obs:sub_network><obs:area_ha>12345</obs:area_ha><obs:geom><gml:Polygon "
                + "srsName=\"urn:ogc:def:crs:EPSG::2154\"><gml:exterior><gml:LinearRing><gml:posList>" + square
                + "</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></obs:geom></obs:reservoirs>";
        String body = committed(post("administrateur", transaction2(insert2(reservoir))), WFS2_XSD);
        String rid = body.replaceAll("(?s).*<fes:ResourceId rid=\"([^\"]+)\"/>.*", "$1");
        String key = rid.substring("reservoirs.".length());
        assertThat(key).as("the key the database gives").isNotEqualTo("999999");
        String area = "SELECT round(area_ha::numeric, 3) FROM landscape.reservoir WHERE id = ?::int";
        assertThat(db.queryForObject(area, java.math.BigDecimal.class, key)).as("the area of 100 m x 100 m")
                .isEqualByComparingTo("1.000");
        committed(post("administrateur", transaction2(update2("obs:reservoirs", rid,
                Map.of("name", "Mare renommée", "area_ha", "7")))), WFS2_XSD);
        assertThat(db.queryForObject("SELECT name FROM landscape.reservoir WHERE id = ?::int", String.class, key))
                .isEqualTo("Mare renommée");
        assertThat(db.queryForObject(area, java.math.BigDecimal.class, key)).isEqualByComparingTo("1.000");
        committed(post("administrateur", transaction2(delete2("obs:reservoirs", rid))), WFS2_XSD);
        assertThat(db.queryForObject("SELECT count(*) FROM landscape.reservoir WHERE id = ?::int", Long.class, key))
                .isZero();
    }

    private HttpResponse<byte[]> tile(String path) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r;
    }

    private static String tileCache(HttpResponse<byte[]> r) {
        return r.headers().firstValue("X-Tile-Cache").orElseThrow();
    }

    @Test
    void wfs11TransactionWithGml311() throws Exception {
        String id = UUID.randomUUID().toString();
        Map<String, String> p = validOccurrence(id);
        StringBuilder f = new StringBuilder("<sinp:occurrences>");
        p.forEach((k, v) -> f.append("<sinp:").append(k).append(">").append(v).append("</sinp:").append(k).append(">"));
        // WGS 84, longitude first (EPSG:4326 in the 1.1.0 form)
        double[] lonLat = db.queryForObject("SELECT ARRAY[ST_X(g), ST_Y(g)] FROM (SELECT ST_Transform(ST_SetSRID("
                + "ST_MakePoint(?, ?), 2154), 4326) AS g) s", (rs, i) -> {
                    Double[] a = (Double[]) rs.getArray(1).getArray();
                    return new double[] {a[0], a[1]};
                }, x, y);
        f.append("<sinp:geom><gml:Point srsName=\"EPSG:4326\"><gml:pos>").append(lonLat[0]).append(' ').append(lonLat[1])
                .append("</gml:pos></gml:Point></sinp:geom></sinp:occurrences>");
        String ns = "xmlns:wfs=\"http://www.opengis.net/wfs\" xmlns:ogc=\"http://www.opengis.net/ogc\" "
                + "xmlns:gml=\"http://www.opengis.net/gml\" xmlns:sinp=\"" + SINP + "\"";
        String body = committed(post("producteur", "<wfs:Transaction service=\"WFS\" version=\"1.1.0\" " + ns
                + "><wfs:Insert handle=\"new\">" + f + "</wfs:Insert></wfs:Transaction>"), WFS1_XSD);
        assertThat(body).contains("<wfs:totalInserted>1</wfs:totalInserted>")
                .contains("<wfs:Feature handle=\"new\"><ogc:FeatureId fid=\"occurrences." + id + "\"/>");
        assertThat(row(id).get("code_commune")).isEqualTo("62765");

        String filter = "<ogc:Filter><ogc:FeatureId fid=\"occurrences." + id + "\"/></ogc:Filter>";
        body = committed(post("producteur", "<wfs:Transaction service=\"WFS\" version=\"1.1.0\" " + ns
                + "><wfs:Update typeName=\"sinp:occurrences\"><wfs:Property><wfs:Name>nom_cite</wfs:Name>"
                + "<wfs:Value>Colvert</wfs:Value></wfs:Property>" + filter + "</wfs:Update></wfs:Transaction>"), WFS1_XSD);
        assertThat(body).contains("<wfs:totalUpdated>1</wfs:totalUpdated>");
        assertThat(row(id).get("nom_cite")).isEqualTo("Colvert");

        String invalid = refused("producteur", "<wfs:Transaction service=\"WFS\" version=\"1.1.0\" " + ns
                + "><wfs:Update typeName=\"sinp:occurrences\"><wfs:Property><wfs:Name>statut_observation</wfs:Name>"
                + "<wfs:Value>XX</wfs:Value></wfs:Property>" + filter + "</wfs:Update></wfs:Transaction>",
                400, "InvalidParameterValue", OWS);
        assertThat(invalid).contains("locator=\"occurrences." + id + "\"").contains("statutObservation");

        body = committed(post("producteur", "<wfs:Transaction service=\"WFS\" version=\"1.1.0\" " + ns
                + "><wfs:Delete typeName=\"sinp:occurrences\">" + filter + "</wfs:Delete></wfs:Transaction>"), WFS1_XSD);
        assertThat(body).contains("<wfs:totalDeleted>1</wfs:totalDeleted>");
        assertThat(db.queryForObject("SELECT count(*) FROM sinp.occurrence WHERE id_sinp_occtax = ?::uuid", Long.class,
                id)).isZero();
    }

    /** The 1.0.0 Transaction QGIS sends (GML 2, prefixed property names), answered in WFS 1.0.0. */
    @Test
    void qgisWfs100Transaction() throws Exception {
        String id = UUID.randomUUID().toString();
        StringBuilder f = new StringBuilder("<sinp:occurrences>");
        validOccurrence(id).forEach((k, v) -> f.append("<sinp:").append(k).append(">").append(v).append("</sinp:")
                .append(k).append(">"));
        f.append("<sinp:geom><gml:Point srsName=\"EPSG:2154\"><gml:coordinates cs=\",\" ts=\" \">").append(x).append(',')
                .append(y).append("</gml:coordinates></gml:Point></sinp:geom></sinp:occurrences>");
        String start = "<Transaction xmlns=\"http://www.opengis.net/wfs\" service=\"WFS\" version=\"1.0.0\" "
                + "xmlns:sinp=\"" + SINP + "\" xmlns:gml=\"http://www.opengis.net/gml\">";
        String body = committed(post("producteur", start + "<Insert>" + f + "</Insert></Transaction>"), WFS100_XSD);
        assertThat(body).contains("<ogc:FeatureId fid=\"occurrences." + id + "\"/>").contains("<wfs:SUCCESS/>");
        committed(post("producteur", start + "<Update typeName=\"sinp:occurrences\"><Property><Name>sinp:nom_cite</Name>"
                + "<Value>Modifié</Value></Property><Filter xmlns=\"http://www.opengis.net/ogc\"><FeatureId "
                + "fid=\"occurrences." + id + "\"/></Filter></Update></Transaction>"), WFS100_XSD);
        assertThat(row(id).get("nom_cite")).isEqualTo("Modifié");
        assertThat(row(id).get("code_commune")).isEqualTo("62765");
        committed(post("producteur", start + "<Delete typeName=\"sinp:occurrences\"><Filter "
                + "xmlns=\"http://www.opengis.net/ogc\"><FeatureId fid=\"occurrences." + id + "\"/></Filter></Delete>"
                + "</Transaction>"), WFS100_XSD);
        assertThat(db.queryForObject("SELECT count(*) FROM sinp.occurrence WHERE id_sinp_occtax = ?::uuid", Long.class,
                id)).isZero();
        // 1.0.0 is taken for the Transaction only
        HttpResponse<String> other = post(null, "<GetFeature xmlns=\"http://www.opengis.net/wfs\" service=\"WFS\" "
                + "version=\"1.0.0\"><Query typeName=\"obs:communes\"/></GetFeature>");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(400);
        assertThat(other.body()).contains("locator=\"version\"");
    }

    @Test
    void refusalsChangeNothing() throws Exception {
        String insert = transaction2(insert2(occurrence(validOccurrence(UUID.randomUUID().toString()), x, y)));
        assertThat(refused(null, insert, 403, "OperationProcessingFailed", OWS)).contains("locator=\"sinp:occurrences\"");
        refused("partenaire", insert, 403, "OperationProcessingFailed", OWS);
        refused("instructeur", transaction2(delete2("sinp:occurrences", "occurrences." + own)), 403,
                "OperationProcessingFailed", OWS);

        // another producer's occurrence the producer sees: not its to change
        assertThat(refused("producteur", transaction2(update2("sinp:occurrences", "occurrences." + othersVisible,
                Map.of("nom_cite", "x"))), 403, "OperationProcessingFailed", OWS))
                .contains("locator=\"occurrences." + othersVisible + "\"");
        refused("producteur", transaction2(delete2("sinp:occurrences", "occurrences." + othersVisible)), 403,
                "OperationProcessingFailed", OWS);

        // the import's checks, naming the feature and the field
        Map<String, String> badCode = validOccurrence(UUID.randomUUID().toString());
        badCode.put("statut_observation", "XX");
        assertThat(refused("producteur", transaction2(insert2(occurrence(badCode, x, y))), 400, "InvalidValue", OWS))
                .contains("locator=\"feature 1\"").contains("statutObservation").contains("unknown_code");
        Map<String, String> badTaxon = validOccurrence(UUID.randomUUID().toString());
        badTaxon.put("cd_nom", "99999999");
        assertThat(refused("producteur", transaction2(insert2(occurrence(badTaxon, x, y))), 400, "InvalidValue", OWS))
                .contains("cdNom").contains("unknown_taxon");
        assertThat(refused("producteur", transaction2(insert2(occurrence(validOccurrence(UUID.randomUUID().toString()),
                100000, 6200000))), 400, "InvalidValue", OWS)).contains("objetGeo").contains("outside_region");
        Map<String, String> badDate = validOccurrence(UUID.randomUUID().toString());
        badDate.put("date_fin", "2021-01-01");
        assertThat(refused("producteur", transaction2(insert2(occurrence(badDate, x, y))), 400, "InvalidValue", OWS))
                .contains("dates_reversed");
        Map<String, String> otherDataset = validOccurrence(UUID.randomUUID().toString());
        otherDataset.put("jdd_metadonnee_dee_id", db.queryForObject("SELECT uuid::text FROM ref.dataset d JOIN "
                + "ref.organisation o ON o.id = d.producer_id WHERE o.acronym <> 'GON' LIMIT 1", String.class));
        assertThat(refused("producteur", transaction2(insert2(occurrence(otherDataset, x, y))), 400, "InvalidValue",
                OWS)).contains("jddMetadonneeDEEId");
        assertThat(refused("producteur", transaction2(update2("sinp:occurrences", "occurrences." + own,
                Map.of("denombrement_min", "5", "denombrement_max", "2"))), 400, "InvalidValue", OWS))
                .contains("counts_reversed").contains("locator=\"occurrences." + own + "\"");

        // all or nothing: a valid insert and update beside an invalid insert leave nothing behind
        refused("producteur", transaction2(insert2(occurrence(validOccurrence(UUID.randomUUID().toString()), x, y))
                + update2("sinp:occurrences", "occurrences." + own, Map.of("nom_cite", "changed"))
                + insert2(occurrence(badTaxon, x, y))), 400, "InvalidValue", OWS);
    }

    @Test
    void aPartnerWritesAnObservatoryLayerItIsGranted() throws Exception {
        String obstacle = "<obs:obstacles xmlns:obs=\"" + OBS + "\"><obs:kind>weir</obs:kind><obs:class>weir</obs:class>"
                + "<obs:name>Seuil test</obs:name><obs:geom><gml:Point srsName=\"urn:ogc:def:crs:EPSG::2154\"><gml:pos>"
                + x + " " + y + "</gml:pos></gml:Point></obs:geom></obs:obstacles>";
        long sequence = updateSequence();
        String body = committed(post("partenaire", transaction2(insert2(obstacle))), WFS2_XSD);
        assertThat(updateSequence()).as("a write gives the catalog a new update sequence: extents follow the data")
                .isGreaterThan(sequence);
        String rid = body.replaceAll("(?s).*<fes:ResourceId rid=\"([^\"]+)\"/>.*", "$1");
        assertThat(rid).startsWith("obstacles.");
        String key = rid.substring("obstacles.".length());
        assertThat(db.queryForObject("SELECT name FROM landscape.obstacle WHERE id = ?::int", String.class, key))
                .isEqualTo("Seuil test");
        committed(post("partenaire", transaction2(update2("obs:obstacles", rid, Map.of("name", "Seuil renommé")))),
                WFS2_XSD);
        assertThat(db.queryForObject("SELECT name FROM landscape.obstacle WHERE id = ?::int", String.class, key))
                .isEqualTo("Seuil renommé");
        // a path with the feature type's step, the layer's prefix and the index of a single-valued property
        committed(post("partenaire", transaction2(update2("obs:obstacles", rid,
                Map.of("obs:obstacles/obs:name[1]", "Seuil du moulin")))), WFS2_XSD);
        assertThat(db.queryForObject("SELECT name FROM landscape.obstacle WHERE id = ?::int", String.class, key))
                .isEqualTo("Seuil du moulin");
        // GML's own name is not the layer's property "name": the layer stores no gml:name, and says so
        assertThat(refused("partenaire", transaction2(update2("obs:obstacles", rid, Map.of("gml:name", "Autre nom"))),
                400, "InvalidValue", OWS)).contains("gml:name");
        // a feature of a type the service does not have
        assertThat(refused("partenaire", transaction2("<wfs:Insert><tns:Airport xmlns:tns=\"http://example.org\" "
                + "gml:id=\"YVR\"><gml:name>Vancouver</gml:name></tns:Airport></wfs:Insert>"), 400, "InvalidValue", OWS))
                .contains("locator=\"YVR\"");
        assertThat(refused("partenaire", transaction2(update2("obs:obstacles", rid, Map.of("kind", "bridge"))), 400,
                "InvalidValue", OWS)).contains("check constraint");
        refused(null, transaction2(delete2("obs:obstacles", rid)), 403, "OperationProcessingFailed", OWS);
        refused("partenaire", transaction2(delete2("obs:communes", "communes.62765")), 403,
                "OperationProcessingFailed", OWS);
        committed(post("partenaire", transaction2(delete2("obs:obstacles", rid))), WFS2_XSD);
        assertThat(db.queryForObject("SELECT count(*) FROM landscape.obstacle WHERE id = ?::int", Long.class, key))
                .isZero();
    }

    @Test
    void aPartnerAddsACorridorAndTheServerDrawsItsAxis() throws Exception {
        // a band 100 m wide around a line 1 km long: its axis, which the layer does not publish, is that line
        String rid = inserted("partenaire", corridor(null, band(x, y, x + 1000, y)));
        String key = rid.substring("corridors.".length());
        assertThat(axisFrom(key, x, y, x + 1000, y)).as("the axis along the band").isLessThan(0.01);
        // reshaped without a word of its axis: the axis follows the new area
        committed(post("partenaire", transaction2(update2("obs:corridors", rid,
                Map.of("geom", band(x, y, x, y + 2000))))), WFS2_XSD);
        assertThat(axisFrom(key, x, y, x, y + 2000)).as("the axis along the new band").isLessThan(0.01);
        // between two named reservoirs, the axis runs from one to the other, as the demo's corridors do
        int[] reservoirs = db.queryForObject("SELECT a.id, b.id FROM landscape.reservoir a JOIN landscape.reservoir b"
                + " ON b.id > a.id AND NOT ST_Intersects(a.geom, b.geom) ORDER BY a.id, b.id LIMIT 1",
                (rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)});
        String between = inserted("partenaire", corridor(reservoirs, band(x, y, x + 1000, y)));
        assertThat(db.queryForObject("SELECT ST_HausdorffDistance(c.axis, ST_ShortestLine(a.geom, b.geom))"
                + " FROM landscape.corridor c, landscape.reservoir a, landscape.reservoir b"
                + " WHERE c.id = ?::int AND a.id = c.from_reservoir AND b.id = c.to_reservoir", Double.class,
                between.substring("corridors.".length()))).isLessThan(0.01);
        committed(post("partenaire", transaction2(delete2("obs:corridors", rid) + delete2("obs:corridors", between))),
                WFS2_XSD);
    }

    private String inserted(String login, String feature) throws Exception {
        String body = committed(post(login, transaction2(insert2(feature))), WFS2_XSD);
        return body.replaceAll("(?s).*<fes:ResourceId rid=\"([^\"]+)\"/>.*", "$1");
    }

    /** A corridor of the wetland network, 100 m wide, between two reservoirs or none. */
    private static String corridor(int[] reservoirs, String area) {
        String between = reservoirs == null ? "" : "<obs:from_reservoir>" + reservoirs[0] + "</obs:from_reservoir>"
                + "<obs:to_reservoir>" + reservoirs[1] + "</obs:to_reservoir>";
        return "<obs:corridors xmlns:obs=\"" + OBS + "\"><obs:name>Corridor de test</obs:name>"
                + "<obs:sub_network>wetland</obs:sub_network>" + between + "<obs:width_m>100</obs:width_m>"
                + "<obs:geom>" + area + "</obs:geom></obs:corridors>";
    }

    /** The band 100 m wide around a straight line, as a GML 3.2 MultiSurface in Lambert-93. */
    private static String band(double x1, double y1, double x2, double y2) {
        double length = Math.hypot(x2 - x1, y2 - y1);
        double nx = -(y2 - y1) / length * 50;
        double ny = (x2 - x1) / length * 50;
        double[] ring = {x1 + nx, y1 + ny, x1 - nx, y1 - ny, x2 - nx, y2 - ny, x2 + nx, y2 + ny, x1 + nx, y1 + ny};
        StringBuilder pos = new StringBuilder();
        for (double c : ring) {
            pos.append(pos.length() == 0 ? "" : " ").append(c);
        }
        return "<gml:MultiSurface srsName=\"urn:ogc:def:crs:EPSG::2154\"><gml:surfaceMember><gml:Polygon><gml:exterior>"
                + "<gml:LinearRing><gml:posList>" + pos + "</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>"
                + "</gml:surfaceMember></gml:MultiSurface>";
    }

    /** How far the corridor's stored axis is from the line between two points (Hausdorff distance, metres). */
    private double axisFrom(String key, double x1, double y1, double x2, double y2) {
        return db.queryForObject("SELECT ST_HausdorffDistance(axis, ST_MakeLine(ST_MakePoint(?, ?), ST_MakePoint(?, ?)))"
                + " FROM landscape.corridor WHERE id = ?::int", Double.class, x1, y1, x2, y2, key);
    }
}
