package fr.yseraa.observatory.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.server.CatalogService;
import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Cached tiles follow the catalog and the styles: a style file edited, or a catalog reloaded with a layer drawn
 * differently, drops that layer's tiles and only that layer's; a reload that changes nothing drawn keeps them. Runs
 * on copies of the data directory and the styles, which it edits.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TileFreshnessTest {

    static final Path WORK = WmtsServerTest.tempDir();
    static final Path DATA_DIR = WORK.resolve("data-dir");
    static final Path STYLES = WORK.resolve("styles");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.copy(TestServer.ROOT.resolve("data-dir"), DATA_DIR);
        TestServer.copy(TestServer.ROOT.resolve("styles"), STYLES);
        TestServer.register(registry, "freshness", 2000);
        registry.add("obs.data-dir", DATA_DIR::toString);
        registry.add("obs.styles-dir", STYLES::toString);
        registry.add("obs.wmts.cache-dir", () -> WORK.resolve("tiles").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    CatalogService catalogs;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The Saint-Omer tile of a layer at zoom 12 (communes and habitats cover it). */
    private HttpResponse<byte[]> tile(String layer) throws Exception {
        long[] rc = WmtsServerTest.tileOf(2.25, 50.75, 12);
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + WmtsServerTest.tilePath(layer, "WebMercatorQuad", 12, rc[0], rc[1], "png"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r;
    }

    private static String cache(HttpResponse<byte[]> r) {
        return r.headers().firstValue("X-Tile-Cache").orElseThrow();
    }

    /** Pixels drawn in pure-ish red: the edited communes style's boundaries. */
    private static int red(HttpResponse<byte[]> r) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
        int red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (p >>> 24 > 100 && (p >> 16 & 0xFF) > 180 && (p >> 8 & 0xFF) < 90 && (p & 0xFF) < 90) {
                    red++;
                }
            }
        }
        return red;
    }

    /** Edits a file, and moves its time forward so that the change is seen whatever the clock's granularity. */
    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    }

    @Test
    void styleEditsAndCatalogReloadsDropTheTilesOfTheLayersTheyChange() throws Exception {
        HttpResponse<byte[]> communes = tile("obs:communes");
        HttpResponse<byte[]> habitats = tile("obs:habitats");
        assertThat(List.of(cache(communes), cache(habitats))).containsExactly("MISS", "MISS");
        assertThat(List.of(cache(tile("obs:communes")), cache(tile("obs:habitats")))).containsExactly("HIT", "HIT");
        assertThat(red(communes)).isZero();

        // the communes style now draws boundaries in red
        edit(STYLES.resolve("communes.sld"), "<CssParameter name=\"stroke\">#8C8C8C</CssParameter>",
                "<CssParameter name=\"stroke\">#FF0000</CssParameter>");
        HttpResponse<byte[]> restyled = tile("obs:communes");
        assertThat(cache(restyled)).as("the restyled layer is drawn again").isEqualTo("MISS");
        assertThat(red(restyled)).as("with its new style").isGreaterThan(200);
        assertThat(cache(tile("obs:habitats"))).as("another layer keeps its tiles").isEqualTo("HIT");
        assertThat(cache(tile("obs:communes"))).isEqualTo("HIT");

        // a reload that changes nothing drawn (a title) keeps the tiles
        Path layerFile = DATA_DIR.resolve("workspaces/obs/layers/communes.yaml");
        edit(layerFile, "title: Communes", "title: Communes du territoire");
        catalogs.reload();
        assertThat(cache(tile("obs:communes"))).isEqualTo("HIT");

        // a reload that gives the layer another style drops its tiles
        Files.writeString(STYLES.resolve("communes-sobre.sld"), Files.readString(STYLES.resolve("communes.sld"))
                .replace("#FF0000", "#8C8C8C"));
        edit(layerFile, "style: communes", "style: communes-sobre");
        catalogs.reload();
        HttpResponse<byte[]> reloaded = tile("obs:communes");
        assertThat(cache(reloaded)).isEqualTo("MISS");
        assertThat(red(reloaded)).isZero();
        assertThat(reloaded.headers().firstValue("ETag")).isEqualTo(communes.headers().firstValue("ETag"));
        assertThat(cache(tile("obs:habitats"))).isEqualTo("HIT");
    }
}
