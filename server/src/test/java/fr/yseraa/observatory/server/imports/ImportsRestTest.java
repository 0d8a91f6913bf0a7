package fr.yseraa.observatory.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Set;
import java.util.UUID;
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
 * {@code POST /rest/imports} and {@code GET /rest/imports/{id}} over real HTTP: who may import into which dataset,
 * parameters refused with their locator, a producer's CSV sent as multipart and followed to its JSON report, a raw
 * GeoJSON body, the tiles over the changed area dropped. Its server is closed afterwards (DirtiesContext): the
 * contexts Spring keeps for the other test classes already hold most of the test cluster's connections.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ImportsRestTest {

    static final String PASSWORD = "correct horse battery staple";
    static final Path WORK = WmtsServerTest.tempDir();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "imports_rest", 1000);
        registry.add("obs.imports.spool-dir", () -> WORK.resolve("spool").toString());
        registry.add("obs.wmts.cache-dir", () -> WORK.resolve("tiles").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    UserStore users;
    @Autowired
    DataSource dataSource;
    @Autowired
    ImportJobRetention retention;

    private final HttpClient http = HttpClient.newHttpClient();
    private JdbcTemplate db;
    /** A dataset of the GON (the demo producer's organisation), and one of another organisation. */
    private String gonDataset;
    private String otherDataset;
    /** A point in Saint-Omer, WGS 84. */
    private double lon;
    private double lat;

    @BeforeEach
    void accounts() {
        db = new JdbcTemplate(dataSource);
        Integer gon = db.queryForObject("SELECT id FROM ref.organisation WHERE acronym = 'GON'", Integer.class);
        Integer cbnbl = db.queryForObject("SELECT id FROM ref.organisation WHERE acronym = 'CBNBl'", Integer.class);
        users.saveUser("producteur", PASSWORD, gon, Set.of("producer", "partner"));
        users.saveUser("cbnbl-saisie", PASSWORD, cbnbl, Set.of("producer"));
        users.saveUser("partenaire", PASSWORD, null, Set.of("partner"));
        users.saveUser("admin", PASSWORD, null, Set.of("admin"));
        gonDataset = db.queryForObject("SELECT uuid::text FROM ref.dataset WHERE producer_id = ? ORDER BY title LIMIT 1",
                String.class, gon);
        otherDataset = db.queryForObject("SELECT uuid::text FROM ref.dataset WHERE producer_id = ? ORDER BY title LIMIT 1",
                String.class, cbnbl);
        lon = db.queryForObject("SELECT ST_X(ST_Transform(ST_PointOnSurface(geom), 4326)) FROM territory.commune "
                + "WHERE insee = '62765'", Double.class);
        lat = db.queryForObject("SELECT ST_Y(ST_Transform(ST_PointOnSurface(geom), 4326)) FROM territory.commune "
                + "WHERE insee = '62765'", Double.class);
    }

    private String csv(String prefix) {
        return "Identifiant;Code taxon;Nom latin;Date;Observateur;Nombre;Statut;X;Y\n"
                + prefix + "1;90000001;Anas platyrhynchos;02/04/2022;DUPONT Marie (GON);4;présent;" + lon + ";" + lat + "\n"
                + prefix + "2;99999999;Inconnu;02/04/2022;DUPONT Marie (GON);1;présent;" + lon + ";" + lat + "\n"
                + prefix + "3;90000002;Mareca strepera;03/04/2022;DUPONT Marie (GON);2;présent;" + lon + ";" + lat + "\n";
    }

    private HttpResponse<String> post(String login, String query, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/rest/imports?" + query))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart body with one part, {@code file}, named {@code name}. */
    private HttpResponse<String> postFile(String login, String query, String name, String content) throws Exception {
        String boundary = "----import" + UUID.randomUUID();
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return post(login, query, "multipart/form-data; boundary=" + boundary, body);
    }

    private HttpResponse<String> get(String login, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestServer.basicAuthorization(login, PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Follows a job until it ends. */
    private JsonNode finished(String login, HttpResponse<String> accepted) throws Exception {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/rest/imports/" + JSON.readTree(accepted.body()).path("id").asText());
        for (int i = 0; i < 600; i++) {
            JsonNode job = JSON.readTree(get(login, location).body());
            if (job.path("state").asText().matches("done|failed")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import job did not end in 60 s");
    }

    @Test
    void onlyTheAdminAndTheDatasetsProducerMayImport() throws Exception {
        String query = "dataset=" + gonDataset + "&mapping=association";
        assertThat(postFile(null, query, "a.csv", csv("N")).statusCode()).isEqualTo(401);
        HttpResponse<String> partner = postFile("partenaire", query, "a.csv", csv("N"));
        assertThat(partner.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(partner.body()).path("code").asText()).isEqualTo("Forbidden");
        assertThat(postFile("cbnbl-saisie", query, "a.csv", csv("N")).statusCode()).as("another organisation's producer")
                .isEqualTo(403);
        assertThat(postFile("producteur", "dataset=" + otherDataset + "&mapping=association", "a.csv", csv("N")).statusCode())
                .isEqualTo(403);
        assertThat(db.queryForObject("SELECT count(*) FROM security.import_job", Long.class)).isZero();

        for (String[] bad : new String[][] {{"mapping=association", "dataset"}, {"dataset=zz&mapping=association", "dataset"},
                {"dataset=" + UUID.randomUUID() + "&mapping=association", "dataset"}, {"dataset=" + gonDataset, "mapping"},
                {"dataset=" + gonDataset + "&mapping=nosuch", "mapping"}, {query + "&mode=sometimes", "mode"},
                {query + "&dryRun=maybe", "dryRun"}, {query + "&format=xls", "format"}, {query + "&maxRejected=some", "maxRejected"},
                {query + "&maxRejected=120%25", "maxRejected"}}) {
            HttpResponse<String> r = postFile("producteur", bad[0], "a.csv", csv("N"));
            assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("locator").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        HttpResponse<String> unknownType = post("producteur", query, "application/pdf", new byte[] {1});
        assertThat(JSON.readTree(unknownType.body()).path("locator").asText()).isEqualTo("format");
    }

    @Test
    void aProducersCsvIsImportedAndItsReportFollowed() throws Exception {
        long[] rc = WmtsServerTest.tileOf(lon, lat, 14);
        String tile = WmtsServerTest.tilePath("sinp:occurrences", "WebMercatorQuad", 14, rc[0], rc[1], "png");
        assertThat(get("admin", tile).headers().firstValue("X-Tile-Cache")).hasValue("MISS");
        assertThat(get("admin", tile).headers().firstValue("X-Tile-Cache")).hasValue("HIT");

        JsonNode job = finished("producteur", postFile("producteur", "dataset=" + gonDataset + "&mapping=association",
                "export.csv", csv("R")));
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("done");
        assertThat(job.path("file").asText()).isEqualTo("export.csv");
        assertThat(job.path("submittedBy").asText()).isEqualTo("producteur");
        JsonNode report = job.path("report");
        assertThat(report.path("counts").toString()).isEqualTo(
                "{\"read\":3,\"valid\":2,\"inserted\":2,\"updated\":0,\"unchanged\":0,\"deleted\":0,\"rejected\":1}");
        assertThat(report.path("reasons").toString()).isEqualTo(
                "[{\"reason\":\"unknown_taxon\",\"message\":\"cdNom inconnu de TAXREF\",\"count\":1}]");
        assertThat(report.path("rejections").toString()).isEqualTo("[{\"line\":3,\"field\":\"cdNom\",\"column\":"
                + "\"Code taxon\",\"value\":\"99999999\",\"reason\":\"unknown_taxon\",\"message\":\"cdNom inconnu de TAXREF\"}]");
        assertThat(db.queryForObject("SELECT count(*) FROM sinp.occurrence WHERE jdd_metadonnee_dee_id = ?::uuid "
                + "AND observateur = 'DUPONT Marie (GON)' AND date_debut >= '2022-04-02'", Long.class, gonDataset)).isEqualTo(2);
        assertThat(get("admin", tile).headers().firstValue("X-Tile-Cache")).as("the tile over the new occurrences")
                .hasValue("MISS");

        String path = "/rest/imports/" + job.path("id").asText();
        assertThat(get("partenaire", path).statusCode()).as("another user").isEqualTo(404);
        assertThat(get("cbnbl-saisie", path).statusCode()).isEqualTo(404);
        assertThat(get("admin", path).statusCode()).isEqualTo(200);
        assertThat(get("producteur", "/rest/imports/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(get("producteur", "/rest/imports/nonsense").statusCode()).isEqualTo(404);
    }

    @Test
    void theAdminSendsARawGeoJsonBodyInFullModeAsADryRun() throws Exception {
        long before = db.queryForObject("SELECT count(*) FROM sinp.occurrence WHERE jdd_metadonnee_dee_id = ?::uuid",
                Long.class, otherDataset);
        String geojson = """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"statutObservation": "Pr",
                 "cdNom": 90000003, "nomCite": "n", "dateDebut": "2019-06-01", "dateFin": "2019-06-01",
                 "observateur": "NOM Prénom", "statutSource": "Te"}, "geometry": {"type": "Point", "coordinates": [%s, %s]}}]}"""
                .formatted(lon, lat);
        JsonNode job = finished("admin", post("admin", "dataset=" + otherDataset + "&mapping=standard&mode=full&dryRun=true",
                "application/geo+json", geojson.getBytes(StandardCharsets.UTF_8)));
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("done");
        assertThat(job.path("mode").asText()).isEqualTo("full");
        assertThat(job.path("report").path("counts").path("inserted").asLong()).isEqualTo(1);
        assertThat(job.path("report").path("counts").path("deleted").asLong()).isEqualTo(before);
        assertThat(db.queryForObject("SELECT count(*) FROM sinp.occurrence WHERE jdd_metadonnee_dee_id = ?::uuid",
                Long.class, otherDataset)).as("a dry run").isEqualTo(before);
    }

    @Test
    void jobsFinishedBeforeTheRetentionAreForgottenWithTheirFiles() throws Exception {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        String insert = "INSERT INTO security.import_job (id, login, dataset, mapping, mode, dry_run, file_name, node, "
                + "state, submitted_at, finished_at) VALUES (?::uuid, 'producteur', ?::uuid, 'association', 'incremental', "
                + "false, 'export.csv', 'elsewhere:8080', ?, now() - ?::interval, now() - ?::interval)";
        db.update(insert, old.toString(), gonDataset, "done", "41 days", "40 days");
        db.update(insert, recent.toString(), gonDataset, "failed", "2 days", "1 day");
        db.update("INSERT INTO security.import_job (id, login, dataset, mapping, mode, dry_run, file_name, node, state, "
                + "submitted_at) VALUES (?::uuid, 'producteur', ?::uuid, 'association', 'full', false, 'big.csv', "
                + "'elsewhere:8080', 'running', now() - interval '40 days')", running.toString(), gonDataset);
        Path spool = WORK.resolve("spool");
        java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(40)));
        Path oldFile = java.nio.file.Files.writeString(spool.resolve(old + ".report.json"), "{}");
        Path recentFile = java.nio.file.Files.writeString(spool.resolve(recent + ".report.json"), "{}");
        Path runningFile = java.nio.file.Files.setLastModifiedTime(
                java.nio.file.Files.writeString(spool.resolve(running + ".csv"), "a;b\n"), longAgo);
        Path stray = java.nio.file.Files.setLastModifiedTime(
                java.nio.file.Files.writeString(spool.resolve(UUID.randomUUID() + ".csv"), "a;b\n"), longAgo);

        ImportJobRetention.Purged purged = retention.purge();

        assertThat(purged.jobs()).isEqualTo(1);
        assertThat(db.queryForList("SELECT id::text FROM security.import_job WHERE id IN (?::uuid, ?::uuid, ?::uuid)",
                String.class, old.toString(), recent.toString(), running.toString()))
                .containsExactlyInAnyOrder(recent.toString(), running.toString());
        assertThat(oldFile).doesNotExist();
        assertThat(stray).as("a stale file of no job").doesNotExist();
        assertThat(recentFile).exists();
        assertThat(runningFile).as("the file of a running job, however old").exists();
        assertThat(purged.files()).isEqualTo(2);
    }

    @Test
    void anImportWithMoreRejectionsThanItsLimitIsRefusedAsAWhole() throws Exception {
        String count = "SELECT count(*) FROM sinp.occurrence WHERE jdd_metadonnee_dee_id = ?::uuid";
        long before = db.queryForObject(count, Long.class, gonDataset);
        JsonNode job = finished("producteur", postFile("producteur", "dataset=" + gonDataset + "&mapping=association&maxRejected=20%25",
                "export.csv", csv("L")));
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("failed");
        assertThat(job.path("error").asText()).isEqualTo("refused: 1 rows rejected out of 3, more than the 20% allowed; "
                + "nothing was written");
        assertThat(job.path("report").path("refused").asText()).isEqualTo("1 rows rejected out of 3, more than the 20% allowed");
        assertThat(job.path("report").path("maxRejected").asText()).isEqualTo("20%");
        assertThat(job.path("report").path("rejections").get(0).path("reason").asText()).isEqualTo("unknown_taxon");
        assertThat(db.queryForObject(count, Long.class, gonDataset)).as("nothing written").isEqualTo(before);

        JsonNode within = finished("producteur", postFile("producteur", "dataset=" + gonDataset + "&mapping=association&maxRejected=1",
                "export.csv", csv("L")));
        assertThat(within.path("state").asText()).as(within.toString()).isEqualTo("done");
        assertThat(db.queryForObject(count, Long.class, gonDataset)).isEqualTo(before + 2);
    }
}
