package fr.yseraa.observatory.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import fr.yseraa.observatory.server.tiles.TileEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * CORS over real HTTP on both ports, with one origin listed for credentials: what a page of another origin may
 * read, preflights, credentials from listed and unlisted origins, the admin API, Vary.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class CorsTest {

    static final String LISTED = "https://portail.example.org";
    static final String ELSEWHERE = "https://ailleurs.example.net";
    private static final String PASSWORD = "a long enough password";
    /** The WebMercatorQuad tile over Saint-Omer's marsh at zoom 11, where the communes are. */
    private static final String COMMUNES_TILE = "/wmts/1.0.0/obs:communes/default/WebMercatorQuad/11/687/1036.png";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "cors", 2000);
        registry.add("obs.data-dir", () -> dataDirListing(LISTED));
        registry.add("obs.wmts.cache-dir", () -> temp("cors-tiles").toString());
    }

    /** A copy of the project's data directory with one origin listed for credentialed requests. */
    public static String dataDirListing(String origin) {
        Path dir = temp("cors-data").resolve("data-dir");
        TestServer.copy(TestServer.ROOT.resolve("data-dir"), dir);
        try {
            Files.writeString(dir.resolve("security/cors.yaml"), "credentialed-origins: [\"" + origin + "\"]\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.toString();
    }

    private static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int mainPort;

    @Autowired
    TileEndpoint endpoint;

    @Autowired
    UserStore users;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, int port, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, HttpRequest.BodyPublishers.noBody());
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    /** All the Vary tokens of an answer, whatever the number of Vary lines. */
    private static List<String> vary(HttpResponse<?> r) {
        return r.headers().allValues("Vary").stream().flatMap(v -> List.of(v.split(",")).stream())
                .map(String::strip).toList();
    }

    private String login(String role) {
        users.saveUser("cors-" + role, PASSWORD, null, Set.of(role));
        return TestServer.basicAuthorization("cors-" + role, PASSWORD);
    }

    /** One request of each kind of public endpoint, on the main port. */
    private static final List<String> PUBLIC = List.of(
            "/ows?SERVICE=WMS&REQUEST=GetCapabilities",
            "/wms?SERVICE=WMS&REQUEST=GetCapabilities",
            "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=obs:communes&QUERY_LAYERS=obs:communes"
                    + "&STYLES=&CRS=EPSG:4326&BBOX=50.7,2.2,50.8,2.3&WIDTH=100&HEIGHT=100&I=50&J=50"
                    + "&INFO_FORMAT=application/json",
            "/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=obs:communes&COUNT=2"
                    + "&OUTPUTFORMAT=application/json",
            "/wmts?SERVICE=WMTS&REQUEST=GetCapabilities",
            "/wmts/1.0.0/WMTSCapabilities.xml",
            COMMUNES_TILE,
            "/wps?SERVICE=WPS&REQUEST=GetCapabilities",
            "/ogcapi/collections/obs:communes/tiles/WebMercatorQuad/tilejson",
            "/ogcapi/collections/obs:communes/tiles/WebMercatorQuad/11/687/1036",
            "/rest/layers",
            "/demo/wmts.html",
            "/webjars/ol/ol.css",
            "/actuator/health");

    @Test
    void anonymousRequestsToPublicEndpointsMayBeReadFromAnyOrigin() throws Exception {
        for (String path : PUBLIC) {
            for (String origin : List.of(ELSEWHERE, "null")) {
                HttpResponse<String> r = send("GET", mainPort, path, "Origin", origin);
                assertThat(r.statusCode()).as(path).isIn(200, 204);
                assertThat(header(r, "Access-Control-Allow-Origin")).as(path).isEqualTo("*");
                assertThat(header(r, "Access-Control-Allow-Credentials")).as(path).isNull();
                assertThat(header(r, "Access-Control-Expose-Headers")).as(path)
                        .contains("ETag", "Last-Modified", "X-Tile-Cache", "Content-Disposition");
                assertThat(vary(r)).as(path + ": listed origins get another answer").contains("Origin");
            }
        }
        HttpResponse<String> noOrigin = send("GET", mainPort, "/wms?SERVICE=WMS&REQUEST=GetCapabilities");
        assertThat(header(noOrigin, "Access-Control-Allow-Origin")).isEqualTo("*");
        HttpResponse<String> head = send("HEAD", mainPort, COMMUNES_TILE, "Origin", ELSEWHERE);
        assertThat(header(head, "Access-Control-Allow-Origin")).isEqualTo("*");

        HttpResponse<String> report = send("GET", mainPort, "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap",
                "Origin", ELSEWHERE);
        assertThat(report.statusCode()).isEqualTo(400);
        assertThat(report.body()).contains("ServiceException");
        assertThat(header(report, "Access-Control-Allow-Origin")).as("exception reports too").isEqualTo("*");
        assertThat(vary(report)).contains("Origin");

        for (String path : List.of(COMMUNES_TILE, COMMUNES_TILE.replace(".png", ".pbf"))) {
            HttpResponse<String> tile = send("GET", endpoint.port(), path, "Origin", ELSEWHERE);
            assertThat(tile.statusCode()).as(path).isEqualTo(200);
            assertThat(header(tile, "Access-Control-Allow-Origin")).as(path).isEqualTo("*");
            assertThat(header(tile, "Access-Control-Expose-Headers")).contains("ETag", "X-Tile-Cache");
            assertThat(vary(tile)).contains("Origin");
        }
        HttpResponse<String> tileReport = send("GET", endpoint.port(), COMMUNES_TILE.replace("/11/", "/25/"),
                "Origin", ELSEWHERE);
        assertThat(tileReport.statusCode()).isEqualTo(400);
        assertThat(header(tileReport, "Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void preflightsAreAnsweredOnBothPorts() throws Exception {
        HttpResponse<String> post = send("OPTIONS", mainPort, "/wfs", "Origin", ELSEWHERE,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertThat(post.statusCode()).isEqualTo(204);
        assertThat(header(post, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(header(post, "Access-Control-Allow-Methods")).contains("GET", "HEAD", "POST");
        assertThat(header(post, "Access-Control-Allow-Headers")).contains("Content-Type", "If-None-Match")
                .as("no credentials from an unlisted origin").doesNotContain("Authorization", "X-API-Key");
        assertThat(header(post, "Access-Control-Max-Age")).isEqualTo("3600");
        assertThat(header(post, "Access-Control-Allow-Credentials")).isNull();

        for (String path : List.of("/ows", "/wms", "/wmts", "/wps", "/wmts/1.0.0/WMTSCapabilities.xml", COMMUNES_TILE,
                "/ogcapi/collections/obs:communes/tiles/WebMercatorQuad/tilejson", "/rest/layers", "/actuator/health")) {
            HttpResponse<String> r = send("OPTIONS", mainPort, path, "Origin", ELSEWHERE,
                    "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "if-none-match");
            assertThat(r.statusCode()).as(path).isEqualTo(204);
            assertThat(header(r, "Access-Control-Allow-Origin")).as(path).isEqualTo("*");
        }

        HttpResponse<String> listed = send("OPTIONS", mainPort, "/wfs", "Origin", LISTED,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
        assertThat(listed.statusCode()).isEqualTo(204);
        assertThat(header(listed, "Access-Control-Allow-Origin")).isEqualTo(LISTED);
        assertThat(header(listed, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(header(listed, "Access-Control-Allow-Headers")).contains("Authorization", "X-API-Key",
                "Content-Type");
        assertThat(vary(listed)).contains("Origin");

        HttpResponse<String> tiles = send("OPTIONS", endpoint.port(), COMMUNES_TILE, "Origin", ELSEWHERE,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "if-none-match");
        assertThat(tiles.statusCode()).isEqualTo(204);
        assertThat(header(tiles, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(header(tiles, "Access-Control-Allow-Methods")).isEqualTo("GET, HEAD");
        assertThat(header(tiles, "Access-Control-Allow-Headers")).contains("If-None-Match")
                .doesNotContain("Authorization");
        assertThat(header(tiles, "Access-Control-Max-Age")).isEqualTo("3600");
        HttpResponse<String> tilesListed = send("OPTIONS", endpoint.port(), COMMUNES_TILE, "Origin", LISTED,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "x-api-key");
        assertThat(tilesListed.statusCode()).isEqualTo(204);
        assertThat(header(tilesListed, "Access-Control-Allow-Origin")).isEqualTo(LISTED);
        assertThat(header(tilesListed, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(header(tilesListed, "Access-Control-Allow-Headers")).contains("Authorization", "X-API-Key");

        HttpResponse<String> notPreflight = send("OPTIONS", endpoint.port(), COMMUNES_TILE);
        assertThat(notPreflight.statusCode()).as("an OPTIONS that is no preflight").isEqualTo(405);
    }

    @Test
    void credentialsAreAllowedFromListedOriginsOnly() throws Exception {
        String partner = login("partner");
        String key = users.issueKey("cors-partner", "cors test").orElseThrow();
        String wfs = "/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=obs:communes&COUNT=1"
                + "&OUTPUTFORMAT=application/json";
        for (int port : List.of(mainPort, endpoint.port())) {
            String path = port == mainPort ? wfs : COMMUNES_TILE;
            HttpResponse<String> listed = send("GET", port, path, "Origin", LISTED, "Authorization", partner);
            assertThat(listed.statusCode()).as(path).isEqualTo(200);
            assertThat(header(listed, "Access-Control-Allow-Origin")).as(path).isEqualTo(LISTED);
            assertThat(header(listed, "Access-Control-Allow-Credentials")).as(path).isEqualTo("true");
            assertThat(vary(listed)).as(path).contains("Origin");

            HttpResponse<String> listedAnonymous = send("GET", port, path, "Origin", LISTED);
            assertThat(header(listedAnonymous, "Access-Control-Allow-Origin")).as(path).isEqualTo(LISTED);
            assertThat(header(listedAnonymous, "Access-Control-Allow-Credentials")).as(path).isEqualTo("true");

            for (String[] credentials : List.of(new String[] {"Authorization", partner},
                    new String[] {"X-API-Key", key})) {
                HttpResponse<String> elsewhere = send("GET", port, path, "Origin", ELSEWHERE, credentials[0],
                        credentials[1]);
                assertThat(elsewhere.statusCode()).as(path + " still answered for non-browser clients")
                        .isEqualTo(200);
                assertThat(header(elsewhere, "Access-Control-Allow-Origin")).as(path).isNull();
                assertThat(header(elsewhere, "Access-Control-Allow-Credentials")).as(path).isNull();
            }
            HttpResponse<String> keyInQuery = send("GET", port, path + (path.contains("?") ? "&" : "?") + "key="
                    + key, "Origin", ELSEWHERE);
            assertThat(keyInQuery.statusCode()).isEqualTo(200);
            assertThat(header(keyInQuery, "Access-Control-Allow-Origin")).as(path).isNull();
        }

        String occurrences = "/wmts/1.0.0/sinp:occurrences/default/WebMercatorQuad/11/687/1036.png";
        HttpResponse<String> privateTile = send("GET", endpoint.port(), occurrences, "Origin", LISTED,
                "Authorization", partner);
        assertThat(privateTile.statusCode()).isEqualTo(200);
        assertThat(vary(privateTile)).as("both the caller and the origin").contains("Authorization", "X-API-Key",
                "Origin");
        HttpResponse<String> privateOnMain = send("GET", mainPort, occurrences, "Origin", LISTED,
                "Authorization", partner);
        assertThat(vary(privateOnMain)).contains("Authorization", "X-API-Key", "Origin");
    }

    @Test
    void theAdminApiGivesNoAllowanceToUnlistedOrigins() throws Exception {
        String admin = login("admin");
        for (String path : List.of("/rest/users", "/rest/users/keys", "/rest/tiles/seed")) {
            HttpResponse<String> anonymous = send("GET", mainPort, path, "Origin", ELSEWHERE);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(header(anonymous, "Access-Control-Allow-Origin")).as(path).isNull();
            HttpResponse<String> elsewhere = send("GET", mainPort, path, "Origin", ELSEWHERE, "Authorization", admin);
            assertThat(elsewhere.statusCode()).as(path).isEqualTo(200);
            assertThat(header(elsewhere, "Access-Control-Allow-Origin")).as(path).isNull();
            HttpResponse<String> preflight = send("OPTIONS", mainPort, path, "Origin", ELSEWHERE,
                    "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
            assertThat(preflight.statusCode()).as(path).isEqualTo(204);
            assertThat(header(preflight, "Access-Control-Allow-Origin")).as(path).isNull();
            assertThat(header(preflight, "Access-Control-Allow-Methods")).as(path).isNull();

            HttpResponse<String> listed = send("GET", mainPort, path, "Origin", LISTED, "Authorization", admin);
            assertThat(listed.statusCode()).as(path).isEqualTo(200);
            assertThat(header(listed, "Access-Control-Allow-Origin")).as(path).isEqualTo(LISTED);
            assertThat(header(listed, "Access-Control-Allow-Credentials")).as(path).isEqualTo("true");
        }
        HttpResponse<String> changed = send("OPTIONS", mainPort, "/rest/layers/obs:communes/changed", "Origin",
                ELSEWHERE, "Access-Control-Request-Method", "POST");
        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(header(changed, "Access-Control-Allow-Origin")).isNull();
        HttpResponse<String> changedListed = send("OPTIONS", mainPort, "/rest/layers/obs:communes/changed", "Origin",
                LISTED, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization");
        assertThat(header(changedListed, "Access-Control-Allow-Origin")).isEqualTo(LISTED);
        assertThat(header(changedListed, "Access-Control-Allow-Methods")).contains("POST", "PUT", "DELETE");
    }

    /**
     * A page served from another origin (another host name and port), loaded in headless Chromium, reads with
     * fetch() the WMS capabilities, a GetFeatureInfo JSON, a WFS GeoJSON page (by GET, and by an XML POST, which is
     * preflighted), TileJSON and the tile its URL names, and tiles from both ports; a request with credentials is
     * refused by the browser (the preflight does not allow Authorization to this origin).
     */
    @Test
    void aPageOfAnotherOriginReadsOurAnswersInChromium() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Chromium is not installed");
        String main = "http://localhost:" + mainPort;
        String page = """
                <!DOCTYPE html><html><body><script>
                const main = "@MAIN@", tiles = "@TILES@";
                async function check(name, work) {
                  try { return name + "=" + await work(); } catch (e) { return name + "=refused"; }
                }
                (async () => {
                  const results = [
                    await check("capabilities", async () => (await (await fetch(main + "/wms?SERVICE=WMS&REQUEST=GetCapabilities")).text()).includes("<WMS_Capabilities")),
                    await check("featureinfo", async () => (await (await fetch(main + "@INFO@")).json()).type),
                    await check("wfs", async () => (await (await fetch(main + "@WFS@")).json()).features.length),
                    await check("wfspost", async () => {
                      const r = await fetch(main + "/wfs", {method: "POST", headers: {"Content-Type": "application/xml"},
                        body: '<GetCapabilities xmlns="http://www.opengis.net/wfs/2.0" service="WFS"/>'});
                      return r.status + ":" + (await r.text()).includes("WFS_Capabilities");
                    }),
                    await check("tilejson", async () => {
                      const doc = await (await fetch(main + "/ogcapi/collections/obs:communes/tiles/WebMercatorQuad/tilejson")).json();
                      const r = await fetch(doc.tiles[0].replace("{z}", "11").replace("{y}", "687").replace("{x}", "1036"));
                      return r.status + ":" + r.headers.get("Content-Type") + ":" + (await r.arrayBuffer()).byteLength;
                    }),
                    await check("vectortile", async () => (await fetch(main + "/ogcapi/collections/obs:communes/tiles/WebMercatorQuad/11/687/1036")).status),
                    await check("tileport", async () => {
                      const r = await fetch(tiles + "@TILE@");
                      return r.status + ":" + (r.headers.get("ETag") !== null) + ":" + r.headers.get("X-Tile-Cache");
                    }),
                    await check("credentials", async () => (await fetch(main + "/rest/layers",
                      {headers: {"Authorization": "Basic " + btoa("someone:secret")}})).status),
                  ];
                  await fetch("/results", {method: "POST", body: results.join("\\n")});
                })();
                </script></body></html>
                """.replace("@MAIN@", main).replace("@TILES@", "http://localhost:" + endpoint.port())
                .replace("@INFO@", PUBLIC.get(2)).replace("@WFS@", PUBLIC.get(3)).replace("@TILE@", COMMUNES_TILE);
        CompletableFuture<String> results = new CompletableFuture<>();
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/results", exchange -> {
            results.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        other.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--enable-logging=stderr", "--user-data-dir=" + temp("cors-chromium"),
                "http://127.0.0.1:" + other.getAddress().getPort() + "/page.html")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(Path.of("target/cors-chromium.log").toFile()).start();
        try {
            assertThat(results.get(60, TimeUnit.SECONDS)).as("what the page read")
                    .contains("capabilities=true", "featureinfo=FeatureCollection", "wfs=2", "wfspost=200:true",
                            "tilejson=200:application/vnd.mapbox-vector-tile:", "tileport=200:true:",
                            "credentials=refused")
                    .containsPattern("vectortile=20[04]");
        } finally {
            chromium.descendants().forEach(ProcessHandle::destroy);
            chromium.destroy();
            chromium.waitFor(30, TimeUnit.SECONDS);
            other.stop(0);
        }
    }
}
