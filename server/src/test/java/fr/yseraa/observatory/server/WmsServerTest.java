package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.xml.OgcSchemas;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The WMS as clients reach it: over HTTP, through the dispatcher, on the demo data. */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WmsServerTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "wmsserver", 3000);
        registry.add("obs.wms.max-width", () -> "2048");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(pathAndQuery.startsWith("http") ? pathAndQuery
                : "http://localhost:" + port + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void capabilitiesAreValidAndTheirLegendLinksWork() throws Exception {
        HttpResponse<byte[]> r = get("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/xml");
        // the SLD profile schema (it imports WMS 1.3.0): GetLegendGraphic is one of its extended operations
        assertThat(OgcSchemas.validate("http://schemas.opengis.net/sld/1.1.0/sld_capabilities.xsd",
                new StreamSource(new ByteArrayInputStream(r.body())))).isEmpty();
        String caps = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(caps).contains("<Name>sinp:occurrences</Name>", "<MaxWidth>2048</MaxWidth>");
        Matcher legend = Pattern.compile("xlink:href=\"(http://localhost:" + port + "/wms\\?SERVICE=WMS&amp;REQUEST=GetLegendGraphic[^\"]*)\"")
                .matcher(caps);
        assertThat(legend.find()).isTrue();
        HttpResponse<byte[]> image = get(legend.group(1).replace("&amp;", "&"));
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(ImageIO.read(new ByteArrayInputStream(image.body()))).isNotNull();
    }

    /** GDAL's WMS driver, a real client: it lists the layers from the capabilities and fetches a map. */
    @Test
    void gdalListsTheLayersAndFetchesAMap(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/gdalinfo")), "GDAL is not installed");
        for (String version : List.of("1.1.1", "1.3.0")) {
            String info = run(dir, "gdalinfo", "WMS:http://localhost:" + port + "/wms?SERVICE=WMS&VERSION=" + version
                    + "&REQUEST=GetCapabilities");
            assertThat(info).as(version).contains("LAYERS=obs%3Acommunes", "LAYERS=sinp%3Aoccurrences");
            Matcher ramsar = Pattern.compile("SUBDATASET_\\d+_NAME=(WMS:\\S*LAYERS=obs%3Aramsar_site\\S*)").matcher(info);
            assertThat(ramsar.find()).as(info).isTrue();
            Path png = dir.resolve("ramsar-" + version + ".png");
            run(dir, "gdal_translate", "-of", "PNG", "-outsize", "256", "0", ramsar.group(1), png.toString());
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(256);
            int drawn = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    drawn += (image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF && (image.getRGB(x, y) >>> 24) != 0 ? 1 : 0;
                }
            }
            assertThat(drawn).as(version).isPositive(); // the Ramsar site is drawn in its style's colours
        }
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        String out = Files.readString(dir.resolve("out.txt"));
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void getMapAnswersAnImageAndMistakesAnswerTheWmsReport() throws Exception {
        HttpResponse<byte[]> map = get("/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&LAYERS=obs:departements,obs:ramsar_site"
                + "&STYLES=&CRS=EPSG:4326&BBOX=50.5,1.9,51.0,2.5&WIDTH=300&HEIGHT=200&FORMAT=image/png&TRANSPARENT=TRUE");
        assertThat(map.statusCode()).isEqualTo(200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(map.body()));
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(image.getHeight()).isEqualTo(200);

        HttpResponse<byte[]> tooWide = get("/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&LAYERS=obs:communes&STYLES="
                + "&CRS=EPSG:2154&BBOX=640000,7060000,660000,7080000&WIDTH=4096&HEIGHT=200&FORMAT=image/png");
        assertThat(tooWide.statusCode()).isEqualTo(400);
        String report = new String(tooWide.body(), StandardCharsets.UTF_8);
        assertThat(report).contains("ServiceExceptionReport", "code=\"InvalidParameterValue\"", "locator=\"width\"");
        assertThat(OgcSchemas.validate("http://schemas.opengis.net/wms/1.3.0/exceptions_1_3_0.xsd",
                new StreamSource(new ByteArrayInputStream(tooWide.body())))).isEmpty();

        HttpResponse<byte[]> unknown = get("/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&LAYERS=obs:nothing&STYLES="
                + "&CRS=EPSG:2154&BBOX=640000,7060000,660000,7080000&WIDTH=20&HEIGHT=20&FORMAT=image/png");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("code=\"LayerNotDefined\"");
    }

    @Test
    void aMapOfMoreLayersThanTheLayerLimitIsRefusedAndTheLimitIsAdvertised() throws Exception {
        String capabilities = new String(get("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0").body(),
                StandardCharsets.UTF_8);
        assertThat(capabilities).contains("<LayerLimit>20</LayerLimit><MaxWidth>");
        String map = "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&STYLES=&CRS=EPSG:2154"
                + "&BBOX=640000,7060000,660000,7080000&WIDTH=64&HEIGHT=64&FORMAT=image/png&LAYERS=";
        assertThat(get(map + String.join(",", java.util.Collections.nCopies(20, "obs:communes"))).statusCode())
                .isEqualTo(200);
        HttpResponse<byte[]> tooMany = get(map + String.join(",", java.util.Collections.nCopies(500, "obs:communes")));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(new String(tooMany.body(), StandardCharsets.UTF_8)).contains("code=\"InvalidParameterValue\"",
                "locator=\"layers\"", "500 layers; at most 20");
    }
}
