package fr.yseraa.observatory.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The layer catalogue in Chromium: one card per layer the caller may read, each with its preview, legend and links. */
class CataloguePageTest extends BrowserTestBase {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private List<String> restLayers() throws Exception {
        JsonNode layers = json.readTree(http.send(HttpRequest.newBuilder(URI.create(url("/rest/layers"))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> names = new ArrayList<>();
        layers.forEach(l -> names.add(l.get("name").asText()));
        return names;
    }

    private static List<String> zipEntries(byte[] zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    private boolean loaded(WebElement img) {
        return Boolean.TRUE.equals(script("return arguments[0].complete && arguments[0].naturalWidth > 0", img));
    }

    @Test
    void everyLayerHasItsCardWithPreviewLegendAndWorkingLinks() throws Exception {
        openReady("/couches");
        List<WebElement> cards = browser().findElements(By.cssSelector("li.layer-card"));
        assertThat(cards.stream().map(c -> c.getDomAttribute("data-layer")))
                .containsExactlyElementsOf(restLayers());
        new WebDriverWait(browser(), Duration.ofSeconds(30)).until(d ->
                d.findElements(By.cssSelector("li.layer-card img")).stream().allMatch(this::loaded));
        WebElement communes = browser().findElement(By.cssSelector("li.layer-card[data-layer='obs:communes']"));
        assertThat(communes.getText()).contains("Communes", "Territoire", "96, polygones", "Emprise");
        String geojson = communes.findElement(By.linkText("GeoJSON")).getDomProperty("href");
        HttpResponse<String> download = http.send(HttpRequest.newBuilder(URI.create(geojson)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(download.body()).get("features")).hasSize(96);
        String csv = communes.findElement(By.linkText("CSV")).getDomProperty("href");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(csv)).build(), HttpResponse.BodyHandlers.ofString())
                .body()).startsWith("FID,insee,name");
        String gpkg = communes.findElement(By.linkText("GeoPackage")).getDomProperty("href");
        byte[] geopackage = http.send(HttpRequest.newBuilder(URI.create(gpkg)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(new String(geopackage, 0, 16, StandardCharsets.US_ASCII)).isEqualTo("SQLite format 3\0");
        String shp = communes.findElement(By.linkText("Shapefile (zip)")).getDomProperty("href");
        assertThat(zipEntries(http.send(HttpRequest.newBuilder(URI.create(shp)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body())).contains("communes.shp", "communes.dbf", "communes.prj");
        String tilejson = communes.findElement(By.partialLinkText("TileJSON")).getDomProperty("href");
        assertThat(json.readTree(http.send(HttpRequest.newBuilder(URI.create(tilejson)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("tilejson").asText()).isEqualTo("3.0.0");
        // the metadata link is the layer's ISO 19139 record in the catalogue, which links the Ramsar site's own sheet
        String record = browser().findElement(By.cssSelector("li.layer-card[data-layer='obs:ramsar_site']"))
                .findElement(By.linkText("Fiche de métadonnées")).getDomProperty("href");
        assertThat(record).contains("/csw?", "GetRecordById");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(record)).build(), HttpResponse.BodyHandlers.ofString())
                .body()).contains("<gmd:MD_Metadata", "https://rsis.ramsar.org/ris/1765");
        screenshot("couches");
        assertNoConsoleErrors("/couches");
    }
}
