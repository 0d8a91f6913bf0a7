package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.xml.OgcSchemas;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** WFS plugged into the assembled server, over HTTP. */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WfsServerTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "wfsserver", 3000);
        registry.add("obs.wfs.max-features", () -> "250");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void capabilitiesOverHttpAdvertiseTheConfiguredMaximumAndTheirOwnUrl() throws Exception {
        HttpResponse<String> r = get("/wfs?service=WFS&request=GetCapabilities");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(OgcSchemas.validate("http://schemas.opengis.net/wfs/2.0/wfs.xsd",
                new StreamSource(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8))))).isEmpty();
        assertThat(r.body()).contains("<ows:DefaultValue>250</ows:DefaultValue>")
                .contains("xlink:href=\"http://localhost:" + port + "/wfs\"");
    }

    @Test
    void getFeatureOverHttpPagesAndReportsErrorsOfItsVersion() throws Exception {
        HttpResponse<String> page = get("/ows?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences"
                + "&outputFormat=application/json");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(page.body()).contains("\"numberReturned\":250", "\"rel\":\"next\"").doesNotContain("observateur");
        HttpResponse<String> wrong = get("/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:nothing");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("exceptionCode=\"InvalidParameterValue\"", "locator=\"typeNames\"",
                "version=\"2.0.0\"");
    }

    @Test
    void theExtensionsStoredQueryIsPluggedIn() throws Exception {
        HttpResponse<String> list = get("/wfs?service=WFS&version=2.0.0&request=ListStoredQueries");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("<wfs:StoredQuery id=\"urn:ogc:def:query:OGC-WFS::GetFeatureById\">",
                "<wfs:StoredQuery id=\"urn:x-yseraa:def:query:TaxonOccurrencesInCommune\">",
                "<wfs:Title xml:lang=\"fr\">Occurrences d'un taxon dans une commune</wfs:Title>",
                "<wfs:Title xml:lang=\"fr\">Objet par identifiant</wfs:Title>");
        HttpResponse<String> missing = get("/wfs?service=WFS&version=2.0.0&request=GetFeature"
                + "&storedQuery_id=urn:x-yseraa:def:query:TaxonOccurrencesInCommune&CD_REF=60612");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("exceptionCode=\"MissingParameterValue\"", "locator=\"INSEE\"");
    }

    @Test
    void aGetFeatureOfMoreTypesThanTheLimitIsRefused() throws Exception {
        String types = String.join(",", java.util.Collections.nCopies(300, "obs:communes"));
        HttpResponse<String> kvp = get("/wfs?service=WFS&version=2.0.0&request=GetFeature&count=1&typeNames=" + types);
        assertThat(kvp.statusCode()).isEqualTo(400);
        assertThat(kvp.body()).contains("exceptionCode=\"InvalidParameterValue\"", "locator=\"typeNames\"",
                "300 feature types; at most 10");
        String query = "<wfs:Query typeNames=\"obs:communes\"/>";
        String body = "<wfs:GetFeature service=\"WFS\" version=\"2.0.0\" count=\"1\" xmlns:wfs=\"http://www.opengis.net/wfs/2.0\""
                + " xmlns:obs=\"https://observatoire.yseraa.fr/obs\">";
        HttpResponse<String> xml = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/wfs"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body + query.repeat(11) + "</wfs:GetFeature>")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(xml.statusCode()).isEqualTo(400);
        assertThat(xml.body()).contains("locator=\"typeNames\"", "11 feature types; at most 10");
        HttpResponse<String> ten = get("/wfs?service=WFS&version=2.0.0&request=GetFeature&count=1&typeNames="
                + String.join(",", java.util.Collections.nCopies(10, "obs:communes")));
        assertThat(ten.statusCode()).as(ten.body()).isEqualTo(200);
    }
}
