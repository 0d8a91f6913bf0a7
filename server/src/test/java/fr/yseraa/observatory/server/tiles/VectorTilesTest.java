package fr.yseraa.observatory.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import fr.yseraa.observatory.server.security.UserStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Vector tiles over HTTP, decoded by GDAL's MVT driver (a standard decoder), per access level. */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VectorTilesTest {

    /** The WebMercatorQuad tile over Saint-Omer's marsh at zoom 11. */
    static final String MARSH_TILE = "11/687/1036";

    static final Path CACHE_DIR = WmtsServerTest.tempDir();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "tiles", 5000);
        registry.add("obs.wmts.cache-dir", () -> CACHE_DIR.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    UserStore users;

    @Autowired
    TileEndpoint endpoint;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String path, String login, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (login != null) {
            users.saveUser(login, "a long enough password", null, Set.of(login));
            b.header("Authorization", TestServer.basicAuthorization(login, "a long enough password"));
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** What GDAL's MVT driver reads in a tile: its text report of the layer and the features. */
    private static String decode(Path dir, byte[] tile) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ogrinfo")), "GDAL is not installed");
        String[] zyx = MARSH_TILE.split("/");
        Path file = Files.write(dir.resolve("tile-" + System.nanoTime() + ".mvt"), tile);
        Process p = new ProcessBuilder("ogrinfo", "-ro", "-al", "-q", "-oo", "Z=" + zyx[0], "-oo", "X=" + zyx[2],
                "-oo", "Y=" + zyx[1], file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void tilesDecodeWithTheLayersAttributesAndGeometries(@TempDir Path dir) throws Exception {
        HttpResponse<byte[]> r = get("/ogcapi/collections/obs:communes/tiles/WebMercatorQuad/" + MARSH_TILE, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/vnd.mapbox-vector-tile");
        String decoded = decode(dir, r.body());
        assertThat(decoded).contains("Layer name: communes", "name (String) = Saint-Omer", "POLYGON ((");
    }

    @Test
    void thePublicTileHoldsNoExactSensitivePointNorObserver(@TempDir Path dir) throws Exception {
        String path = "/ogcapi/collections/sinp:occurrences/tiles/WebMercatorQuad/" + MARSH_TILE;
        String anonymous = decode(dir, get(path, null).body());
        String instructor = decode(dir, get(path, "instructor").body());
        assertThat(instructor).contains("observateur (String)").contains("diffusion_level (Integer) = 4");
        assertThat(anonymous).doesNotContain("observateur").doesNotContain("diffusion_level (Integer) = 4");
        // blurred occurrences travel as the polygons of their commune or cell, never as points
        for (String feature : anonymous.split("OGRFeature")) {
            if (feature.contains("diffusion_level (Integer) = 1") || feature.contains("diffusion_level (Integer) = 2")) {
                assertThat(feature).doesNotContain("POINT");
            }
        }
    }

    @Test
    void tilesAreCachedPerAccessLevelWithHttpCaching() throws Exception {
        String path = "/ogcapi/collections/sinp:occurrences/tiles/WebMercatorQuad/" + MARSH_TILE;
        HttpResponse<byte[]> first = get(path, null);
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).contains("public, max-age=300");
        assertThat(first.headers().firstValue("Vary")).contains("Authorization, X-API-Key");
        HttpResponse<byte[]> again = get(path, null);
        assertThat(again.headers().firstValue("X-Tile-Cache")).contains("HIT");
        assertThat(again.headers().firstValue("ETag")).contains(etag);
        HttpResponse<byte[]> byEtag = get(path, null, "If-None-Match", etag);
        assertThat(byEtag.statusCode()).isEqualTo(304);
        assertThat(byEtag.headers().firstValue("ETag")).contains(etag);
        assertThat(get(path, null, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        String earlier = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).minusHours(1));
        assertThat(get(path, null, "If-Modified-Since", earlier).statusCode()).isEqualTo(200);
        assertThat(get(path, null, "If-None-Match", "\"other\"", "If-Modified-Since", lastModified).statusCode())
                .isEqualTo(200);

        HttpResponse<byte[]> partner = get(path, "partner");
        assertThat(partner.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(partner.headers().firstValue("Cache-Control")).contains("private, max-age=300");
        assertThat(partner.headers().firstValue("Vary")).contains("Authorization, X-API-Key");
        assertThat(get(path, "partner", "If-None-Match", partner.headers().firstValue("ETag").orElseThrow())
                .statusCode()).isEqualTo(304);
        assertThat(get(path, "partner", "If-None-Match", etag).statusCode())
                .as("the public's ETag does not stand for the partner's tile").isEqualTo(200);

        HttpResponse<byte[]> open = get("/ogcapi/collections/obs:communes/tiles/WebMercatorQuad/" + MARSH_TILE,
                "partner");
        assertThat(open.headers().firstValue("Cache-Control")).as("open data is the same for all")
                .contains("public, max-age=300");
        assertThat(open.headers().firstValue("Vary")).isEmpty();
    }

    @Test
    void tileJsonAndErrors() throws Exception {
        HttpResponse<byte[]> r = get("/ogcapi/collections/obs:habitats/tiles/WebMercatorQuad/tilejson", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = new ObjectMapper().readTree(r.body());
        assertThat(doc.path("tilejson").asText()).isEqualTo("3.0.0");
        String template = doc.path("tiles").get(0).asText();
        assertThat(template).as("the RESTful vector tiles on the tile endpoint").isEqualTo("http://localhost:"
                + endpoint.port() + "/wmts/1.0.0/obs:habitats/default/WebMercatorQuad/{z}/{y}/{x}.pbf");
        String[] zyx = MARSH_TILE.split("/");
        HttpResponse<byte[]> tile = http.send(HttpRequest.newBuilder(URI.create(template.replace("{z}", zyx[0])
                .replace("{y}", zyx[1]).replace("{x}", zyx[2]))).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> same = get("/ogcapi/collections/obs:habitats/tiles/WebMercatorQuad/" + MARSH_TILE, null);
        assertThat(tile.statusCode()).isEqualTo(200);
        assertThat(tile.headers().firstValue("Content-Type")).contains("application/vnd.mapbox-vector-tile");
        assertThat(tile.body()).isEqualTo(same.body());
        assertThat(tile.headers().firstValue("ETag")).isEqualTo(same.headers().firstValue("ETag"));
        assertThat(doc.path("vector_layers").get(0).path("fields").has("class_code")).isTrue();
        assertThat(doc.path("bounds").get(0).asDouble()).isBetween(1.5, 3.0);
        assertThat(get("/ogcapi/collections/obs:nothing/tiles/WebMercatorQuad/0/0/0", null).statusCode()).isEqualTo(404);
        assertThat(get("/ogcapi/collections/obs:communes/tiles/WebMercatorQuad/3/9/0", null).statusCode()).isEqualTo(400);
        assertThat(get("/ogcapi/collections/obs:communes/tiles/WebMercatorQuad/5/0/0", null).statusCode())
                .as("a tile where the layer has nothing").isEqualTo(204);
    }
}
