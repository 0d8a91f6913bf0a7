package fr.yseraa.observatory.server.tiles;

import static fr.yseraa.observatory.server.tiles.WmtsServerTest.tileOf;
import static fr.yseraa.observatory.server.tiles.WmtsServerTest.tilePath;
import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.server.CatalogService;
import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import fr.yseraa.observatory.server.security.CorsTest;
import fr.yseraa.observatory.server.security.UserStore;
import fr.yseraa.observatory.wmts.Wmts;
import fr.yseraa.observatory.wmts.tile.TileProvider;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The tile endpoint's answer cache ({@link TileAnswerCache}): a kept answer is the answer byte for byte, gives way as
 * soon as its tile leaves the tile cache or the catalog changes, and never answers a request that carries
 * credentials, a condition or an Origin.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TileAnswerCacheTest {

    private static final String PASSWORD = "a long enough password";
    private static final String LISTED = "https://portail.example.org";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "tile_answers", 2000);
        registry.add("obs.data-dir", () -> CorsTest.dataDirListing(LISTED));
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
    CatalogService catalogs;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> send(String method, int port, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> tiles(String path, String... headers) throws Exception {
        return send("GET", endpoint.port(), path, null, headers);
    }

    private String login(String role) {
        users.saveUser(role, PASSWORD, null, Set.of(role));
        return TestServer.basicAuthorization(role, PASSWORD);
    }

    private static String header(HttpResponse<byte[]> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private static String tile(String layer, int z) {
        long[] rc = tileOf(2.25, 50.75, z);
        return tilePath(layer, "WebMercatorQuad", z, rc[0], rc[1], "png");
    }

    /** Requests a tile until it is hot: on disk or rendered first, then from memory. */
    private void warm(String path) throws Exception {
        assertThat(tiles(path).statusCode()).isEqualTo(200);
        assertThat(header(tiles(path), "X-Tile-Cache")).isEqualTo("HIT");
    }

    @Test
    void aKeptAnswerIsTheAnswerByteForByteForGetAndHead() throws Exception {
        String path = tile("obs:communes", 12);
        try (Socket socket = new Socket("localhost", endpoint.port())) {
            String get = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
            RawAnswer first = exchange(socket, get);
            RawAnswer hot = exchange(socket, get); // from memory, kept as it leaves
            RawAnswer kept = exchange(socket, get);
            RawAnswer keptAgain = exchange(socket, get);
            assertThat(first.head()).contains("HTTP/1.1 200 OK");
            assertThat(hot.head()).contains("X-Tile-Cache: HIT").doesNotContain("onnection:");
            assertThat(kept.head()).isEqualTo(hot.head()).isEqualTo(keptAgain.head());
            assertThat(kept.body()).isEqualTo(hot.body()).isEqualTo(first.body()).hasSizeGreaterThan(100);
            RawAnswer head = exchange(socket, "HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(head.head()).isEqualTo(hot.head());
            assertThat(head.body()).isEmpty();
            assertThat(exchange(socket, get).body()).as("the connection goes on after HEAD").isEqualTo(hot.body());
        }
        assertThat(send("GET", mainPort, path, null).body()).isEqualTo(tiles(path).body());
    }

    @Test
    void conditionsOriginAndClosingAreAnsweredAsWithoutTheCache() throws Exception {
        String path = tile("obs:communes", 13);
        warm(path);
        HttpResponse<byte[]> plain = tiles(path);
        assertThat(header(plain, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(tiles(path, "If-None-Match", header(plain, "ETag")).statusCode()).isEqualTo(304);
        assertThat(tiles(path, "If-None-Match", "\"another\"").statusCode()).isEqualTo(200);
        assertThat(tiles(path, "If-Modified-Since", header(plain, "Last-Modified")).statusCode()).isEqualTo(304);
        HttpResponse<byte[]> fromPage = tiles(path, "Origin", LISTED);
        assertThat(header(fromPage, "Access-Control-Allow-Origin")).isEqualTo(LISTED);
        assertThat(header(fromPage, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(fromPage.body()).isEqualTo(plain.body());
        assertThat(header(tiles(path), "Access-Control-Allow-Origin")).isEqualTo("*");
        for (String request : new String[] {"GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET " + path + " HTTP/1.0\r\n\r\n"}) {
            try (Socket socket = new Socket("localhost", endpoint.port())) {
                RawAnswer closing = exchange(socket, request);
                assertThat(closing.head()).contains("200 OK").containsIgnoringCase("connection: close");
                assertThat(closing.body()).isEqualTo(plain.body());
                assertThat(socket.getInputStream().read()).as("closed after the answer").isEqualTo(-1);
            }
        }
    }

    @Test
    void aCallerWithCredentialsNeverGetsTheKeptAnswerOfThePublic() throws Exception {
        String path = tile("sinp:occurrences", 11);
        warm(path);
        HttpResponse<byte[]> publicTile = tiles(path);
        String instructor = login("instructor");
        HttpResponse<byte[]> exact = tiles(path, "Authorization", instructor);
        assertThat(exact.statusCode()).isEqualTo(200);
        assertThat(exact.body()).isNotEqualTo(publicTile.body())
                .isEqualTo(send("GET", mainPort, path, null, "Authorization", instructor).body());
        assertThat(header(exact, "Cache-Control")).startsWith("private");
        String key = users.issueKey("instructor", "answer cache test").orElseThrow();
        assertThat(tiles(path + "?KEY=" + key).body()).isEqualTo(exact.body());
        assertThat(tiles(path, "X-API-Key", key).body()).isEqualTo(exact.body());
        assertThat(tiles(path, "Authorization", TestServer.basicAuthorization("instructor", "wrong")).statusCode())
                .isEqualTo(401);
        HttpResponse<byte[]> publicAgain = tiles(path);
        assertThat(publicAgain.body()).isEqualTo(publicTile.body());
        assertThat(header(publicAgain, "Cache-Control")).startsWith("public");
    }

    @Test
    void anInvalidationOfTheTileCacheReachesTheKeptAnswers() throws Exception {
        String admin = login("admin");
        String path = tile("obs:habitats", 14);
        warm(path);
        assertThat(header(tiles(path), "X-Tile-Cache")).isEqualTo("HIT");
        HttpResponse<byte[]> changed = send("POST", mainPort, "/rest/layers/obs:habitats/changed",
                "{\"bbox\": [2.2, 50.7, 2.3, 50.8], \"srid\": 4326}", "Authorization", admin,
                "Content-Type", "application/json");
        assertThat(changed.statusCode()).as(new String(changed.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(header(tiles(path), "X-Tile-Cache")).as("drawn again, not the kept answer").isEqualTo("MISS");
        warm(path);
        assertThat(send("DELETE", mainPort, "/rest/tiles/obs:habitats", null, "Authorization", admin).statusCode())
                .isEqualTo(200);
        assertThat(header(tiles(path), "X-Tile-Cache")).isEqualTo("MISS");
    }

    @Test
    void aKeptAnswerGivesWayWhenItsTileLeavesMemoryOrTheCatalogChanges() throws Exception {
        String path = tile("obs:communes", 14);
        warm(path);
        TileProvider provider = wmts.service().tiles();
        TileAnswerCache answers = new TileAnswerCache(provider, 1 << 20);
        TileProvider.Tile hot = hotTile(provider, path);
        answers.keep(path, hot, ok());
        assertThat(answers.answer(path)).isNotNull();
        ByteBuf encoded = answers.answer(path).encoded(true);
        assertThat(encoded.readableBytes()).isEqualTo(TileAnswerCache.head(ok()).length + hot.content().bytes().length);
        encoded.release();

        catalogs.dataChanged();
        assertThat(answers.answer(path)).as("another catalog: resolved again").isNull();

        warm(path);
        answers.keep(path, hotTile(provider, path), ok());
        assertThat(answers.answer(path)).isNotNull();
        wmts.cache().invalidate("obs:communes", k -> true);
        assertThat(answers.answer(path)).as("the tile left the cache").isNull();

        answers.keep(path, hot, new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED));
        assertThat(answers.answer(path)).as("only 200 answers are kept").isNull();
        TileAnswerCache none = new TileAnswerCache(provider, 0);
        warm(path);
        none.keep(path, hotTile(provider, path), ok());
        assertThat(none.answer(path)).as("a cap of 0 keeps nothing").isNull();
    }

    /**
     * Under churn (many more answers than the cap holds), every answer that left the cache has its memory outside
     * the heap freed at once, or as soon as the write in flight that holds it is done; never left to the garbage
     * collector. What stays allocated is what the cache holds, within its cap.
     */
    @Test
    void answersThatLeaveTheCacheFreeTheirMemoryOnceTheirLastWriteIsDone() throws Exception {
        String path = tile("obs:habitats", 13);
        warm(path);
        TileProvider provider = wmts.service().tiles();
        TileProvider.Tile hot = hotTile(provider, path);
        long cap = 4L * (2L * hot.content().bytes().length + 1024); // a few answers
        TileAnswerCache answers = new TileAnswerCache(provider, cap);
        answers.keep(path + "?0", hot, ok());
        ByteBuf inFlight = answers.answer(path + "?0").encoded(true); // a write under way as the answer goes
        Map<String, ByteBuf> made = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            String key = path + "?" + i;
            answers.keep(key, hot, ok());
            TileAnswerCache.Answer a = answers.answer(key);
            if (a != null) {
                made.put(key, a.whole());
                ByteBuf written = a.encoded(i % 2 == 0); // GET and HEAD, written and released as the socket does
                assertThat(written).isNotNull();
                written.release();
            }
        }
        assertThat(made).hasSizeGreaterThan(100);
        long held = 0;
        int freed = 0;
        for (Map.Entry<String, ByteBuf> m : made.entrySet()) {
            if (answers.answer(m.getKey()) == null) {
                assertThat(m.getValue().refCnt()).as("freed on leaving the cache: %s", m.getKey()).isZero();
                freed++;
            } else {
                held += m.getValue().capacity();
            }
        }
        assertThat(freed).isGreaterThan(made.size() - 10);
        assertThat(held).as("memory outside the heap still held").isLessThanOrEqualTo(cap);

        int length = TileAnswerCache.head(ok()).length + hot.content().bytes().length;
        assertThat(inFlight.refCnt()).as("the write in flight keeps its bytes").isEqualTo(1);
        assertThat(inFlight.readableBytes()).isEqualTo(length);
        assertThat(ByteBufUtil.getBytes(inFlight, inFlight.readableBytes() - hot.content().bytes().length,
                hot.content().bytes().length)).isEqualTo(hot.content().bytes());
        assertThat(inFlight.release()).as("then frees them").isTrue();
    }

    private static TileProvider.Tile hotTile(TileProvider provider, String path) {
        return provider.hotTile(TilePath.parse(path, null).orElseThrow(), Caller.anonymous()).orElseThrow();
    }

    private static FullHttpResponse ok() {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set("Content-Type", "image/png");
        return r;
    }

    /** An answer as it came over the wire: its status line and headers as text, and its body. */
    private record RawAnswer(String head, byte[] body) {
    }

    /** Sends one request on the connection and reads its answer (which has a Content-Length). */
    private static RawAnswer exchange(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        long length = -1;
        for (String line = TileEndpointTest.line(in); !line.isEmpty(); line = TileEndpointTest.line(in)) {
            head.append(line).append('\n');
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(line.substring(15).strip());
            }
        }
        boolean headRequest = request.startsWith("HEAD ");
        return new RawAnswer(head.toString(), headRequest ? new byte[0] : in.readNBytes((int) length));
    }
}
