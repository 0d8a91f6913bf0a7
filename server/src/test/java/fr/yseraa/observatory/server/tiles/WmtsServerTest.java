package fr.yseraa.observatory.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.xml.OgcSchemas;
import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import fr.yseraa.observatory.server.security.UserStore;
import fr.yseraa.observatory.wmts.Wmts;
import fr.yseraa.observatory.wmts.cache.TileKey;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The WMTS over HTTP: capabilities, tiles that line up with the WMS, cache invalidation, access levels, GDAL. */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class WmtsServerTest {

    static final String SCHEMA = "http://schemas.opengis.net/wmts/1.0/wmtsGetCapabilities_response.xsd";
    static final Path CACHE_DIR = tempDir();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "wmts", 5000);
        registry.add("obs.wmts.cache-dir", CACHE_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    UserStore users;

    @Autowired
    DataSource dataSource;

    @Autowired
    Wmts wmts;

    private final HttpClient http = HttpClient.newHttpClient();

    static final ObjectMapper JSON = new ObjectMapper();

    public static Path tempDir() {
        try {
            return Files.createTempDirectory("wmts-test-cache");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<byte[]> send(String method, String path, String body, String login, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (login != null) {
            users.saveUser(login, "a long enough password", null, Set.of(login));
            b.header("Authorization", TestServer.basicAuthorization(login, "a long enough password"));
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String path, String login, String... headers) throws Exception {
        return send("GET", path, null, login, headers);
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static BufferedImage image(HttpResponse<byte[]> r) throws IOException {
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    /** The WebMercatorQuad column and row of a longitude / latitude at a zoom level. */
    public static long[] tileOf(double lon, double lat, int z) {
        double n = 1L << z;
        double phi = Math.toRadians(lat);
        long col = (long) Math.floor((lon + 180) / 360 * n);
        long row = (long) Math.floor((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * n);
        return new long[] {row, col};
    }

    static double[] tileExtent(int z, long row, long col, long rows, long cols) {
        double span = 2 * 20037508.3427892 / (1L << z);
        double minX = -20037508.3427892 + col * span;
        double maxY = 20037508.3427892 - row * span;
        return new double[] {minX, maxY - rows * span, minX + cols * span, maxY};
    }

    public static String tilePath(String layer, String set, int z, long row, long col, String ext) {
        return "/wmts/1.0.0/" + layer + "/default/" + set + "/" + z + "/" + row + "/" + col + "." + ext;
    }

    @Test
    void capabilitiesValidateInBothEncodingsAndListTheLayersSetsAndTime() throws Exception {
        HttpResponse<byte[]> rest = get("/wmts/1.0.0/WMTSCapabilities.xml", null);
        HttpResponse<byte[]> kvp = get("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities&VERSION=1.0.0", null);
        for (HttpResponse<byte[]> r : List.of(rest, kvp)) {
            assertThat(r.statusCode()).isEqualTo(200);
            List<String> errors = OgcSchemas.validate(SCHEMA, new StreamSource(new ByteArrayInputStream(r.body())));
            assertThat(errors).as(text(r)).isEmpty();
        }
        String doc = text(rest);
        assertThat(doc).contains("<ows:Identifier>obs:communes</ows:Identifier>")
                .contains("<ows:Identifier>sinp:occurrences</ows:Identifier>")
                .contains("<ows:Identifier>WebMercatorQuad</ows:Identifier>")
                .contains("<ows:Identifier>WorldCRS84Quad</ows:Identifier>")
                .contains("<ows:Identifier>Lambert93Quad</ows:Identifier>")
                .contains("<Format>application/vnd.mapbox-vector-tile</Format>")
                .contains("REQUEST=GetLegendGraphic")
                .contains("/wmts/1.0.0/obs:communes/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png")
                .contains("<TileMatrixLimits>");
        // a time dimension on the layers with a time column only
        assertThat(doc.split("<Layer>")).filteredOn(l -> l.contains("<ows:Identifier>sinp:occurrences<"))
                .singleElement().asString().contains("<Dimension><ows:Identifier>time</ows:Identifier>");
        assertThat(doc.split("<Layer>")).filteredOn(l -> l.contains("<ows:Identifier>obs:communes<"))
                .singleElement().asString().doesNotContain("<Dimension>");
    }

    @Test
    void tilesRenderInEveryTileMatrixSetAndFormat() throws Exception {
        double lon = 2.25;
        double lat = 50.75; // Saint-Omer
        long[] mercator = tileOf(lon, lat, 12);
        double crs84Span = 180.0 / (1 << 11);
        double lambertSpan = 4096.0 / (1 << 9) * 256;
        Map<String, String> tiles = Map.of(
                "WebMercatorQuad", "12/" + mercator[0] + "/" + mercator[1],
                "WorldCRS84Quad", "11/" + (long) Math.floor((90 - lat) / crs84Span) + "/"
                        + (long) Math.floor((lon + 180) / crs84Span),
                "Lambert93Quad", "9/" + (long) Math.floor((7340032 - 7068000) / lambertSpan) + "/"
                        + (long) Math.floor(651000 / lambertSpan));
        for (Map.Entry<String, String> t : tiles.entrySet()) {
            String path = "/wmts/1.0.0/obs:communes/default/" + t.getKey() + "/" + t.getValue();
            HttpResponse<byte[]> png = get(path + ".png", null);
            assertThat(png.headers().firstValue("Content-Type")).as(text(png)).contains("image/png");
            BufferedImage image = image(png);
            assertThat(image.getWidth()).isEqualTo(256);
            assertThat(drawnShare(image)).as(t.getKey()).isGreaterThan(0.5); // communes cover Saint-Omer
            HttpResponse<byte[]> jpeg = get(path + ".jpeg", null);
            assertThat(jpeg.headers().firstValue("Content-Type")).contains("image/jpeg");
            assertThat(image(jpeg).getHeight()).isEqualTo(256);
        }
        HttpResponse<byte[]> mvt = get("/wmts/1.0.0/obs:communes/default/WebMercatorQuad/" + tiles.get("WebMercatorQuad")
                + ".pbf", null);
        assertThat(mvt.statusCode()).isEqualTo(200);
        assertThat(mvt.headers().firstValue("Content-Type")).contains("application/vnd.mapbox-vector-tile");
        assertThat(mvt.body()).isNotEmpty();
    }

    /** The share of pixels where something is drawn (not fully transparent). */
    private static double drawnShare(BufferedImage image) {
        long drawn = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) >>> 24 != 0) {
                    drawn++;
                }
            }
        }
        return (double) drawn / (image.getWidth() * image.getHeight());
    }

    @Test
    void kvpTilesCarryTheSameCachingHeadersAndAnswer304LikeRestfulOnes() throws Exception {
        long[] rc = tileOf(2.25, 50.75, 11);
        String kvp = "/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=obs:communes&STYLE=default"
                + "&FORMAT=image/png&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=11&TILEROW=" + rc[0] + "&TILECOL=" + rc[1];
        HttpResponse<byte[]> first = get(kvp, null);
        assertThat(first.statusCode()).as(text(first)).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Tile-Cache")).contains("MISS");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).contains("public, max-age=300");
        assertThat(first.headers().firstValue("Vary")).as("open data: the same tile for everybody").isEmpty();
        assertConditionalRequests(kvp, null, etag, lastModified);
        // the RESTful tile is the same cached entity
        HttpResponse<byte[]> rest = get(tilePath("obs:communes", "WebMercatorQuad", 11, rc[0], rc[1], "png"), null);
        assertThat(rest.headers().firstValue("ETag")).contains(etag);
        assertThat(rest.headers().firstValue("X-Tile-Cache")).contains("HIT");
        assertConditionalRequests(tilePath("obs:communes", "WebMercatorQuad", 11, rc[0], rc[1], "png"), null, etag,
                lastModified);
        // a logged-in caller gets the public's tile of open data, still shareable
        HttpResponse<byte[]> partner = get(kvp, "partner");
        assertThat(partner.headers().firstValue("ETag")).contains(etag);
        assertThat(partner.headers().firstValue("Cache-Control")).contains("public, max-age=300");
    }

    @Test
    void tilesDrawnForAnAccessLevelArePrivateAndVaryOnCredentials() throws Exception {
        long[] rc = tileOf(2.25, 50.75, 11);
        String kvp = "/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=sinp:occurrences&STYLE="
                + "&FORMAT=image/png&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=11&TILEROW=" + rc[0] + "&TILECOL=" + rc[1];
        HttpResponse<byte[]> anonymous = get(kvp, null);
        HttpResponse<byte[]> partner = get(kvp, "partner");
        HttpResponse<byte[]> instructor = get(kvp, "instructor");
        for (HttpResponse<byte[]> r : List.of(anonymous, partner, instructor)) {
            assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
            assertThat(r.headers().firstValue("Vary")).as("the answer depends on who asks")
                    .contains("Authorization, X-API-Key");
        }
        assertThat(anonymous.headers().firstValue("Cache-Control")).contains("public, max-age=300");
        assertThat(partner.headers().firstValue("Cache-Control")).contains("private, max-age=300");
        assertThat(instructor.headers().firstValue("Cache-Control")).contains("private, max-age=300");
        assertThat(Set.of(anonymous.headers().firstValue("ETag").orElseThrow(),
                partner.headers().firstValue("ETag").orElseThrow(),
                instructor.headers().firstValue("ETag").orElseThrow())).as("three views, three tiles").hasSize(3);
        assertConditionalRequests(kvp, "partner", partner.headers().firstValue("ETag").orElseThrow(),
                partner.headers().firstValue("Last-Modified").orElseThrow());
        // the partner's ETag is not the public's entity: the public gets the whole tile
        HttpResponse<byte[]> crossed = get(kvp, null, "If-None-Match", partner.headers().firstValue("ETag").orElseThrow());
        assertThat(crossed.statusCode()).isEqualTo(200);
    }

    /** 304 on the tile's own ETag or a date not before its Last-Modified; 200 otherwise. */
    private void assertConditionalRequests(String path, String login, String etag, String lastModified)
            throws Exception {
        HttpResponse<byte[]> byEtag = get(path, login, "If-None-Match", etag);
        assertThat(byEtag.statusCode()).isEqualTo(304);
        assertThat(byEtag.body()).isEmpty();
        assertThat(byEtag.headers().firstValue("ETag")).contains(etag);
        assertThat(byEtag.headers().firstValue("X-Tile-Cache")).contains("HIT");
        assertThat(get(path, login, "If-None-Match", "\"other\", " + etag).statusCode()).isEqualTo(304);
        assertThat(get(path, login, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        String earlier = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.parse(lastModified,
                DateTimeFormatter.RFC_1123_DATE_TIME).minusHours(1));
        HttpResponse<byte[]> older = get(path, login, "If-Modified-Since", earlier);
        assertThat(older.statusCode()).isEqualTo(200);
        assertThat(older.body()).isNotEmpty();
        assertThat(get(path, login, "If-None-Match", "\"other\"", "If-Modified-Since", lastModified).statusCode())
                .as("If-None-Match decides when both are sent").isEqualTo(200);
    }

    @Test
    void tileErrorsAreWmtsExceptions() throws Exception {
        HttpResponse<byte[]> unknownLayer = get(tilePath("obs:nowhere", "WebMercatorQuad", 5, 0, 0, "png"), null);
        assertThat(unknownLayer.statusCode()).isEqualTo(400);
        assertThat(text(unknownLayer)).contains("exceptionCode=\"InvalidParameterValue\"").contains("locator=\"layer\"");
        HttpResponse<byte[]> outside = get("/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=obs:communes"
                + "&STYLE=default&FORMAT=image/png&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=5&TILEROW=31&TILECOL=0", null);
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(text(outside)).contains("exceptionCode=\"TileOutOfRange\"").contains("locator=\"tileRow\"");
        HttpResponse<byte[]> badMatrix = get(tilePath("obs:communes", "WebMercatorQuad", 25, 0, 0, "png"), null);
        assertThat(text(badMatrix)).contains("InvalidParameterValue").contains("locator=\"tileMatrix\"");
        HttpResponse<byte[]> mvtInLambert = get(tilePath("obs:communes", "Lambert93Quad", 5, 0, 0, "pbf"), null);
        assertThat(text(mvtInLambert)).contains("InvalidParameterValue").contains("locator=\"format\"");
    }

    @Test
    void aBlockOfTilesAcrossFourMetatilesIsTheSameImageAsOneGetMap() throws Exception {
        int z = 13;
        long[] rc = tileOf(2.25, 50.75, z); // Saint-Omer: communes, their names, habitats
        long row = rc[0] - Math.floorMod(rc[0], 4) + 3;
        long col = rc[1] - Math.floorMod(rc[1], 4) + 3; // the 2×2 block's tiles lie in four metatiles
        double[] e = tileExtent(z, row, col, 2, 2);
        for (String layer : List.of("obs:communes", "obs:habitats")) {
            BufferedImage mosaic = mosaic(layer, z, row, col, 2, 2);
            BufferedImage map = image(get("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=" + layer
                    + "&STYLES=&CRS=EPSG:3857&BBOX=" + e[0] + "," + e[1] + "," + e[2] + "," + e[3]
                    + "&WIDTH=512&HEIGHT=512&FORMAT=image/png&TRANSPARENT=TRUE", null));
            assertThat(drawnShare(map)).as("%s draws over the block", layer).isGreaterThan(0.5);
            double differing = differingShare(mosaic, map, 0, 0, 24);
            assertThat(differing).as(layer).isLessThan(0.005);
            // the comparison is sharp enough to see tiles one pixel off
            assertThat(differingShare(mosaic, map, 1, 0, 24)).as("%s shifted by a pixel", layer)
                    .isGreaterThan(differing + 0.004);
            assertThat(differingShare(mosaic, map, 0, 1, 24)).as("%s shifted by a pixel", layer)
                    .isGreaterThan(differing + 0.004);
        }
    }

    @Test
    void aLabelOnATileBoundaryIsDrawnWholeOnBothSides() throws Exception {
        int z = 13;
        long[] rc = tileOf(1.80, 50.78, z); // west of the demo communes: no other label around
        long row = rc[0];
        long right = rc[1] - Math.floorMod(rc[1], 4); // the seam between two metatiles
        double[] e = tileExtent(z, row, right - 1, 1, 2);
        double seamX = (e[0] + e[2]) / 2;
        double labelY = (e[1] + e[3]) / 2;
        // a commune centred on the seam, whose name is drawn across it
        new JdbcTemplate(dataSource).update("INSERT INTO territory.commune (insee, name, departement_code, population, "
                + "geom) VALUES ('62999', 'Commune-de-test-des-tuiles', '62', 10000, "
                + "ST_Multi(ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, 3857), 2154)))",
                seamX - 1500, labelY - 1500, seamX + 1500, labelY + 1500);
        BufferedImage tiles = mosaic("obs:communes", z, row, right - 1, 1, 2);
        BufferedImage map = image(get("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=obs:communes"
                + "&STYLES=&CRS=EPSG:3857&BBOX=" + e[0] + "," + e[1] + "," + e[2] + "," + e[3]
                + "&WIDTH=512&HEIGHT=256&FORMAT=image/png&TRANSPARENT=TRUE", null));
        // the label in the single map: the dark text pixels near the middle of the image
        int minX = 512;
        int maxX = -1;
        int minY = 256;
        int maxY = -1;
        for (int y = 100; y < 156; y++) {
            for (int x = 100; x < 412; x++) {
                if (dark(map.getRGB(x, y))) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertThat(minX).as("the label starts well left of the seam").isLessThan(256 - 40);
        assertThat(maxX).as("the label ends well right of the seam").isGreaterThan(256 + 40);
        assertThat(maxY - minY).as("one line of text").isBetween(6, 20);
        // each side of the seam: the tile's label pixels are the map's, within tolerance
        int[][] sides = {{minX - 3, 256}, {256, maxX + 4}};
        for (int[] side : sides) {
            int darkInMap = 0;
            int darkInTile = 0;
            int differ = 0;
            int all = 0;
            for (int y = minY - 3; y < maxY + 4; y++) {
                for (int x = side[0]; x < side[1]; x++) {
                    all++;
                    darkInMap += dark(map.getRGB(x, y)) ? 1 : 0;
                    darkInTile += dark(tiles.getRGB(x, y)) ? 1 : 0;
                    differ += Math.abs(gray(map.getRGB(x, y)) - gray(tiles.getRGB(x, y))) > 48 ? 1 : 0;
                }
            }
            assertThat(darkInMap).as("text on side %d-%d of the seam", side[0], side[1]).isGreaterThan(60);
            assertThat(darkInTile).as("text pixels in the tile, side %d-%d", side[0], side[1])
                    .isBetween(darkInMap * 95 / 100, darkInMap * 105 / 100);
            assertThat((double) differ / all).as("tile vs map, side %d-%d", side[0], side[1]).isLessThan(0.02);
        }
    }

    @Test
    void oneTileRendersItsWholeMetatile() throws Exception {
        int z = 14;
        long[] rc = tileOf(2.28, 50.78, z);
        long row0 = rc[0] - Math.floorMod(rc[0], 4);
        long col0 = rc[1] - Math.floorMod(rc[1], 4);
        TileKey first = new TileKey("obs:habitats", "habitats", "default", "public", "png", "WebMercatorQuad",
                Integer.toString(z), row0, col0);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat(wmts.cache().hot(first.at(row0 + r, col0 + c))).isEmpty();
            }
        }
        assertThat(get(tilePath("obs:habitats", "WebMercatorQuad", z, row0 + 2, col0 + 1, "png"), null).statusCode())
                .isEqualTo(200);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat(wmts.cache().hot(first.at(row0 + r, col0 + c))).as("tile %d,%d", r, c).isPresent();
            }
        }
        assertThat(wmts.cache().hot(first.at(row0 + 4, col0))).as("the next metatile").isEmpty();
    }

    /** The tiles of a block, {@code rows} × {@code cols} from ({@code row}, {@code col}), as one image. */
    private BufferedImage mosaic(String layer, int z, long row, long col, int rows, int cols) throws Exception {
        BufferedImage mosaic = new BufferedImage(cols * 256, rows * 256, BufferedImage.TYPE_INT_ARGB);
        var g = mosaic.createGraphics();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                g.drawImage(image(get(tilePath(layer, "WebMercatorQuad", z, row + r, col + c, "png"), null)),
                        c * 256, r * 256, null);
            }
        }
        g.dispose();
        return mosaic;
    }

    @Test
    void featureInfoOfATilePixelIsTheWmsFeatureInfoThere() throws Exception {
        int z = 13;
        long[] rc = tileOf(2.25, 50.75, z);
        String info = "/wmts?SERVICE=WMTS&REQUEST=GetFeatureInfo&VERSION=1.0.0&LAYER=obs:communes&STYLE=default"
                + "&FORMAT=image/png&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=" + z + "&TILEROW=" + rc[0]
                + "&TILECOL=" + rc[1] + "&INFOFORMAT=application/json&I=128&J=128";
        HttpResponse<byte[]> r = get(info, null);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(text(r)).contains("\"FeatureCollection\"").contains("\"insee\"");
        HttpResponse<byte[]> outside = get(info.replace("&I=128", "&I=256"), null);
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(text(outside)).contains("PointIJOutOfRange").contains("locator=\"i\"");
    }

    @Test
    void seedJobsReportTheirProgressFromQueuedToDone() throws Exception {
        int[] zooms = {13, 14};
        double[] bbox = {2.22, 50.72, 2.28, 50.78};
        long expected = 0; // metatiles of 4 × 4 tiles covering the box, level by level
        for (int z : zooms) {
            long[] topLeft = tileOf(bbox[0], bbox[3], z);
            long[] bottomRight = tileOf(bbox[2], bbox[1], z);
            expected += (Math.floorDiv(bottomRight[0], 4) - Math.floorDiv(topLeft[0], 4) + 1)
                    * (Math.floorDiv(bottomRight[1], 4) - Math.floorDiv(topLeft[1], 4) + 1);
        }
        HttpResponse<byte[]> queued = send("POST", "/rest/tiles/seed", "{\"layer\": \"obs:mailles_10km\", "
                + "\"tileMatrixSet\": \"WebMercatorQuad\", \"minZoom\": 13, \"maxZoom\": 14, \"bbox\": [2.22, 50.72, "
                + "2.28, 50.78]}", "admin");
        assertThat(queued.statusCode()).as(text(queued)).isEqualTo(202);
        JsonNode job = JSON.readTree(queued.body());
        assertThat(job.path("state").asText()).isEqualTo("queued");
        assertThat(job.path("metatilesDone").asLong()).isZero();
        assertThat(job.path("metatilesTotal").asLong()).isEqualTo(expected);
        assertThat(job.path("accessLevel").asText()).isEqualTo("public");
        List<JsonNode> seen = new java.util.ArrayList<>(List.of(job));
        JsonNode last = awaitSeed(job.path("id").asLong(), seen);
        assertThat(last.path("state").asText()).isEqualTo("done");
        assertThat(last.path("metatilesDone").asLong()).isEqualTo(expected);
        List<String> states = List.of("queued", "running", "done");
        for (int i = 1; i < seen.size(); i++) {
            JsonNode before = seen.get(i - 1);
            JsonNode now = seen.get(i);
            assertThat(now.path("metatilesTotal").asLong()).isEqualTo(expected);
            assertThat(now.path("metatilesDone").asLong()).isBetween(before.path("metatilesDone").asLong(), expected);
            assertThat(states.indexOf(now.path("state").asText()))
                    .isGreaterThanOrEqualTo(states.indexOf(before.path("state").asText()));
        }
        JsonNode all = JSON.readTree(get("/rest/tiles/seed", "admin").body());
        assertThat(all.findValuesAsText("id")).contains(job.path("id").asText());
        assertThat(get("/rest/tiles/seed/" + job.path("id").asLong(), "partner").statusCode()).isEqualTo(403);
        assertThat(get("/rest/tiles/seed/999999", "admin").statusCode()).isEqualTo(404);
    }

    /** Polls a seed job until it ends, adding each state seen; returns the last. */
    private JsonNode awaitSeed(long id, List<JsonNode> seen) throws Exception {
        JsonNode progress = seen.get(seen.size() - 1);
        for (int i = 0; i < 6000 && !progress.path("state").asText().matches("done|failed|stopped"); i++) {
            Thread.sleep(20);
            progress = JSON.readTree(get("/rest/tiles/seed/" + id, "admin").body());
            seen.add(progress);
        }
        return progress;
    }

    @Test
    void adminsSeedTheTilesOfAnAccessLevel() throws Exception {
        int z = 12;
        long[] rc = tileOf(2.25, 50.75, z);
        String seed = "{\"layer\": \"sinp:occurrences\", \"tileMatrixSet\": \"WebMercatorQuad\", \"minZoom\": 12, "
                + "\"maxZoom\": 12, \"bbox\": [2.249, 50.749, 2.251, 50.751], \"accessLevel\": \"partner\"}";
        HttpResponse<byte[]> unknown = send("POST", "/rest/tiles/seed", seed.replace("\"partner\"", "\"secret\""),
                "admin");
        assertThat(unknown.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(unknown.body());
        assertThat(error.path("code").asText()).isEqualTo("InvalidParameterValue");
        assertThat(error.path("locator").asText()).isEqualTo("accessLevel");
        assertThat(error.path("description").asText()).contains("full, partner, public");
        HttpResponse<byte[]> queued = send("POST", "/rest/tiles/seed", seed, "admin");
        assertThat(queued.statusCode()).as(text(queued)).isEqualTo(202);
        JsonNode job = JSON.readTree(queued.body());
        assertThat(job.path("accessLevel").asText()).isEqualTo("partner");
        JsonNode done = awaitSeed(job.path("id").asLong(), new java.util.ArrayList<>(List.of(job)));
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.path("metatilesDone").asLong()).isEqualTo(1);
        String path = tilePath("sinp:occurrences", "WebMercatorQuad", z, rc[0], rc[1], "png");
        assertThat(get(path, "partner").headers().firstValue("X-Tile-Cache")).as("the partner's tile was seeded")
                .contains("HIT");
        assertThat(get(path, "naturaliste").headers().firstValue("X-Tile-Cache")).as("so was any partner's")
                .contains("HIT");
        assertThat(get(path, null).headers().firstValue("X-Tile-Cache")).as("the public's was not").contains("MISS");
        assertThat(get(path, "instructor").headers().firstValue("X-Tile-Cache")).contains("MISS");
    }

    @Test
    void adminsSeedInTheBackgroundAndTruncate() throws Exception {
        String seed = "{\"layer\": \"obs:ramsar_site\", \"tileMatrixSet\": \"Lambert93Quad\", \"minZoom\": 8, "
                + "\"maxZoom\": 9, \"bbox\": [2.2, 50.7, 2.3, 50.8], \"format\": \"image/png\"}";
        assertThat(send("POST", "/rest/tiles/seed", seed, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/rest/tiles/seed", seed, "partner").statusCode()).isEqualTo(403);
        HttpResponse<byte[]> bad = send("POST", "/rest/tiles/seed", seed.replace("\"maxZoom\": 9", "\"maxZoom\": 40"),
                "admin");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(text(bad)).contains("maxZoom");
        HttpResponse<byte[]> queued = send("POST", "/rest/tiles/seed", seed, "admin");
        assertThat(queued.statusCode()).as(text(queued)).isEqualTo(202);
        JsonNode job = JSON.readTree(queued.body());
        JsonNode progress = awaitSeed(job.path("id").asLong(), new java.util.ArrayList<>(List.of(job)));
        assertThat(progress.path("state").asText()).isEqualTo("done");
        assertThat(progress.path("metatilesTotal").asLong()).isPositive();

        // a seeded tile is served from the cache: the public's tile at Saint-Omer, level 9
        double[] l93 = {651000, 7068000}; // Saint-Omer in Lambert-93
        double span = 4096.0 / 512 * 256; // level 9: 8 m per pixel
        long row = (long) Math.floor((7340032 - l93[1]) / span);
        long col = (long) Math.floor(l93[0] / span);
        TileKey key = new TileKey("obs:ramsar_site", "ramsar_site", "default", "public", "png", "Lambert93Quad", "9",
                row, col);
        assertThat(wmts.cache().hot(key)).isPresent();

        HttpResponse<byte[]> truncated = send("DELETE", "/rest/tiles/obs:ramsar_site", null, "admin");
        assertThat(truncated.statusCode()).isEqualTo(200);
        assertThat(text(truncated)).doesNotContain("\"deletedTiles\":0");
        assertThat(wmts.cache().hot(key)).isEmpty();
    }

    @Test
    void changedAreasAreRenderedAgainAndTheRestIsServedFromCache() throws Exception {
        int z = 14;
        long[] a = tileOf(2.27, 50.74, z);
        long[] b = {a[0] + 8, a[1] + 8}; // another metatile
        String pathA = tilePath("obs:obstacles", "WebMercatorQuad", z, a[0], a[1], "png");
        String pathB = tilePath("obs:obstacles", "WebMercatorQuad", z, b[0], b[1], "png");
        HttpResponse<byte[]> a1 = get(pathA, null);
        HttpResponse<byte[]> b1 = get(pathB, null);
        assertThat(a1.statusCode()).isEqualTo(200);
        assertThat(b1.statusCode()).isEqualTo(200);
        assertThat(a1.headers().firstValue("X-Tile-Cache")).contains("MISS");
        assertThat(b1.headers().firstValue("X-Tile-Cache")).contains("MISS");
        String etagA = a1.headers().firstValue("ETag").orElseThrow();
        assertThat(get(pathA, null, "If-None-Match", etagA).statusCode()).isEqualTo(304);
        assertThat(a1.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).startsWith("public"));

        double[] e = tileExtent(z, a[0], a[1], 1, 1);
        double cx = (e[0] + e[2]) / 2;
        double cy = (e[1] + e[3]) / 2;
        new JdbcTemplate(dataSource).update("INSERT INTO landscape.obstacle (kind, class, name, geom) VALUES "
                + "('road', 'motorway', 'A test', ST_Transform(ST_SetSRID(ST_MakeLine(ST_MakePoint(?, ?), "
                + "ST_MakePoint(?, ?)), 3857), 2154))", cx - 400, cy, cx + 400, cy);
        // not yet told: the cached tile is still served
        HttpResponse<byte[]> stale = get(pathA, null);
        assertThat(stale.headers().firstValue("ETag")).contains(etagA);
        assertThat(stale.headers().firstValue("X-Tile-Cache")).contains("HIT");

        HttpResponse<byte[]> notAdmin = send("POST", "/rest/layers/obs:obstacles/changed",
                "{\"bbox\": [" + (cx - 400) + ", " + (cy - 10) + ", " + (cx + 400) + ", " + (cy + 10) + "], \"srid\": 3857}",
                "partner");
        assertThat(notAdmin.statusCode()).isEqualTo(403);
        HttpResponse<byte[]> changed = send("POST", "/rest/layers/obs:obstacles/changed",
                "{\"bbox\": [" + (cx - 400) + ", " + (cy - 10) + ", " + (cx + 400) + ", " + (cy + 10) + "], \"srid\": 3857}",
                "admin");
        assertThat(changed.statusCode()).as(text(changed)).isEqualTo(200);

        HttpResponse<byte[]> a2 = get(pathA, null);
        assertThat(a2.headers().firstValue("X-Tile-Cache")).as("the changed tile is rendered again").contains("MISS");
        assertThat(a2.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etagA);
        BufferedImage before = image(a1);
        BufferedImage after = image(a2);
        // the new road runs through the tile's middle, from x = 128 - 42 to 128 + 42 pixels
        int newlyDrawn = 0;
        for (int x = 90; x < 166; x++) {
            boolean drawnNow = Images.opaque(after.getRGB(x, 128)) || Images.opaque(after.getRGB(x, 127));
            boolean differs = Math.abs(gray(after.getRGB(x, 128)) - gray(before.getRGB(x, 128))) > 32
                    || Math.abs(gray(after.getRGB(x, 127)) - gray(before.getRGB(x, 127))) > 32;
            newlyDrawn += drawnNow && differs ? 1 : 0;
        }
        assertThat(newlyDrawn).as("pixels of the new road in the tile over it").isGreaterThan(60);
        assertThat(get(pathA, null).headers().firstValue("X-Tile-Cache")).contains("HIT");
        // the far tile was neither dropped nor drawn again
        TileKey keyB = new TileKey("obs:obstacles", "obstacles", "default", "public", "png", "WebMercatorQuad",
                Integer.toString(z), b[0], b[1]);
        assertThat(wmts.cache().hot(keyB)).isPresent();
        HttpResponse<byte[]> b2 = get(pathB, null);
        assertThat(b2.headers().firstValue("X-Tile-Cache")).as("the far tile comes from the cache").contains("HIT");
        assertThat(b2.headers().firstValue("Last-Modified")).isEqualTo(b1.headers().firstValue("Last-Modified"));
        assertThat(b2.headers().firstValue("ETag")).isEqualTo(b1.headers().firstValue("ETag"));
    }

    @Test
    void thePublicTileOverASensitiveOccurrenceNeverShowsItsExactPlace(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ogrinfo")), "GDAL is not installed");
        Map<String, Object> o = new JdbcTemplate(dataSource).queryForMap("SELECT ST_X(ST_Transform(geom, 3857)) x, "
                + "ST_Y(ST_Transform(geom, 3857)) y, date_debut::text d FROM sinp.occurrence "
                + "WHERE diffusion_level = 2 AND sensi_niveau = '2' ORDER BY id LIMIT 1");
        double x = ((Number) o.get("x")).doubleValue();
        double y = ((Number) o.get("y")).doubleValue();
        int z = 15;
        double span = 2 * 20037508.3427892 / (1L << z);
        long col = (long) Math.floor((x + 20037508.3427892) / span);
        long row = (long) Math.floor((20037508.3427892 - y) / span);
        String path = "/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=sinp:occurrences&STYLE="
                + "&FORMAT=application/vnd.mapbox-vector-tile&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=" + z
                + "&TILEROW=" + row + "&TILECOL=" + col + "&TIME=" + o.get("d");
        HttpResponse<byte[]> instructorTile = get(path, "instructor");
        HttpResponse<byte[]> publicTile = get(path, null);
        assertThat(instructorTile.headers().firstValue("Cache-Control")).hasValueSatisfying(v ->
                assertThat(v).startsWith("private"));
        assertThat(publicTile.headers().firstValue("Cache-Control")).hasValueSatisfying(v ->
                assertThat(v).startsWith("public"));
        List<double[]> exact = points(decode(dir, instructorTile.body(), z, row, col));
        assertThat(exact).as("the instructor's tile has the exact point")
                .anySatisfy(p -> assertThat(Math.hypot(p[0] - x, p[1] - y)).isLessThan(span / 256 * 2));
        String publicText = decode(dir, publicTile.body(), z, row, col);
        assertThat(points(publicText)).as("no point of the public tile is near the exact place")
                .noneSatisfy(p -> assertThat(Math.hypot(p[0] - x, p[1] - y)).isLessThan(span / 256 * 8));
        assertThat(publicText).as("the public sees the 10 km cell").contains("POLYGON");
    }

    /** What GDAL's MVT driver reads in a WebMercatorQuad tile. */
    private static String decode(Path dir, byte[] tile, int z, long row, long col) throws Exception {
        Path file = Files.write(dir.resolve("tile-" + System.nanoTime() + ".mvt"), tile);
        return run("ogrinfo", "-ro", "-al", "-oo", "Z=" + z, "-oo", "X=" + col, "-oo", "Y=" + row, file.toString());
    }

    private static List<double[]> points(String ogrinfo) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("POINT \\(([-0-9.e]+) ([-0-9.e]+)\\)")
                .matcher(ogrinfo);
        List<double[]> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return out;
    }

    @Test
    void gdalListsTheLayersAndTileMatrixSets() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/gdalinfo")), "GDAL is not installed");
        String url = "WMTS:http://localhost:" + port + "/wmts/1.0.0/WMTSCapabilities.xml";
        String list = run("gdalinfo", url);
        assertThat(list).contains("obs:communes").contains("sinp:occurrences").contains("WebMercatorQuad")
                .contains("Lambert93Quad");
        String lambert = run("gdalinfo", url + ",layer=obs:communes,tilematrixset=Lambert93Quad");
        assertThat(lambert).contains("Size is").contains("Lambert");
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static boolean dark(int argb) {
        return Images.opaque(argb) && gray(argb) < 110;
    }

    private static int gray(int argb) {
        int a = argb >>> 24;
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        // composite over white, so transparent and white compare equal
        return 255 - a * (255 - (r + g + b) / 3) / 255;
    }

    /**
     * The share of pixels whose colours over white differ by more than the tolerance in some channel, with {@code b}
     * read {@code dx}, {@code dy} pixels away (0, 0 to compare the same places).
     */
    private static double differingShare(BufferedImage a, BufferedImage b, int dx, int dy, int tolerance) {
        long differ = 0;
        long all = 0;
        for (int y = 0; y < a.getHeight() - dy; y++) {
            for (int x = 0; x < a.getWidth() - dx; x++) {
                all++;
                int p = a.getRGB(x, y);
                int q = b.getRGB(x + dx, y + dy);
                for (int shift = 0; shift <= 16; shift += 8) {
                    if (Math.abs(overWhite(p, shift) - overWhite(q, shift)) > tolerance) {
                        differ++;
                        break;
                    }
                }
            }
        }
        return (double) differ / all;
    }

    /** A colour channel (at that bit shift) of a pixel composited over white. */
    private static int overWhite(int argb, int shift) {
        int a = argb >>> 24;
        return 255 - a * (255 - ((argb >> shift) & 0xFF)) / 255;
    }

    /** Small pixel helpers. */
    static final class Images {
        static boolean opaque(int argb) {
            return (argb >>> 24) > 128;
        }

        static boolean close(int a, int b, int tolerance) {
            return opaque(a) && opaque(b) && Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)) <= tolerance
                    && Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF)) <= tolerance
                    && Math.abs((a & 0xFF) - (b & 0xFF)) <= tolerance;
        }
    }
}
