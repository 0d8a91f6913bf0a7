package fr.yseraa.observatory.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.devdb.DatabaseSettings;
import fr.yseraa.observatory.devdb.LocalPostgresCluster;
import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import fr.yseraa.observatory.server.security.UserStore;
import fr.yseraa.observatory.server.tiles.WmtsServerTest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reads on a real streaming replica: a private primary, a hot standby made from it by {@code pg_basebackup -R}
 * (logging every statement it runs, with the client's application name), and the server on both. What the standby's
 * log shows: the public reads (WFS GetFeature, OGC API items, WMS GetMap, vector tiles) run there while it is usable;
 * with it stopped they still answer, from the primary; with its replay paused and the primary moving on, no read goes
 * there once it is behind by more than the bound, nor at once after an invalidation of tiles (the answer then holds
 * the change); a WFS Transaction, LockFeature and the admin API never run a statement there.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ReplicaReadsTest {

    static final String PASSWORD = "replica test password, long enough";
    private static final String OBS = "https://observatoire.yseraa.fr/obs";
    private static final Pattern STATEMENT = Pattern.compile(
            "^" + Pattern.quote(ReplicaReads.APPLICATION_NAME) + ": LOG:  (?:statement|execute [^:]*): (.*)$");

    static LocalPostgresCluster primary;
    static LocalPostgresCluster standby;
    static DatabaseSettings standbyDb;
    static DatabaseSettings primaryDb;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Path root = TestServer.ROOT.resolve(".local/test-replicas/" + UUID.randomUUID());
        primary = new LocalPostgresCluster(root.resolve("primary"), LocalPostgresCluster.defaultBinDir(),
                List.of("fsync=off", "synchronous_commit=off"));
        primaryDb = primary.start("observatory");
        standby = primary.standby(root.resolve("standby"),
                List.of("fsync=off", "log_statement=all", "log_line_prefix='%a: '"));
        standbyDb = standby.start("observatory");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            standby.stop();
            primary.stop();
            delete(standby.folder());
            delete(primary.folder());
            delete(root);
        }));
        registry.add("spring.datasource.url", primaryDb::jdbcUrl);
        registry.add("spring.datasource.username", primaryDb::user);
        registry.add("spring.datasource.password", primaryDb::password);
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("obs.datasource.replica.url", standbyDb::jdbcUrl);
        registry.add("obs.datasource.replica.max-lag", () -> "2s");
        registry.add("obs.datasource.replica.check-interval", () -> "200ms");
        registry.add("obs.data-dir", () -> TestServer.ROOT.resolve("data-dir").toString());
        registry.add("obs.styles-dir", () -> TestServer.ROOT.resolve("styles").toString());
        registry.add("obs.demo.occurrences", () -> "300");
        registry.add("obs.demo.indicators", () -> "false");
        registry.add("obs.tiles.port", () -> "0");
        // a cache of its own: a tile another test left in the default folder would be served without a read
        registry.add("obs.wmts.cache-dir", () -> WmtsServerTest.tempDir().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ReplicaReads replicaReads;

    @Autowired
    UserStore users;

    @Autowired
    DataSource primaryDataSource;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Each test starts with the standby running, replaying, and taking the reads. */
    @BeforeEach
    void replicaInUse() throws Exception {
        UserStore.StoredUser admin = users.findByLogin("admin").orElseThrow();
        users.saveUser("admin", PASSWORD, admin.organisationId(), admin.roles());
        standby.start("observatory");
        execute(standbyDb, "SELECT pg_wal_replay_resume()");
        await("the replica to take the reads (" + replicaReads.onPrimaryBecause() + ")", replicaReads::replicaInUse);
    }

    @Test
    void publicReadsRunOnTheReplica() throws Exception {
        readOnTheReplica("WFS GetFeature", "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:communes"
                + "&count=3&outputFormat=application/json", "\"territory\".\"commune\"", 200);
        readOnTheReplica("OGC API items", "/ogcapi/collections/obs:communes/items?limit=2&f=json",
                "\"territory\".\"commune\"", 200);
        readOnTheReplica("WMS GetMap", "/wms?service=WMS&version=1.3.0&request=GetMap&layers=obs:communes&styles="
                + "&crs=EPSG:2154&bbox=600000,7000000,700000,7100000&width=256&height=256&format=image/png",
                "\"territory\".\"commune\"", 200);
        readOnTheReplica("vector tile", "/ogcapi/collections/obs:communes/tiles/WebMercatorQuad/12/1375/2073",
                "ST_AsMVT", 200, 204);
    }

    /**
     * Asserts that a read made while the replica takes the reads runs there: the statement it needs shows in the
     * standby's log. The replica's own checks may leave it between two reads (a write at startup the standby has not
     * replayed yet, on a busy machine): a read during which the reads left the replica is made again, at most twice.
     */
    private void readOnTheReplica(String what, String path, String statement, Integer... statuses) throws Exception {
        for (int attempt = 1; ; attempt++) {
            await("the replica to take the reads (" + replicaReads.onPrimaryBecause() + ")",
                    replicaReads::replicaInUse);
            long departures = replicaReads.departures();
            long mark = standbyLog();
            HttpResponse<String> r = get(null, path);
            assertThat(r.statusCode()).as(what).isIn((Object[]) statuses);
            if (replicaReads.departures() != departures && attempt < 3) {
                continue;
            }
            assertThat(dataReadsSince(mark)).as(what).anyMatch(s -> s.contains(statement));
            return;
        }
    }

    /** Neither pool lets PostgreSQL JIT-compile its statements (seconds of compiling before a page's first row). */
    @Test
    void bothPoolsRunWithoutJit() throws Exception {
        assertThat(jit(primaryDataSource)).isEqualTo("off");
        assertThat(jit(replicaReads.reads())).isEqualTo("off");
        try (Connection c = replicaReads.reads().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("the reads' connection is the standby's").isTrue();
        }
    }

    private static String jit(DataSource source) throws SQLException {
        try (Connection c = source.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW jit")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aStoppedReplicaLeavesTheReadsToThePrimaryWithoutAnError() throws Exception {
        String query = "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:communes&count=5"
                + "&outputFormat=application/json";
        HttpResponse<String> before = get(null, query);
        assertThat(before.statusCode()).isEqualTo(200);
        long departures = replicaReads.departures();
        standby.stop();
        for (int i = 0; i < 5; i++) { // the first reads meet the stopped replica before any check saw it
            HttpResponse<String> r = get(null, query);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(before.body());
        }
        assertThat(replicaReads.replicaInUse()).isFalse();
        assertThat(replicaReads.onPrimaryBecause()).contains("replica");
        assertThat(replicaReads.departures()).as("the metric of departures").isGreaterThan(departures);
    }

    @Test
    void aReplicaBehindByMoreThanTheBoundTakesNoRead() throws Exception {
        pauseReplay();
        execute(primaryDb, "CREATE TABLE lag_probe AS SELECT 1 AS i; DROP TABLE lag_probe");
        await("the replica to be found lagging", () -> String.valueOf(replicaReads.onPrimaryBecause())
                .contains("lags more than max-lag"));
        long mark = standbyLog();
        for (String q : List.of("/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:communes&count=3",
                "/ogcapi/collections/obs:communes/items?limit=2&f=json")) {
            assertThat(get(null, q).statusCode()).isEqualTo(200);
        }
        assertThat(dataReadsSince(mark)).isEmpty();
        execute(standbyDb, "SELECT pg_wal_replay_resume()");
        await("the replica to catch up", replicaReads::replicaInUse);
        mark = standbyLog();
        assertThat(get(null, "/ogcapi/collections/obs:communes/items?limit=2&f=json").statusCode()).isEqualTo(200);
        assertThat(dataReadsSince(mark)).isNotEmpty();
    }

    @Test
    void afterAnInvalidationReadsWaitForTheReplicaToHaveTheChange() throws Exception {
        pauseReplay();
        String name = "probe " + UUID.randomUUID();
        execute(primaryDb, "INSERT INTO landscape.obstacle (kind, class, name, geom) VALUES ('weir', 'weir', '"
                + name + "', ST_SetSRID(ST_MakePoint(650000, 7060000), 2154))");
        HttpResponse<String> changed = send("admin", HttpRequest.newBuilder(uri("/rest/layers/obs:obstacles/changed"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bbox\": [649990, 7059990, 650010, 7060010], \"srid\": 2154}")));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(replicaReads.onPrimaryBecause()).isEqualTo("catching up with the latest writes");
        long mark = standbyLog();
        HttpResponse<String> read = get(null, "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:obstacles"
                + "&outputFormat=application/json&bbox=649990,7059990,650010,7060010,urn:ogc:def:crs:EPSG::2154");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).as("the read sees the change").contains(name);
        assertThat(dataReadsSince(mark)).isEmpty();
    }

    @Test
    void writesLocksAndAdministrationNeverRunOnTheReplica() throws Exception {
        long mark = standbyLog();
        HttpResponse<String> lock = get("admin", "/wfs?service=WFS&version=2.0.0&request=LockFeature"
                + "&typeNames=obs:obstacles&expiry=60");
        assertThat(lock.statusCode()).as(lock.body()).isEqualTo(200);
        String lockId = lock.body().replaceAll("(?s).*lockId=\"([^\"]+)\".*", "$1");
        String obstacle = "<obs:obstacles xmlns:obs=\"" + OBS + "\"><obs:kind>weir</obs:kind><obs:class>weir</obs:class>"
                + "<obs:name>Seuil réplique</obs:name><obs:geom><gml:Point srsName=\"urn:ogc:def:crs:EPSG::2154\">"
                + "<gml:pos>651000 7061000</gml:pos></gml:Point></obs:geom></obs:obstacles>";
        HttpResponse<String> inserted = post("admin", "<wfs:Transaction service=\"WFS\" version=\"2.0.0\""
                + " xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" xmlns:fes=\"http://www.opengis.net/fes/2.0\""
                + " xmlns:gml=\"http://www.opengis.net/gml/3.2\" lockId=\"" + lockId + "\" releaseAction=\"ALL\">"
                + "<wfs:Insert>" + obstacle + "</wfs:Insert></wfs:Transaction>");
        assertThat(inserted.statusCode()).as(inserted.body()).isEqualTo(200);
        assertThat(inserted.body()).contains("<wfs:totalInserted>1</wfs:totalInserted>");
        assertThat(get("admin", "/rest/users").statusCode()).isEqualTo(200);
        assertThat(dataReadsSince(mark)).isEmpty();
        // the control: the same log shows a public read once the replica has the change
        await("the replica to catch up", replicaReads::replicaInUse);
        mark = standbyLog();
        assertThat(get(null, "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:obstacles&count=1")
                .statusCode()).isEqualTo(200);
        assertThat(dataReadsSince(mark)).isNotEmpty();
    }

    // --- the standby's log

    /** Where the standby's log ends now. */
    private static long standbyLog() {
        return logFile().toFile().length();
    }

    /**
     * The statements this server ran on the standby since the mark, but the replica check's and a transaction's
     * frame (BEGIN, SET LOCAL, COMMIT...).
     */
    private static List<String> dataReadsSince(long mark) throws IOException {
        List<String> statements = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(logFile().toFile(), "r")) {
            f.seek(mark);
            byte[] bytes = new byte[(int) (f.length() - mark)];
            f.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                Matcher m = STATEMENT.matcher(line);
                if (m.matches()) {
                    String sql = m.group(1).trim();
                    if (!sql.isEmpty() && !sql.equals(ReplicaReads.REPLAY_QUERY)
                            && !sql.matches("(?i)(BEGIN|COMMIT|ROLLBACK|SET|SHOW|RESET)\\b.*")) {
                        statements.add(sql);
                    }
                }
            }
        }
        return statements;
    }

    private static Path logFile() {
        return standby.folder().resolve("postgresql.log");
    }

    // --- helpers

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> get(String login, String path) throws Exception {
        return send(login, HttpRequest.newBuilder(uri(path)));
    }

    private HttpResponse<String> post(String login, String xml) throws Exception {
        return send(login, HttpRequest.newBuilder(uri("/wfs")).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml)));
    }

    private HttpResponse<String> send(String login, HttpRequest.Builder b) throws Exception {
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void execute(DatabaseSettings db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Pauses the standby's replay, and waits until it is paused: a pause request does not take effect at once. */
    private static void pauseReplay() throws Exception {
        execute(standbyDb, "SELECT pg_wal_replay_pause()");
        await("the standby's replay to pause", () -> {
            try (Connection c = DriverManager.getConnection(standbyDb.jdbcUrl(), standbyDb.user(), standbyDb.password());
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_get_wal_replay_pause_state()")) {
                rs.next();
                return rs.getString(1).equals("paused");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited a minute for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
