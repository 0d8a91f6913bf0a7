package fr.yseraa.observatory.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Every page of the portal in Chromium: it loads with no console error, in the layout, its menu entry marked. */
class PortalPagesTest extends BrowserTestBase {

    /** Each page's path, with the screenshot's name and the navigation entry marked as current. */
    private static final Map<String, String[]> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("/", new String[] {"accueil", "Accueil"});
        PAGES.put("/carte", new String[] {"carte", "Carte"});
        PAGES.put("/couches", new String[] {"couches", "Couches"});
        PAGES.put("/indicateurs", new String[] {"indicateurs", "Indicateurs"});
        PAGES.put("/indicateurs/occ_richesse", new String[] {"indicateur", "Indicateurs"});
        PAGES.put("/corridors", new String[] {"corridors", "Réseau écologique"});
    }

    @Test
    void everyPageLoadsWithNoConsoleError() {
        consoleErrors();
        PAGES.forEach((path, page) -> {
            open(path);
            assertThat(browser().getTitle()).as(path).endsWith("— Observatoire Clim@YserAa");
            assertThat(browser().findElement(By.cssSelector("nav a[aria-current=page]")).getText()).as(path)
                    .isEqualTo(page[1]);
            assertThat(browser().findElement(By.tagName("h1")).getText()).as(path).isNotBlank();
            assertThat(browser().findElement(By.id("session-view")).getText()).as(path).isEqualTo("Vue publique");
            screenshot(page[0]);
            assertNoConsoleErrors(path);
        });
    }

    @Test
    void everyPageLoadsUnderOneAndAHalfMegabytesOfJavaScriptAndFitsAPhone() {
        browser().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            PAGES.forEach((path, page) -> {
                open(path);
                long bytes = scriptBytes();
                assertThat(bytes).as(path + ": JavaScript, uncompressed").isPositive().isLessThan(1_500_000);
                assertThat(((Number) script("return document.documentElement.scrollWidth - window.innerWidth"))
                        .intValue()).as(path + ": no sideways scrolling on a phone").isLessThanOrEqualTo(0);
                screenshot(page[0] + "-telephone");
            });
        } finally {
            browser().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    /** The bytes of every script the page loaded (module imports included), as the server sends them. */
    @SuppressWarnings("unchecked")
    private long scriptBytes() {
        List<String> scripts = (List<String>) script("""
                return [...new Set(performance.getEntriesByType('resource').map(e => e.name)
                    .filter(n => new URL(n).pathname.endsWith('.js')))];""");
        long bytes = 0;
        for (String src : scripts) {
            try {
                bytes += HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(src)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body().length;
            } catch (Exception e) {
                throw new AssertionError(src, e);
            }
        }
        return bytes;
    }

    @Test
    void theHomePageGivesTheServicesAbsoluteUrls() {
        open("/");
        assertThat(browser().findElement(By.id("url-wms")).getDomProperty("value"))
                .isEqualTo(url("/wms?SERVICE=WMS&REQUEST=GetCapabilities"));
        assertThat(browser().findElement(By.id("url-wmts")).getDomProperty("value"))
                .isEqualTo(url("/wmts/1.0.0/WMTSCapabilities.xml"));
        assertNoConsoleErrors("/");
    }

    @Test
    void theSessionAreaSaysWhatTheCallerSees() {
        open("/");
        login("instructeur");
        assertThat(browser().findElement(By.id("session-view")).getText())
                .isEqualTo("instructeur — instructeur : localisations exactes de toutes les observations");
        open("/couches");
        assertThat(browser().findElement(By.id("session-view")).getText()).as("kept from page to page")
                .startsWith("instructeur — ");
        logout();
        login("partenaire");
        assertThat(browser().findElement(By.id("session-view")).getText())
                .isEqualTo("partenaire — partenaire : localisations exactes des espèces non sensibles");
        logout();
        assertThat(browser().findElement(By.id("session-view")).getText()).isEqualTo("Vue publique");
        assertNoConsoleErrors("login and logout");
    }

    @Test
    void wrongCredentialsAreSaidSoWithNoBrowserDialog() {
        open("/");
        browser().findElement(By.id("session-open")).click();
        browser().findElement(By.id("session-user")).sendKeys("instructeur");
        browser().findElement(By.id("session-password")).sendKeys("not the password");
        browser().findElement(By.cssSelector("#session-form button[type=submit]")).click();
        waitVisible(By.cssSelector("#session-error:not(:empty)"));
        assertThat(browser().findElement(By.id("session-error")).getText())
                .isEqualTo("Identifiant ou mot de passe incorrect.");
        assertThat(browser().findElement(By.id("session-view")).getText()).isEqualTo("Vue publique");
        // the 401 of /api/me is the one console error this page may have
        assertThat(consoleErrors()).allMatch(e -> e.contains("/api/me") && e.contains("401"));
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void apiMeTellsTheCallerAndTheAccessLevelOfEachLayer() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode anonymous = json.readTree(get("/api/me").body());
        assertThat(anonymous.get("user").isNull()).isTrue();
        assertThat(anonymous.get("roles")).isEmpty();
        assertThat(anonymous.at("/accessLevels/sinp:occurrences").asText()).isEqualTo("public");

        knownPassword("instructeur");
        HttpResponse<String> instructor = get("/api/me", "Authorization",
                TestServer.basicAuthorization("instructeur", PASSWORD));
        assertThat(instructor.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode me = json.readTree(instructor.body());
        assertThat(me.get("user").asText()).isEqualTo("instructeur");
        assertThat(me.get("roles").toString()).isEqualTo("[\"instructor\"]");
        assertThat(me.at("/accessLevels/sinp:occurrences").asText()).isEqualTo("full");

        String wrong = TestServer.basicAuthorization("instructeur", "wrong password");
        HttpResponse<String> challenged = get("/api/me", "Authorization", wrong);
        assertThat(challenged.statusCode()).isEqualTo(401);
        assertThat(challenged.headers().firstValue("WWW-Authenticate")).isPresent();
        HttpResponse<String> script = get("/api/me", "Authorization", wrong, "X-Requested-With", "XMLHttpRequest");
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).as("no browser dialog for a script").isEmpty();
    }
}
