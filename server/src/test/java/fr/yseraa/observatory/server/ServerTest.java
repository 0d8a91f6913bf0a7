package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.core.xml.OgcSchemas;
import fr.yseraa.observatory.server.security.SecurityHeadersFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The assembled server over real HTTP, on a fresh PostGIS filled with a small demo at start. */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServerTest.PingServiceConfiguration.class)
class ServerTest {

    static final String OWS_SCHEMA = "http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "server", 5000);
    }

    /** A service plugged in the way WMS, WFS... plug in, to see the dispatcher route over HTTP. */
    @TestConfiguration
    static class PingServiceConfiguration {
        static final List<OwsRequest> RECEIVED = new ArrayList<>();

        @Bean
        OwsService pingService() {
            return new OwsService() {
                @Override
                public String name() {
                    return "PING";
                }

                @Override
                public List<String> versions() {
                    return List.of("1.0.0");
                }

                @Override
                public Set<String> operations() {
                    return Set.of("GetCapabilities", "Echo");
                }

                @Override
                public void handle(OwsRequest request, OwsResponse response) throws IOException {
                    RECEIVED.add(request);
                    response.setContentType("text/plain");
                    response.body().write(("pong " + request.operation()).getBytes(StandardCharsets.UTF_8));
                }
            };
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postXml(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertReport(HttpResponse<String> r, int status, String code, String locator) throws IOException {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/xml");
        assertThat(OgcSchemas.validate(OWS_SCHEMA, new StreamSource(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)))))
                .isEmpty();
        assertThat(r.body()).contains("exceptionCode=\"" + code + "\"");
        if (locator != null) {
            assertThat(r.body()).contains("locator=\"" + locator + "\"");
        }
        assertThat(r.body()).doesNotContain("Exception:", "\tat ");
    }

    @Test
    void healthIsUpWithTheDatabase() throws Exception {
        HttpResponse<String> r = get("/actuator/health");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode health = new ObjectMapper().readTree(r.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void theDemoPageLoadsOpenLayersAndProj4FromTheirWebJars() throws Exception {
        String page = get("/demo/wmts.html").body();
        List<String> scripts = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:src|href)=\"(/webjars/[^\"]+)\"").matcher(page);
        while (m.find()) {
            scripts.add(m.group(1));
        }
        assertThat(scripts).containsExactly("/webjars/ol/ol.css", "/webjars/ol/dist/ol.js", "/webjars/proj4/dist/proj4.js");
        for (String script : scripts) {
            HttpResponse<String> r = get(script);
            assertThat(r.statusCode()).as(script).isEqualTo(200);
            assertThat(r.body()).as(script).hasSizeGreaterThan(5000);
        }
    }

    @Test
    void layersListsTheThirteenLayersWithTheirContent() throws Exception {
        HttpResponse<String> r = get("/rest/layers");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode layers = new ObjectMapper().readTree(r.body());
        List<String> names = new ArrayList<>();
        layers.forEach(l -> {
            names.add(l.path("name").asText());
            assertThat(l.path("featureCount").asLong()).as(l.path("name").asText()).isPositive();
            assertThat(l.path("title").asText()).isNotBlank();
            assertThat(l.path("geometryType").asText()).isNotBlank();
            double minx = l.path("bbox").path("minx").asDouble();
            double maxy = l.path("bbox").path("maxy").asDouble();
            assertThat(minx).isBetween(1.0, 3.5); // the Audomarois, in longitude
            assertThat(maxy).isBetween(50.5, 51.5);
        });
        assertThat(names).containsExactlyInAnyOrder("obs:communes", "obs:departements", "obs:mailles_10km",
                "obs:ramsar_site", "obs:territoire_yseraa", "obs:habitats", "obs:cours_eau", "obs:reservoirs",
                "obs:corridors", "obs:obstacles", "obs:indicateurs_commune", "sinp:occurrences", "sinp:occurrences_maille");
        JsonNode occurrences = layers.findParents("name").stream()
                .filter(l -> l.path("name").asText().equals("sinp:occurrences")).findFirst().orElseThrow();
        assertThat(occurrences.path("featureCount").asLong()).isLessThan(5000); // sensitivity 4 is not counted for the public
    }

    @Test
    void theDispatcherRoutesKvpAndXml() throws Exception {
        HttpResponse<String> kvp = get("/ows?SERVICE=ping&request=echo&version=1.0.0");
        assertThat(kvp.statusCode()).isEqualTo(200);
        assertThat(kvp.body()).isEqualTo("pong Echo");
        HttpResponse<String> xml = postXml("/ows", "<Echo service=\"PING\" version=\"1.0.0\"/>");
        assertThat(xml.body()).isEqualTo("pong Echo");
    }

    @Test
    void clientMistakesAnswerExceptionReports() throws Exception {
        HttpResponse<String> refused = get("/ows?request=GetCapabilities");
        assertReport(refused, 400, "MissingParameterValue", "service");
        // the report replaces what the failed work set on the response, not the security headers
        SecurityHeadersFilter.HEADERS.forEach((name, value) ->
                assertThat(refused.headers().firstValue(name)).as(name).hasValue(value));
        assertReport(get("/ows?service=WCS&request=GetCapabilities"), 400, "InvalidParameterValue", "service");
        assertReport(get("/ows?service=PING"), 400, "MissingParameterValue", "request");
        assertReport(get("/ows?service=PING&request=Delete"), 501, "OperationNotSupported", "Delete");
        assertReport(get("/ows?service=PING&request=Echo&version=9.9.9"), 400, "InvalidParameterValue", "version");
        assertReport(get("/wfs?service=WMS&request=GetMap"), 400, "InvalidParameterValue", "service");
        assertReport(postXml("/ows", "<Echo service="), 400, "OperationParsingFailed", null);
        assertReport(postXml("/ows", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<Echo service=\"PING\">&e;</Echo>"), 400, "OperationParsingFailed", null);
    }
}
