package fr.yseraa.observatory.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The map page in Chromium: its layer tree, feature info in words, the time slider, search, and who sees what. */
class MapPageTest extends BrowserTestBase {

    @Autowired
    DataSource dataSource;

    /** The names of the named layers of the server's WMS capabilities, as the public gets them. */
    private List<String> capabilitiesLayers() throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        NodeList names = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()))
                .getElementsByTagNameNS("http://www.opengis.net/wms", "Name");
        List<String> layers = new ArrayList<>();
        for (int i = 0; i < names.getLength(); i++) {
            Element name = (Element) names.item(i);
            if (((Element) name.getParentNode()).getLocalName().equals("Layer")) {
                layers.add(name.getTextContent());
            }
        }
        return layers;
    }

    /** What the map shows, as the browser draws it (a screenshot of the map element). */
    private BufferedImage mapImage() {
        try {
            return ImageIO.read(new ByteArrayInputStream(
                    browser().findElement(By.id("map")).getScreenshotAs(OutputType.BYTES)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many pixels of the map are not the white page, and a sum of their colours. */
    private List<Long> drawn() {
        BufferedImage image = mapImage();
        long pixels = 0;
        long sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb != 0xFFFFFF) {
                    pixels++;
                    sum += rgb;
                }
            }
        }
        return List.of(pixels, sum);
    }

    /** The colour at the centre of the map. */
    private Color centrePixel() {
        BufferedImage image = mapImage();
        return new Color(image.getRGB(image.getWidth() / 2, image.getHeight() / 2));
    }

    @Test
    void theLayerTreeListsExactlyTheLayersOfTheCapabilitiesByTheme() throws Exception {
        openReady("/carte");
        List<String> tree = browser().findElements(By.cssSelector("#tree li[data-layer]")).stream()
                .map(li -> li.getDomAttribute("data-layer")).toList();
        assertThat(tree).containsExactlyInAnyOrderElementsOf(capabilitiesLayers()).doesNotHaveDuplicates();
        Map<String, String> themes = Map.of("obs:communes", "Territoire", "obs:corridors", "Trame verte et bleue",
                "sinp:occurrences", "Occurrences SINP", "obs:indicateurs_commune", "Indicateurs");
        themes.forEach((layer, theme) -> assertThat(browser().findElement(By.cssSelector(
                "li[data-layer='" + layer + "']")).findElement(By.xpath("ancestor::section/h3")).getText())
                .as(layer).isEqualToIgnoringCase(theme));
        screenshot("carte");
        assertNoConsoleErrors("/carte");
    }

    @Test
    void aClickOnACommuneShowsItsPopupInFrench() {
        Map<String, Object> commune = new JdbcTemplate(dataSource).queryForMap("""
                SELECT name, insee, departement_code, ST_X(p) AS x, ST_Y(p) AS y
                FROM (SELECT *, ST_PointOnSurface(geom) AS p FROM territory.commune) c ORDER BY ST_Area(geom) DESC LIMIT 1""");
        openReady("/carte?proj=2154&res=8&couches=obs:communes,sinp:occurrences&x=" + commune.get("x") + "&y="
                + commune.get("y"));
        browser().findElement(By.id("map")).click();
        WebElement popup = waitVisible(By.cssSelector("#popup-content h3"));
        screenshot("carte-popup");
        String text = browser().findElement(By.id("popup-content")).getText();
        assertThat(popup.getText()).isEqualTo("Communes");
        assertThat(pairs()).containsEntry("Nom", commune.get("name").toString())
                .containsEntry("Code INSEE", commune.get("insee").toString())
                .containsEntry("Département", commune.get("departement_code").toString())
                .containsEntry("Statut d'observation", "Présent");
        assertThat(text).contains("Occurrences de taxons", "Niveau de sensibilité", "Groupe taxonomique")
                .doesNotContain("statut_observation", "insee", "sensi_niveau");
        assertThat(browser().findElements(By.cssSelector("#popup-content dd")).stream().map(WebElement::getText))
                .as("codes are shown by their labels").doesNotContain("Pr", "IND", "St", "Pu");
        assertNoConsoleErrors("/carte feature info");
    }

    /** The popup's first value of each label. */
    private Map<String, String> pairs() {
        Map<String, String> pairs = new java.util.LinkedHashMap<>();
        for (WebElement dt : browser().findElements(By.cssSelector("#popup-content dt"))) {
            pairs.putIfAbsent(dt.getText(), dt.findElement(By.xpath("following-sibling::dd[1]")).getText());
        }
        return pairs;
    }

    @Test
    void theTimeSliderChangesWhatTheMapDraws() {
        openReady("/carte?proj=2154&res=40&couches=sinp:occurrences&x=648000&y=7078000");
        List<Long> everything = drawn();
        assertThat(everything.get(0)).as("occurrences drawn").isPositive();
        browser().findElement(By.id("time-all")).click();
        WebElement slider = browser().findElement(By.id("time-year"));
        slider.sendKeys(Keys.HOME);
        String first = browser().findElement(By.id("time-label")).getText();
        assertThat(script("return carte.layers().find(l => l.name === 'sinp:occurrences').layer.getSource()"
                + ".getParams().TIME")).isEqualTo(first + "-01-01/" + first + "-12-31");
        new WebDriverWait(browser(), Duration.ofSeconds(20)).until(d -> !drawn().equals(everything));
        List<Long> oneYear = drawn();
        assertThat(oneYear.get(0)).as("one year draws less than every date").isLessThan(everything.get(0));
        assertThat(browser().getCurrentUrl()).as("the permalink keeps the year").contains("annee=" + first);
        screenshot("carte-annee");
        assertNoConsoleErrors("/carte time slider");
    }

    @Test
    void searchByCommuneAndByTaxonWithTheKeyboard() {
        openReady("/carte");
        String name = new JdbcTemplate(dataSource).queryForObject(
                "SELECT name FROM territory.commune ORDER BY insee LIMIT 1", String.class);
        WebElement commune = browser().findElement(By.id("search-commune"));
        commune.sendKeys(name);
        waitVisible(By.cssSelector("#search-commune-list li[role=option]"));
        commune.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        new WebDriverWait(browser(), Duration.ofSeconds(20)).until(d -> ((Number) script(
                "return carte.map.getAllLayers()[0].getSource().getFeatures().length")).intValue() == 1);

        WebElement taxon = browser().findElement(By.id("search-taxon"));
        taxon.sendKeys("butor");
        waitVisible(By.cssSelector("#search-taxon-list li[role=option]"));
        assertThat(browser().findElement(By.cssSelector("#search-taxon-list li")).getText())
                .startsWith("Butor étoilé — Botaurus stellaris (");
        taxon.sendKeys(Keys.ENTER);
        waitVisible(By.id("taxon-filter"));
        assertThat(browser().findElement(By.cssSelector("#taxon-filter span")).getText())
                .isEqualTo("Espèce affichée : Butor étoilé (Botaurus stellaris)");
        Object cdNom = new JdbcTemplate(dataSource).queryForObject(
                "SELECT cd_nom FROM ref.taxref WHERE lb_nom = 'Botaurus stellaris'", Integer.class);
        assertThat(script("return carte.layers().find(l => l.name === 'sinp:occurrences').layer.getSource()"
                + ".getParams().CQL_FILTER")).isEqualTo("cd_nom = " + cdNom);
        assertThat(browser().getCurrentUrl()).contains("taxon=" + cdNom);
        assertNoConsoleErrors("/carte search");
    }

    private static int brightness(Color c) {
        return (c.getRed() + c.getGreen() + c.getBlue()) / 3;
    }

    @Test
    void anInstructorSeesTheExactPointWhereThePublicSeesItsCell() {
        Map<String, Object> target = new JdbcTemplate(dataSource).queryForMap("""
                SELECT o.cd_nom, ST_X(o.geom) AS x, ST_Y(o.geom) AS y FROM sinp.occurrence o
                WHERE o.diffusion_level = 2 AND o.sensi_niveau <> '0' AND GeometryType(o.geom) = 'POINT'
                  AND NOT EXISTS (SELECT 1 FROM sinp.occurrence p WHERE p.cd_nom = o.cd_nom AND p.id <> o.id
                                  AND ST_DWithin(p.geom, o.geom, 300))
                ORDER BY o.id LIMIT 1""");
        String page = "/carte?proj=2154&res=4&couches=sinp:occurrences&x=" + target.get("x") + "&y=" + target.get("y")
                + "&taxon=" + target.get("cd_nom");
        openReady(page);
        Color seenByPublic = centrePixel();
        screenshot("carte-public");
        login("instructeur");
        waitFor(By.cssSelector("body[data-ready]"));
        Color seenByInstructor = centrePixel();
        screenshot("carte-instructeur");
        // the exact point: a circle of the taxon group's saturated colour; the public: the cell's light translucent fill
        assertThat(brightness(seenByInstructor)).as("a point drawn at the exact place: " + seenByInstructor)
                .isLessThan(180);
        assertThat(brightness(seenByPublic)).as("no point for the public there: " + seenByPublic).isGreaterThan(200);
        logout();
        assertNoConsoleErrors("/carte as instructor");
    }
}
