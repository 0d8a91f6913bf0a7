package fr.yseraa.observatory.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.devdb.DatabaseSettings;
import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestCommands;
import fr.yseraa.observatory.server.TestServer;
import fr.yseraa.observatory.server.security.UserStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two replicas of the server (two application contexts, each its own tile cache on disk and in memory) on one
 * database: an invalidation through one reaches the other's cache by NOTIFY, and a replica restarted after missing
 * one does not serve the tile it kept on disk. A seed job asked through one is run by both. Commands that change the
 * occurrences (new statuses, an import) reach them too. A cache folder kept over another database keeps none of the
 * first one's tiles.
 */
class ReplicatedTileCacheTest {

    static final String PASSWORD = "a long enough password";
    static final int Z = 14;
    static final long[] TILE = WmtsServerTest.tileOf(2.27, 50.74, Z);
    static final String OBSTACLES = WmtsServerTest.tilePath("obs:obstacles", "WebMercatorQuad", Z, TILE[0], TILE[1],
            "png");
    /** A tile of another layer, far from the changes: the control that a restart keeps the disk cache. */
    static final String COMMUNES = WmtsServerTest.tilePath("obs:communes", "WebMercatorQuad", Z, TILE[0] + 8,
            TILE[1] + 8, "png");

    /** Tiles of the layers that follow the occurrences, over the marsh. */
    static final String[] OCCURRENCE_TILES = {
            WmtsServerTest.tilePath("sinp:occurrences", "WebMercatorQuad", Z, TILE[0], TILE[1], "png"),
            WmtsServerTest.tilePath("sinp:occurrences_maille", "WebMercatorQuad", Z, TILE[0], TILE[1], "png"),
            WmtsServerTest.tilePath("obs:indicateurs_commune", "WebMercatorQuad", Z, TILE[0], TILE[1], "png")};
    static final String STATUTS_HEADER = "CD_NOM,CD_REF,CD_SUP,CD_TYPE_STATUT,LB_TYPE_STATUT,REGROUPEMENT_TYPE,"
            + "CODE_STATUT,LABEL_STATUT,RQ_STATUT,CD_SIG,CD_DOC,LB_NOM,LB_AUTEUR,NOM_COMPLET_HTML,NOM_VALIDE_HTML,"
            + "REGNE,PHYLUM,CLASSE,ORDRE,FAMILLE,GROUP1_INPN,GROUP2_INPN,LB_ADM_TR,NIVEAU_ADMIN,CD_ISO3166_1,"
            + "CD_ISO3166_2,FULL_CITATION,DOC_URL,THEMATIQUE,TYPE_VALUE\n";

    static final DatabaseSettings DB = TestPostgis.freshDatabase("replicas");
    static final Path CACHE_A = WmtsServerTest.tempDir();
    static final Path CACHE_B = WmtsServerTest.tempDir();
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    static ConfigurableApplicationContext start(Path cacheDir) {
        return start(DB, cacheDir);
    }

