package fr.yseraa.observatory.server.tiles;

import static fr.yseraa.observatory.server.tiles.WmtsServerTest.tileOf;
import static fr.yseraa.observatory.server.tiles.WmtsServerTest.tilePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import fr.yseraa.observatory.server.operations.RequestMetrics;
import fr.yseraa.observatory.server.security.Authenticator;
import fr.yseraa.observatory.server.security.CorsPolicy;
import fr.yseraa.observatory.server.security.SecurityHeadersFilter;
import fr.yseraa.observatory.server.security.UserStore;
import fr.yseraa.observatory.wmts.Wmts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The tile endpoint on its own port answers exactly as the main port does (bytes, caching headers, errors, access
 * levels), and the capabilities send clients there.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TileEndpointTest {

    private static final String PASSWORD = "a long enough password";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "tile_endpoint", 3000);
        registry.add("obs.wmts.cache-dir", () -> WmtsServerTest.tempDir().toString());
    }

    @LocalServerPort
    int mainPort;

    @Autowired
    TileEndpoint endpoint;

    @Autowired
    UserStore users;

    @Autowired
    Wmts wmts;

    @Autowired
    Authenticator authenticator;

    @Autowired
    RequestMetrics metrics;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> send(String method, int port, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, HttpRequest.BodyPublishers.noBody());
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> tiles(String path, String... headers) throws Exception {
        return send("GET", endpoint.port(), path, headers);
    }

    private HttpResponse<byte[]> main(String path, String... headers) throws Exception {
        return send("GET", mainPort, path, headers);
    }

    private String login(String role) {
        users.saveUser(role, PASSWORD, null, Set.of(role));
        return TestServer.basicAuthorization(role, PASSWORD);
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String header(HttpResponse<byte[]> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private static String communesTile(int z) {
        long[] rc = tileOf(2.25, 50.75, z);
        return tilePath("obs:communes", "WebMercatorQuad", z, rc[0], rc[1], "png");
    }

    @Test
    void theCapabilitiesSendRestfulTileRequestsToTheTilePort() throws Exception {
        assertThat(endpoint.port()).isPositive().isNotEqualTo(mainPort);
        String caps = text(main("/wmts/1.0.0/WMTSCapabilities.xml"));
        String tileBase = "http://localhost:" + endpoint.port() + "/wmts/1.0.0/";
        assertThat(caps).contains("template=\"" + tileBase + "obs:communes/{Style}/{TileMatrixSet}/{TileMatrix}/"
                + "{TileRow}/{TileCol}.png\"");
        assertThat(caps).contains("xlink:href=\"" + tileBase + "\"")
                .contains("xlink:href=\"http://localhost:" + mainPort + "/wmts/1.0.0/WMTSCapabilities.xml\"");
        assertThat(caps).doesNotContain("localhost:" + mainPort + "/wmts/1.0.0/obs:");
        assertThat(text(main("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities"))).contains("template=\"" + tileBase);
    }

    @Test
    void aPublicTileIsTheSameBytesAndHeadersAsOnTheMainPort() throws Exception {
        String path = communesTile(12);
        HttpResponse<byte[]> first = tiles(path);
        HttpResponse<byte[]> again = tiles(path);
        HttpResponse<byte[]> onMain = main(path);
        assertThat(first.statusCode()).as(text(first)).isEqualTo(200);
        assertThat(header(first, "Content-Type")).isEqualTo("image/png");
        assertThat(header(again, "X-Tile-Cache")).isEqualTo("HIT");
        assertThat(again.body()).isEqualTo(first.body()).isEqualTo(onMain.body());
        for (String name : List.of("ETag", "Last-Modified", "Cache-Control")) {
            assertThat(header(again, name)).as(name).isNotNull().isEqualTo(header(onMain, name));
        }
        assertThat(header(again, "Cache-Control")).startsWith("public");
        assertThat(header(again, "Content-Length")).isEqualTo(Integer.toString(first.body().length));
        SecurityHeadersFilter.HEADERS.forEach((name, value) -> assertThat(header(again, name)).as(name).isEqualTo(value));
        assertThat(header(again, "Access-Control-Allow-Origin")).isEqualTo("*");

        HttpResponse<byte[]> notModified = tiles(path, "If-None-Match", header(again, "ETag"));
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(header(notModified, "ETag")).isEqualTo(header(again, "ETag"));
        HttpResponse<byte[]> head = send("HEAD", endpoint.port(), path);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(first.body().length));
    }

    @Test
    void errorsAreTheMainPortsExceptionReports() throws Exception {
        for (String path : List.of(tilePath("obs:nowhere", "WebMercatorQuad", 5, 0, 0, "png"),
                tilePath("obs:communes", "WebMercatorQuad", 5, 31, 0, "png"),
                tilePath("obs:communes", "WebMercatorQuad", 25, 0, 0, "png"),
                tilePath("obs:communes", "Lambert93Quad", 5, 0, 0, "pbf"),
                tilePath("obs:communes", "WebMercatorQuad", 5, 0, 0, "gif"),
                "/wmts/1.0.0/obs:communes/default/WebMercatorQuad/5/x/0.png")) {
            HttpResponse<byte[]> onTiles = tiles(path);
            HttpResponse<byte[]> onMain = main(path);
            assertThat(onTiles.statusCode()).as(path).isEqualTo(onMain.statusCode()).isEqualTo(400);
            assertThat(text(onTiles)).as(path).isEqualTo(text(onMain)).contains("ExceptionReport");
            assertThat(header(onTiles, "Content-Type")).startsWith("application/xml");
        }
        HttpResponse<byte[]> elsewhere = tiles("/wms?SERVICE=WMS&REQUEST=GetCapabilities");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(text(elsewhere)).contains("WMTS tiles only");
        HttpResponse<byte[]> post = send("POST", endpoint.port(), communesTile(10));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(header(post, "Allow")).isEqualTo("GET, HEAD");
        Map<String, String> badEncoding = exchange("GET /wmts/1.0.0/obs%ZZcommunes/default/WebMercatorQuad/5/0/0.png"
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 1).get(0);
        assertThat(badEncoding.get("status")).isEqualTo("400");
        assertThat(badEncoding.get("body")).contains("InvalidParameterValue");
    }

    @Test
    void credentialsAreCheckedAndEachAccessLevelGetsItsOwnTile() throws Exception {
        long[] rc = tileOf(2.25, 50.75, 11);
        String path = tilePath("sinp:occurrences", "WebMercatorQuad", 11, rc[0], rc[1], "png");
        String instructor = login("instructor");
        HttpResponse<byte[]> exact = tiles(path, "Authorization", instructor);
        HttpResponse<byte[]> exactAgain = tiles(path, "Authorization", instructor);
        HttpResponse<byte[]> exactOnMain = main(path, "Authorization", instructor);
        assertThat(exact.statusCode()).as(text(exact)).isEqualTo(200);
        assertThat(exactAgain.body()).isEqualTo(exact.body()).isEqualTo(exactOnMain.body());
        assertThat(header(exactAgain, "Cache-Control")).startsWith("private");
        assertThat(header(exactAgain, "Vary")).isEqualTo("Authorization, X-API-Key");

        // the instructor's tile is in memory now: the public's, answered on the I/O thread, is still the public's
        HttpResponse<byte[]> publicTile = tiles(path);
        HttpResponse<byte[]> publicAgain = tiles(path);
        HttpResponse<byte[]> publicOnMain = main(path);
        assertThat(publicAgain.body()).isEqualTo(publicTile.body()).isEqualTo(publicOnMain.body())
                .isNotEqualTo(exact.body());
        assertThat(header(publicAgain, "X-Tile-Cache")).isEqualTo("HIT");
        assertThat(header(publicAgain, "Cache-Control")).startsWith("public");

        users.saveUser("instructor", PASSWORD, null, Set.of("instructor"));
        String key = users.issueKey("instructor", "tile endpoint test").orElseThrow();
        HttpResponse<byte[]> byKey = tiles(path + "?KEY=" + key);
        assertThat(byKey.body()).isEqualTo(exact.body());
        HttpResponse<byte[]> byHeader = tiles(path, "X-API-Key", key);
        assertThat(byHeader.body()).isEqualTo(exact.body());

        HttpResponse<byte[]> wrong = tiles(path, "Authorization", TestServer.basicAuthorization("instructor", "wrong"));
        HttpResponse<byte[]> wrongOnMain = main(path, "Authorization", TestServer.basicAuthorization("instructor", "wrong"));
        assertThat(wrong.statusCode()).isEqualTo(401).isEqualTo(wrongOnMain.statusCode());
        assertThat(header(wrong, "WWW-Authenticate")).isEqualTo(header(wrongOnMain, "WWW-Authenticate"));
        assertThat(text(wrong)).isEqualTo(text(wrongOnMain)).doesNotContain("PNG");
        HttpResponse<byte[]> unknownKey = tiles(path + "?authkey=no-such-key");
        assertThat(unknownKey.statusCode()).isEqualTo(401);
    }

    @Test
    void aTakenPortStopsTheStartWithAMessageSayingWhatToDo() {
        TileHttpServer second = new TileHttpServer(new TileEndpoint(endpoint.port(), ""), wmts, authenticator,
                new CorsPolicy(Set.of()), metrics, 1, 1, 32, "");
        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot listen on port " + endpoint.port()).hasMessageContaining("obs.tiles.port");
        assertThat(second.isRunning()).isFalse();
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheirOrder() throws Exception {
        String hot = communesTile(13);
        byte[] hotBytes = tiles(hot).body();
        assertThat(header(tiles(hot), "X-Tile-Cache")).isEqualTo("HIT");
        long[] rc = tileOf(2.25, 50.75, 15);
        String cold = tilePath("obs:habitats", "WebMercatorQuad", 15, rc[0], rc[1], "png");
        List<Map<String, String>> answers = exchange("GET " + cold + " HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET " + hot + " HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET " + hot + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 3);
        assertThat(answers.get(0).get("x-tile-cache")).as("the first request renders, the others wait").isEqualTo("MISS");
        assertThat(answers.get(0).get("body")).isEqualTo(new String(main(cold).body(), StandardCharsets.ISO_8859_1));
        for (Map<String, String> a : answers.subList(1, 3)) {
            assertThat(a.get("status")).isEqualTo("200");
            assertThat(a.get("body")).isEqualTo(new String(hotBytes, StandardCharsets.ISO_8859_1));
        }
        assertThat(answers.get(2).get("connection")).isEqualTo("close");
    }

    /** Sends raw HTTP/1.1 requests in one write on one connection and reads that many responses. */
    private List<Map<String, String>> exchange(String requests, int responses) throws IOException {
        try (Socket socket = new Socket("localhost", endpoint.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readResponses(socket.getInputStream(), responses);
        }
    }

    /** HTTP/1.1 responses with a Content-Length each: status, lower-case headers and body (as ISO-8859-1 text). */
    private static List<Map<String, String>> readResponses(InputStream in, int count) throws IOException {
        List<Map<String, String>> responses = new ArrayList<>();
        Pattern status = Pattern.compile("HTTP/1\\.1 (\\d{3}) .*");
        for (int i = 0; i < count; i++) {
            Map<String, String> r = new TreeMap<>();
            Matcher m = status.matcher(line(in));
            assertThat(m.matches()).isTrue();
            r.put("status", m.group(1));
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                int colon = l.indexOf(':');
                r.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(r.get("content-length")));
            r.put("body", new String(body, StandardCharsets.ISO_8859_1));
            responses.add(r);
        }
        return responses;
    }

    /** One line of an HTTP head, without its CRLF. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in a response head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
