package fr.yseraa.observatory.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The indicator pages and the ecological network page in Chromium: they load with no console error, the chart shows
 * exactly the values the database holds, the map every unit of the period, and a corridor's report comes from the
 * WPS process.
 */
class IndicatorPagesTest extends BrowserTestBase {

    @Autowired
    DataSource dataSource;

    private static boolean landscapeComputed;

    /**
     * The landscape and connectivity indicators, computed once as an administrator would: obs:ComputeIndicators over
     * WPS (the portal's shared demo leaves them out to start faster).
     */
    @BeforeEach
    void computeLandscapeIndicators() throws Exception {
        if (landscapeComputed) {
            return;
        }
        knownPassword("admin");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(
                "/wps?service=WPS&version=1.0.0&request=Execute&identifier=obs:ComputeIndicators&RawDataOutput=summary")))
                .header("Authorization", TestServer.basicAuthorization("admin", PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        landscapeComputed = true;
    }

    private JdbcTemplate sql() {
        return new JdbcTemplate(dataSource);
    }

    @Test
    void theListShowsEveryIndicatorByTheme() {
        consoleErrors();
        openReady("/indicateurs");
        List<WebElement> items = browser().findElements(By.cssSelector("#indicateurs li[data-code]"));
        assertThat(items).hasSize(sql().queryForObject("SELECT count(*) FROM obs.indicator", Integer.class));
        assertThat(browser().findElements(By.xpath("//li[@data-code]/p[contains(., 'Aucune valeur')]"))).isEmpty();
        assertThat(browser().findElements(By.cssSelector("#indicateurs h2")))
                .hasSize(sql().queryForObject("SELECT count(DISTINCT theme) FROM obs.indicator", Integer.class));
        fullPageScreenshot("indicateurs-liste");
        assertNoConsoleErrors("/indicateurs");
        browser().findElement(By.cssSelector("li[data-code=species_richness] a")).click();
        waitFor(By.cssSelector("body[data-ready]"));
        assertThat(browser().findElement(By.id("titre")).getText()).isEqualTo("Richesse spécifique");
        List<String> terms = browser().findElements(By.cssSelector("#fiche dt")).stream().map(WebElement::getText).toList();
        assertThat(terms).containsExactly("Définition", "Objectif", "Sources", "Formule ou méthode", "Unités spatiales",
                "Fréquence de mise à jour", "Interprétation", "Limites", "Dernière mise à jour");
        browser().findElements(By.cssSelector("#fiche dd, #protocole dd")).forEach(dd -> assertThat(dd.getText()).isNotBlank());
        assertNoConsoleErrors("/indicateurs/species_richness");
    }

    @Test
    void theChartShowsTheValuesOfTheDatabase() {
        consoleErrors();
        openReady("/indicateurs/species_richness");
        // the territory's series
        new Select(browser().findElement(By.id("unite"))).selectByValue("territory");
        waitFor(By.cssSelector("#entite option[value=yseraa]"));
        assertThat(chartData()).isEqualTo(stored("species_richness", "territory", "yseraa"));
        // a commune's, picked in the list
        new Select(browser().findElement(By.id("unite"))).selectByValue("commune");
        waitFor(By.cssSelector("#entite option[value='62765']"));
        new Select(browser().findElement(By.id("entite"))).selectByValue("62765");
        assertThat(browser().findElement(By.id("graphique-titre")).getText()).endsWith("Saint-Omer");
        assertThat(chartData()).isEqualTo(stored("species_richness", "commune", "62765"));
        // the sampling effort beside the values: the observation days of the same unit and periods, on its own axis
        assertThat(chartData(1)).isEqualTo(stored("effort_days", "commune", "62765")).doesNotContainNull();
        assertThat(script("return Chart.getChart(document.getElementById('graphique')).data.datasets[1].label"))
                .isEqualTo("Effort d'observation (jours d'observation)");
        // its trend beside the effort's, as the API reads it
        waitFor(By.cssSelector("#tendance[data-unit='62765']"));
        assertThat(browser().findElement(By.id("tendance")).getText()).startsWith("Évolution : Sur ")
                .contains("effort d'observation (jours) : ", "Pente de Sen : ");
        // the map draws every commune of the period it shows, with its value
        String[] period = new Select(browser().findElement(By.id("periode"))).getFirstSelectedOption()
                .getDomProperty("value").split("/");
        Map<String, Double> shown = new TreeMap<>();
        sql().query("""
                SELECT c.name, v.value FROM obs.indicator_value v JOIN territory.commune c ON c.insee = v.unit_code
                WHERE v.indicator_code = 'species_richness' AND v.unit_type = 'commune'
                  AND v.period_start = ?::date AND v.period_end = ?::date""",
                rs -> {
                    shown.put(rs.getString(1), rs.getDouble(2));
                }, period[0], period[1]);
        Map<String, Double> table = new TreeMap<>();
        browser().findElements(By.cssSelector("#tableau-valeurs tr")).forEach(tr -> {
            List<WebElement> cells = tr.findElements(By.tagName("td"));
            table.put(cells.get(0).getDomProperty("textContent"),
                    Double.parseDouble(cells.get(1).getDomProperty("textContent").replace("\u202f", "").replace(',', '.')));
        });
        assertThat(table).isNotEmpty().isEqualTo(shown);
        fullPageScreenshot("indicateur-fiche");
        assertNoConsoleErrors("/indicateurs/species_richness");
    }

    @Test
    void aLandscapeIndicatorShowsItsValuesToo() {
        consoleErrors();
        openReady("/indicateurs/meff");
        new Select(browser().findElement(By.id("entite"))).selectByValue("62765");
        assertThat(chartData()).isEqualTo(stored("meff", "commune", "62765")).doesNotContainNull();
        assertThat(script("return Chart.getChart(document.getElementById('graphique')).data.datasets.length"))
                .as("no effort beside an indicator not counted from occurrences").isEqualTo(1L);
        assertThat(browser().findElements(By.cssSelector("#tableau-valeurs tr")))
                .hasSize(sql().queryForObject("SELECT count(*) FROM territory.commune", Integer.class));
        assertNoConsoleErrors("/indicateurs/meff");
    }

    @Test
    void anUnknownIndicatorIsSaidSo() {
        consoleErrors();
        openReady("/indicateurs/nothing_such");
        assertThat(browser().findElement(By.tagName("h1")).getText()).isEqualTo("Indicateur inconnu");
        assertNoConsoleErrors("/indicateurs/nothing_such");
    }

    @Test
    void theCorridorPageShowsTheReportOfAPickedCorridor() {
        consoleErrors();
        openReady("/corridors");
        Select corridors = new Select(browser().findElement(By.id("corridor")));
        assertThat(corridors.getOptions()).hasSize(1 + sql().queryForObject("SELECT count(*) FROM landscape.corridor", Integer.class));
        // the longest corridor of the wetland sub-network: crossings, habitats and observations to show
        Map<String, Object> corridor = sql().queryForMap("SELECT id, name, round(ST_Length(axis)) AS length FROM landscape.corridor"
                + " WHERE sub_network = 'wetland' ORDER BY ST_Length(axis) DESC LIMIT 1");
        corridors.selectByValue(corridor.get("id").toString());
        waitFor(By.cssSelector("body[data-report='" + corridor.get("id") + "']"));
        String report = browser().findElement(By.id("rapport")).getText();
        assertThat(report).startsWith(corridor.get("name").toString())
                .contains("Longueur", "Continuité", "Franchissements", "Maille effective", "Importance du corridor (dPC)",
                        "Espèces patrimoniales");
        // the axis length as PostGIS measures it, in French figures
        String length = String.format(java.util.Locale.FRANCE, "%,d m", ((Number) corridor.get("length")).longValue())
                .replace('\u00a0', '\u202f');
        assertThat(report).contains(length);
        assertThat(browser().findElements(By.cssSelector("#rapport .explain"))).allSatisfy(e -> assertThat(e.getText()).isNotBlank());
        fullPageScreenshot("corridors-rapport");
        assertNoConsoleErrors("/corridors");
    }

    /** A screenshot of the whole page (the window made as tall as the page for it), for the documentation. */
    private void fullPageScreenshot(String name) {
        Dimension window = browser().manage().window().getSize();
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        browser().manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + 100, 5000)));
        script("window.scrollTo(0, 0)");
        try {
            Thread.sleep(300); // the map and the chart redraw at the new size on the next frames
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        screenshot(name);
        browser().manage().window().setSize(window);
    }

    private List<Double> chartData() {
        return chartData(0);
    }

    /** The data of one series of the chart (0: the values, 1: the sampling effort). */
    @SuppressWarnings("unchecked")
    private List<Double> chartData(int dataset) {
        List<Object> data = (List<Object>) script(
                "return Chart.getChart(document.getElementById('graphique')).data.datasets[" + dataset + "].data;");
        List<Double> values = new ArrayList<>();
        data.forEach(v -> values.add(v == null ? null : ((Number) v).doubleValue()));
        return values;
    }

    /** The unit's values over every period of the indicator, in period order, null where it has none. */
    private List<Double> stored(String code, String unitType, String unitCode) {
        List<Double> values = new ArrayList<>();
        sql().query("""
                SELECT v.value FROM (SELECT DISTINCT period_start, period_end FROM obs.indicator_value WHERE indicator_code = ?) p
                LEFT JOIN obs.indicator_value v ON v.indicator_code = ? AND v.unit_type = ? AND v.unit_code = ?
                     AND v.period_start = p.period_start AND v.period_end = p.period_end
                ORDER BY p.period_start, p.period_end""",
                rs -> {
                    double v = rs.getDouble(1);
                    values.add(rs.wasNull() ? null : v);
                }, code, code, unitType, unitCode);
        return values;
    }
}