    static ConfigurableApplicationContext start(DatabaseSettings database, Path cacheDir) {
        Map<String, String> p = new HashMap<>();
        p.put("server.port", "0");
        p.put("obs.tiles.port", "-1");
        p.put("spring.datasource.url", database.jdbcUrl());
        p.put("spring.datasource.username", database.user());
        p.put("spring.datasource.password", database.password());
        p.put("spring.datasource.hikari.minimum-idle", "1");
        p.put("obs.data-dir", TestServer.ROOT.resolve("data-dir").toString());
        p.put("obs.styles-dir", TestServer.ROOT.resolve("styles").toString());
        p.put("obs.demo.occurrences", "500");
        p.put("obs.demo.indicators", "false");
        p.put("obs.wmts.cache-dir", cacheDir.toString());
        // as arguments: they take precedence over application.yml
        return new SpringApplicationBuilder(ObservatoryApplication.class)
                .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {a, b}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void anInvalidationThroughOneReplicaReachesTheOtherAndARestartedReplicaDropsWhatItMissed() throws Exception {
        a = start(CACHE_A); // loads the demo
        b = start(CACHE_B);
        a.getBean(UserStore.class).saveUser("admin", PASSWORD, null, Set.of("admin"));
        HttpResponse<byte[]> oldA = get(a, OBSTACLES);
        HttpResponse<byte[]> oldB = get(b, OBSTACLES);
        assertThat(cache(get(a, OBSTACLES))).isEqualTo("HIT");
        assertThat(cache(get(b, OBSTACLES))).isEqualTo("HIT");
        assertThat(cache(get(b, COMMUNES))).isEqualTo("MISS");
        assertThat(etag(oldB)).isEqualTo(etag(oldA));

        // a road across the tile's middle, declared changed through A only
        double[] e = extent();
        double cx = (e[0] + e[2]) / 2;
        double cy = (e[1] + e[3]) / 2;
        road(cx - 400, cy, cx + 400, cy);
        changed(cx - 400, cy - 10, cx + 400, cy + 10);
        HttpResponse<byte[]> freshA = get(a, OBSTACLES);
        assertThat(cache(freshA)).isEqualTo("MISS");
        assertThat(drawnAlong(oldA, freshA, true)).as("the road on A's new tile").isGreaterThan(60);

        long deadline = System.nanoTime() + 1_000_000_000L;
        HttpResponse<byte[]> freshB = get(b, OBSTACLES);
        while (etag(freshB).equals(etag(oldB)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            freshB = get(b, OBSTACLES);
        }
        assertThat(etag(freshB)).as("B's tile within a second of the invalidation through A").isEqualTo(etag(freshA));
        assertThat(drawnAlong(oldB, freshB, true)).as("the road on B's new tile").isGreaterThan(60);
        assertThat(cache(get(b, COMMUNES))).isEqualTo("HIT");

        // a seed job asked through A is run by both (each its own cache) and followed through B to its end
        long[] seeded = WmtsServerTest.tileOf(2.30, 50.70, 11);
        String seededTile = WmtsServerTest.tilePath("obs:mailles_10km", "WebMercatorQuad", 11, seeded[0], seeded[1],
                "png");
        HttpResponse<String> queued = admin(a, "POST", "/rest/tiles/seed", "{\"layer\": \"obs:mailles_10km\","
                + " \"tileMatrixSet\": \"WebMercatorQuad\", \"minZoom\": 10, \"maxZoom\": 11,"
                + " \"bbox\": [2.25, 50.65, 2.35, 50.75]}");
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        long job = JSON.readTree(queued.body()).path("id").asLong();
        JsonNode progress = JSON.readTree(admin(b, "GET", "/rest/tiles/seed/" + job, null).body());
        for (int i = 0; i < 3000 && !progress.path("state").asText().matches("done|failed|stopped"); i++) {
            Thread.sleep(20);
            progress = JSON.readTree(admin(b, "GET", "/rest/tiles/seed/" + job, null).body());
        }
        assertThat(progress.path("state").asText()).as(progress.toString()).isEqualTo("done");
        assertThat(progress.path("replicas")).as(progress.toString()).hasSize(2);
        for (JsonNode replica : progress.path("replicas")) {
            assertThat(replica.path("state").asText()).isEqualTo("done");
            assertThat(replica.path("metatilesDone").asLong()).isEqualTo(progress.path("metatilesTotal").asLong());
        }
        assertThat(cache(get(a, seededTile))).as("seeded on A").isEqualTo("HIT");
        assertThat(cache(get(b, seededTile))).as("seeded on B").isEqualTo("HIT");

        // B stopped: a second road, declared changed through A while B cannot hear it; B keeps the old tile on disk
        b.close();
        road(cx, cy - 400, cx, cy + 400);
        changed(cx - 10, cy - 400, cx + 10, cy + 400);
        HttpResponse<byte[]> secondA = get(a, OBSTACLES);
        assertThat(drawnAlong(freshA, secondA, false)).as("the second road on A's tile").isGreaterThan(60);
        b = start(CACHE_B);
        HttpResponse<byte[]> restartedB = get(b, OBSTACLES);
        assertThat(cache(restartedB)).as("B's stale tile on disk is not served").isEqualTo("MISS");
        assertThat(etag(restartedB)).isEqualTo(etag(secondA));
        assertThat(drawnAlong(freshB, restartedB, false)).as("the second road on B's tile").isGreaterThan(60);
        assertThat(cache(get(b, COMMUNES))).as("the other layer's tiles on disk are kept").isEqualTo("HIT");

        // a password changed through A: B, which verified the old one a moment ago, refuses it within a second
        String oldPassword = TestServer.basicAuthorization("editeur", PASSWORD);
        a.getBean(UserStore.class).saveUser("editeur", PASSWORD, null, Set.of("partner"));
        assertThat(me(b, oldPassword)).isEqualTo(200);
        assertThat(me(b, oldPassword)).as("verified once, then remembered").isEqualTo(200);
        HttpResponse<String> changed = http.send(HttpRequest.newBuilder(URI.create(base(a) + "/rest/users"))
                .header("Authorization", TestServer.basicAuthorization("admin", PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\": \"editeur\", \"password\": \"another long password\","
                        + " \"roles\": [\"partner\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(201);
        long changedAt = System.nanoTime();
        int status = me(b, oldPassword);
        while (status == 200 && System.nanoTime() - changedAt < 1_000_000_000L) {
            Thread.sleep(20);
            status = me(b, oldPassword);
        }
        assertThat(status).as("B forgets the old password within a second of the change through A").isEqualTo(401);
        assertThat(me(b, TestServer.basicAuthorization("editeur", "another long password"))).isEqualTo(200);

        // new statuses loaded by the command, outside the servers, re-derive the occurrences' heritage flags: B drops
        // every tile that follows the occurrences within a second, and keeps the others
        cacheOnB(OCCURRENCE_TILES);
        Path statuts = Files.writeString(CACHE_A.resolve("statuts.csv"), STATUTS_HEADER
                + "4000,4000,,LRR,\"Liste rouge\",\"Liste rouge\",VU,VU,,INSEER32,123,Nom,Auteur,,,Animalia,,,,,,,"
                + "Hauts-de-France,Région,,,Liste,https://inpn.mnhn.fr/,Statuts,\n");
        assertThat(TestCommands.loadStatuts(statuts, DB)).isZero();
        assertDroppedOnBWithinASecond(OCCURRENCE_TILES, System.nanoTime(), "the command");
        assertThat(cache(get(b, COMMUNES))).isEqualTo("HIT");

        // one occurrence imported by the command in the middle of those tiles: B drops them within a second
        cacheOnB(OCCURRENCE_TILES);
        double[] centre = lonLat((e[0] + e[2]) / 2, (e[1] + e[3]) / 2);
        Path occurrence = Files.writeString(CACHE_A.resolve("occurrence.csv"),
                "Identifiant;Code taxon;Nom latin;Date;Observateur;Nombre;Statut;X;Y\n"
                + "1;90000001;Anas platyrhynchos;02/04/2022;DUPONT Marie (GON);4;présent;" + centre[0] + ";"
                + centre[1] + "\n");
        String dataset = new JdbcTemplate(a.getBean(DataSource.class))
                .queryForObject("SELECT uuid::text FROM ref.dataset ORDER BY title LIMIT 1", String.class);
        assertThat(TestCommands.importOccurrences(occurrence, dataset, "association", DB)).isZero();
        assertDroppedOnBWithinASecond(OCCURRENCE_TILES, System.nanoTime(), "the import");
        assertThat(cache(get(b, COMMUNES))).isEqualTo("HIT");
    }

    @Test
    void aCacheFolderKeptOverAnotherDatabaseDropsTheTilesDrawnFromTheFirst() throws Exception {
        Path cacheDir = WmtsServerTest.tempDir();
        try (ConfigurableApplicationContext first = start(TestPostgis.freshDatabase("replicas_first"), cacheDir)) {
            assertThat(cache(get(first, COMMUNES))).isEqualTo("MISS");
            assertThat(cache(get(first, COMMUNES))).isEqualTo("HIT");
        }
        DatabaseSettings second = TestPostgis.freshDatabase("replicas_second");
        try (ConfigurableApplicationContext other = start(second, cacheDir)) {
            assertThat(cache(get(other, COMMUNES))).as("a tile drawn from the first database").isEqualTo("MISS");
            assertThat(cache(get(other, COMMUNES))).isEqualTo("HIT");
        }
        try (ConfigurableApplicationContext restarted = start(second, cacheDir)) {
            assertThat(cache(get(restarted, COMMUNES))).as("a tile drawn from the same database").isEqualTo("HIT");
        }
    }

    /** Has B cache the tiles: each asked twice, the second time answered from its cache. */
    private void cacheOnB(String[] tiles) throws Exception {
        for (String tile : tiles) {
            get(b, tile);
            assertThat(cache(get(b, tile))).as(tile).isEqualTo("HIT");
        }
    }

    /** B no longer serves any of the tiles from its cache within a second of {@code since} ({@code what} happened). */
    private void assertDroppedOnBWithinASecond(String[] tiles, long since, String what) throws Exception {
        for (String tile : tiles) {
            String state = cache(get(b, tile));
            while (state.equals("HIT") && System.nanoTime() - since < 1_000_000_000L) {
                Thread.sleep(20);
                state = cache(get(b, tile));
            }
            assertThat(state).as(tile + " within a second of " + what).isEqualTo("MISS");
        }
    }

    /** WGS 84 longitude and latitude of a Web Mercator point. */
    private static double[] lonLat(double x, double y) {
        double lon = Math.toDegrees(x / 6378137.0);
        double lat = Math.toDegrees(2 * Math.atan(Math.exp(y / 6378137.0)) - Math.PI / 2);
        return new double[] {Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6};
    }

    private HttpResponse<String> admin(ConfigurableApplicationContext replica, String method, String path, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base(replica) + path))
                .header("Authorization", TestServer.basicAuthorization("admin", PASSWORD))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int me(ConfigurableApplicationContext replica, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base(replica) + "/api/me"))
                .header("Authorization", authorization).header("X-Requested-With", "XMLHttpRequest").build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static double[] extent() {
        double span = 2 * 20037508.3427892 / (1L << Z);
        double minX = -20037508.3427892 + TILE[1] * span;
        double maxY = 20037508.3427892 - TILE[0] * span;
        return new double[] {minX, maxY - span, minX + span, maxY};
    }

    private static void road(double x1, double y1, double x2, double y2) {
        new JdbcTemplate(a.getBean(DataSource.class)).update("INSERT INTO landscape.obstacle (kind, class, name, geom)"
                + " VALUES ('road', 'motorway', 'A test', ST_Transform(ST_SetSRID(ST_MakeLine(ST_MakePoint(?, ?),"
                + " ST_MakePoint(?, ?)), 3857), 2154))", x1, y1, x2, y2);
    }

    private void changed(double minX, double minY, double maxX, double maxY) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base(a)
                        + "/rest/layers/obs:obstacles/changed"))
                .header("Authorization", TestServer.basicAuthorization("admin", PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bbox\": [" + minX + ", " + minY + ", " + maxX + ", "
                        + maxY + "], \"srid\": 3857}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }

    private HttpResponse<byte[]> get(ConfigurableApplicationContext replica, String path) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base(replica) + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r;
    }

    private static String base(ConfigurableApplicationContext replica) {
        return "http://localhost:" + ((ServletWebServerApplicationContext) replica).getWebServer().getPort();
    }

    private static String cache(HttpResponse<byte[]> r) {
        return r.headers().firstValue("X-Tile-Cache").orElseThrow();
    }

    private static String etag(HttpResponse<byte[]> r) {
        return r.headers().firstValue("ETag").orElseThrow();
    }

    /**
     * Pixels opaque in {@code after} and different from {@code before} along the tile's middle row (or column): a road
     * of 800 m across the middle spans 84 of them at zoom 14.
     */
    private static int drawnAlong(HttpResponse<byte[]> before, HttpResponse<byte[]> after, boolean row)
            throws Exception {
        BufferedImage was = ImageIO.read(new ByteArrayInputStream(before.body()));
        BufferedImage is = ImageIO.read(new ByteArrayInputStream(after.body()));
        int drawn = 0;
        for (int i = 90; i < 166; i++) {
            boolean found = false;
            for (int j = 127; j <= 128; j++) {
                int x = row ? i : j;
                int y = row ? j : i;
                found |= WmtsServerTest.Images.opaque(is.getRGB(x, y)) && is.getRGB(x, y) != was.getRGB(x, y);
            }
            drawn += found ? 1 : 0;
        }
        return drawn;
    }
}
