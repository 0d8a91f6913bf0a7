package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.devdb.DatabaseSettings;
import fr.yseraa.observatory.server.security.UserStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database out of reach, as the server sees it: its backends terminated under a request, and PostgreSQL gone
 * (the server reaches it through a relay the test cuts). Every service answers 503 with Retry-After in its path's
 * format, never 500; health says DOWN; the server recovers by itself once the database is back.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.hikari.connection-timeout=2000")
@Import(WpsLimitsTest.Processes.class)
@DirtiesContext // its own context: closed after it, so that its connections do not add to those of the cached ones
class OutageTest {

    static final String PASSWORD = "a long enough test passphrase";
    static final String GET_FEATURE = "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:communes&count=5";
    static final String TILE = "/wmts?service=WMTS&version=1.0.0&request=GetTile&layer=obs:communes&style=default"
            + "&tileMatrixSet=WebMercatorQuad&tileMatrix=9&tileRow=170&tileCol=260&format=image/png";

    static DatabaseSettings database;
    static TcpProxy relay;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = TestServer.register(registry, "outage", 1000, direct -> {
            Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.+)").matcher(direct);
            assertThat(url.matches()).as(direct).isTrue();
            relay = new TcpProxy(url.group(1), Integer.parseInt(url.group(2)));
            return "jdbc:postgresql://127.0.0.1:" + relay.port() + "/" + url.group(3);
        });
    }

    @AfterAll
    static void closeRelay() {
        relay.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    UserStore users;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertUnavailable(HttpResponse<String> r, String... content) {
        assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).as(r.uri().toString()).hasValue("5");
        assertThat(r.body()).contains(List.of(content.length == 0 ? new String[] {"retry later"} : content)).doesNotContain("PSQLException", "Hikari", "Connection refused",
                "FATAL", "java.", "org.");
    }

    @Test
    void terminatedBackendsAnswer503AndTheNextRequestsFindTheDatabaseAgain() throws Exception {
        CompletableFuture<HttpResponse<String>> sleeping = http.sendAsync(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/wps?service=WPS&version=1.0.0&request=Execute"
                        + "&identifier=test:SleepInDatabase&RawDataOutput=result")).build(),
                HttpResponse.BodyHandlers.ofString());
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement st = c.createStatement()) {
            for (int i = 0; i < 500 && !sleepingInDatabase(st); i++) {
                Thread.sleep(20);
            }
            assertThat(sleepingInDatabase(st)).as("the execution sleeps in the database").isTrue();
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }
        assertUnavailable(sleeping.get(60, TimeUnit.SECONDS), "exceptionCode=\"NoApplicableCode\"");
        // the pool replaces the connections it finds dead: no restart, at worst a 503 while it does
        assertThat(firstAnswerOtherThan503(GET_FEATURE).statusCode()).isEqualTo(200);
    }

    private static boolean sleepingInDatabase(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND query LIKE 'SELECT pg_sleep(60)%' AND state = 'active'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    @Test
    void aDatabaseOutOfReachAnswers503EverywhereAndTheServerRecoversByItself() throws Exception {
        users.saveUser("outage-alice", PASSWORD, null, Set.of("partner"));
        assertThat(get(GET_FEATURE).statusCode()).isEqualTo(200);
        relay.cut();
        try {
            assertUnavailable(get(GET_FEATURE), "<ows:ExceptionReport", "exceptionCode=\"NoApplicableCode\"");
            assertUnavailable(get("/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&LAYERS=obs:communes&STYLES="
                    + "&CRS=EPSG:2154&BBOX=640000,7060000,660000,7080000&WIDTH=64&HEIGHT=64&FORMAT=image/png"),
                    "ServiceExceptionReport");
            assertUnavailable(get(TILE), "<ows:ExceptionReport");
            assertUnavailable(get("/rest/layers"), "\"code\":\"NoApplicableCode\"");
            assertUnavailable(get("/ogcapi/collections/obs:communes/tiles/WebMercatorQuad/9/170/260"),
                    "\"code\":\"NoApplicableCode\"");
            // credentials that cannot be checked are not wrong credentials
            assertUnavailable(get(GET_FEATURE, "Authorization", TestServer.basicAuthorization("outage-alice", PASSWORD)),
                    "<ows:ExceptionReport");
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(new ObjectMapper().readTree(health.body()).path("status").asText()).isEqualTo("DOWN");
        } finally {
            relay.restore();
        }
        assertThat(firstAnswerOtherThan503(GET_FEATURE).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get(GET_FEATURE, "Authorization", TestServer.basicAuthorization("outage-alice", PASSWORD))
                .statusCode()).isEqualTo(200);
    }

    /** The first answer to the request that is not a 503 (asked again while the pool reconnects; at most 50 times). */
    private HttpResponse<String> firstAnswerOtherThan503(String path) throws Exception {
        HttpResponse<String> r = get(path);
        for (int i = 0; i < 50 && r.statusCode() == 503; i++) {
            assertUnavailable(r);
            Thread.sleep(100);
            r = get(path);
        }
        return r;
    }
}
