package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.server.security.CallerFilter;
import fr.yseraa.observatory.server.security.UserStore;
import fr.yseraa.observatory.server.tiles.TileEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an operator sees: the Prometheus metrics (admin only), the access log, the liveness and readiness probes.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability(tracing = false) // tests leave the metrics' export off unless asked
@DirtiesContext // its own context: closed after it, so that its connections do not add to those of the cached ones
class OperationsTest {

    static final String PASSWORD = "a long enough test passphrase";
    static final String GET_MAP = "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&LAYERS=obs:communes&STYLES="
            + "&CRS=EPSG:2154&BBOX=640000,7060000,660000,7080000&WIDTH=64&HEIGHT=64&FORMAT=image/png";
    static final String TILE = "/wmts?service=WMTS&version=1.0.0&request=GetTile&layer=obs:communes&style=default"
            + "&tileMatrixSet=WebMercatorQuad&tileMatrix=9&tileRow=170&tileCol=260&format=image/png";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "operations", 500);
    }

    @LocalServerPort
    int port;

    @Autowired
    UserStore users;

    @Autowired
    TileEndpoint tiles;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String login) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theMetricsAreForAdministratorsAndCountRequestsPoolTilesAndExecutions() throws Exception {
        users.saveUser("ops-admin", PASSWORD, null, Set.of("admin"));
        users.saveUser("ops-partner", PASSWORD, null, Set.of("partner"));
        assertThat(get(GET_MAP, null).statusCode()).isEqualTo(200);
        // the first may come from the cache on disk of an earlier run; the second comes from the cache
        String first = get(TILE, null).headers().firstValue("X-Tile-Cache").orElseThrow();
        assertThat(get(TILE, null).headers().firstValue("X-Tile-Cache")).hasValue("HIT");
        int hits = first.equals("HIT") ? 2 : 1;

        HttpResponse<String> anonymous = get("/actuator/prometheus", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue(CallerFilter.CHALLENGE);
        assertThat(anonymous.body()).startsWith("{\"code\":\"AuthenticationRequired\"");
        assertThat(get("/actuator/prometheus", "ops-partner").statusCode()).isEqualTo(403);

        HttpResponse<String> metrics = get("/actuator/prometheus", "ops-admin");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains(
                "ows_requests_seconds_bucket{caller=\"anonymous\",operation=\"GetMap\",port=\"main\",service=\"WMS\",status=\"200\"",
                "ows_requests_seconds_count{caller=\"anonymous\",operation=\"GetTile\",port=\"main\",service=\"WMTS\",status=\"200\"} 2",
                "ows_requests_seconds_count{caller=\"authenticated\",operation=\"prometheus\",port=\"main\",service=\"actuator\",status=\"403\"} 1",
                "ows_tile_cache_requests_total{port=\"main\",result=\"hit\"} " + hits,
                "hikaricp_connections_active{", "hikaricp_connections_max{",
                "wps_executions_running 0", "wps_executions_queued 0",
                "jvm_memory_used_bytes{");
        if (hits == 1) {
            assertThat(metrics.body()).contains("ows_tile_cache_requests_total{port=\"main\",result=\"miss\"} 1");
        }
    }

    @Test
    void everyRequestIsOneLineOfTheAccessLogWithoutCredentials(CapturedOutput output) throws Exception {
        users.saveUser("ops-reader", PASSWORD, null, Set.of("partner"));
        assertThat(get(GET_MAP, null).statusCode()).isEqualTo(200);
        assertThat(get("/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:communes&count=1&key=secret-key-text",
                null).statusCode()).isEqualTo(401);
        assertThat(get("/rest/layers", "ops-reader").statusCode()).isEqualTo(200);
        assertThat(get("/nowhere", null).statusCode()).isEqualTo(404);
        // the line is written once the answer is sent: the client may read it first
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains(" GET /nowhere "));
        String log = output.getOut();
        assertThat(log).containsPattern("access +: [0-9a-f]+ \\S+ GET /wms WMS GetMap 200 \\d+B \\d+ms anonymous")
                .containsPattern("access +: [0-9a-f]+ \\S+ GET /wfs WFS GetFeature 401 \\d+B \\d+ms anonymous")
                .containsPattern("access +: [0-9a-f]+ \\S+ GET /rest/layers rest layers 200 \\d+B \\d+ms ops-reader partner")
                .containsPattern("access +: [0-9a-f]+ \\S+ GET /nowhere other none 404 ")
                .doesNotContain("secret-key-text", PASSWORD);
    }

    /**
     * The tile endpoint's requests, whether answered on its I/O thread (a public tile in memory), by its workers
     * (credentials) or refused, are in the metrics (label port="tiles") and in the access log (logger access.tiles)
     * as the main port's are.
     */
    @Test
    void theTilePortsRequestsAreCountedAndLoggedToo(CapturedOutput output) throws Exception {
        users.saveUser("ops-tiles-admin", PASSWORD, null, Set.of("admin"));
        users.saveUser("ops-tiles-partner", PASSWORD, null, Set.of("partner"));
        String tile = "/wmts/1.0.0/obs:communes/default/WebMercatorQuad/10/343/518.png";
        assertThat(onTilePort(tile, null).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> hot = onTilePort(tile + "?key=secret-tile-key", null);
        assertThat(hot.statusCode()).isEqualTo(401); // an unknown key, checked by a worker
        assertThat(onTilePort(tile, null).headers().firstValue("X-Tile-Cache")).hasValue("HIT");
        assertThat(onTilePort(tile, "ops-tiles-partner").statusCode()).isEqualTo(200);
        assertThat(onTilePort("/nowhere", null).statusCode()).isEqualTo(404);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains(" GET /nowhere other"));
        assertThat(output.getOut())
                .containsPattern("access.tiles +: [0-9a-f]+ \\S+ GET /wmts/1.0.0/obs:communes/default/WebMercatorQuad"
                        + "/10/343/518.png WMTS GetTile 200 [1-9]\\d*B \\d+ms anonymous")
                .containsPattern("access.tiles +: [0-9a-f]+ \\S+ GET /wmts/\\S+ WMTS GetTile 401 \\d+B \\d+ms anonymous")
                .containsPattern("access.tiles +: [0-9a-f]+ \\S+ GET /wmts/\\S+ WMTS GetTile 200 \\d+B \\d+ms"
                        + " ops-tiles-partner partner")
                .containsPattern("access.tiles +: [0-9a-f]+ \\S+ GET /nowhere other none 404 ")
                .doesNotContain("secret-tile-key", PASSWORD);
        String metrics = get("/actuator/prometheus", "ops-tiles-admin").body();
        assertThat(metrics).contains(
                "ows_requests_seconds_count{caller=\"anonymous\",operation=\"GetTile\",port=\"tiles\",service=\"WMTS\",status=\"200\"} 2",
                "ows_requests_seconds_count{caller=\"anonymous\",operation=\"GetTile\",port=\"tiles\",service=\"WMTS\",status=\"401\"} 1",
                "ows_requests_seconds_count{caller=\"authenticated\",operation=\"GetTile\",port=\"tiles\",service=\"WMTS\",status=\"200\"} 1",
                "ows_requests_seconds_count{caller=\"anonymous\",operation=\"none\",port=\"tiles\",service=\"other\",status=\"404\"} 1",
                "ows_tile_cache_requests_total{port=\"tiles\",result=\"hit\"}");
    }

    private HttpResponse<byte[]> onTilePort(String path, String login) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + tiles.port() + path));
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void livenessAndReadinessAreProbesOfTheirOwn() throws Exception {
        HttpResponse<String> liveness = get("/actuator/health/liveness", null);
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\":\"UP\"");
        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"", "\"db\"");
    }
}
