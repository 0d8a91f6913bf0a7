package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.xml.OgcSchemas;
import fr.yseraa.observatory.server.security.UserStore;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The WPS of the assembled server over HTTP, with the observatory's processes, on a small demo. */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WpsServerTest {

    static final String WPS = "http://schemas.opengis.net/wps/1.0.0/";
    static final String PASSWORD = "a long enough test passphrase";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "wps", 5000);
    }

    @LocalServerPort
    int port;

    @Autowired
    UserStore users;

    @Autowired
    DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/wps?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body, String login) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/wps"))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(body));
        if (login != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((login + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertValid(String schema, HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(OgcSchemas.validate(schema, new StreamSource(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)))))
                .as(r.body()).isEmpty();
    }

    private static void assertReport(HttpResponse<String> r, int status, String code, String locator) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(OgcSchemas.validate(ServerTest.OWS_SCHEMA,
                new StreamSource(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8))))).isEmpty();
        assertThat(r.body()).contains("exceptionCode=\"" + code + "\"");
        if (locator != null) {
            assertThat(r.body()).contains("locator=\"" + locator + "\"");
        }
        assertThat(r.body()).doesNotContain("\tat ", "Exception:");
    }

    private static String execute(String identifier, String dataInputs, String form) {
        return """
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0"
                    xmlns:ows="http://www.opengis.net/ows/1.1">
                  <ows:Identifier>%s</ows:Identifier>
                  <wps:DataInputs>%s</wps:DataInputs>
                  <wps:ResponseForm>%s</wps:ResponseForm>
                </wps:Execute>""".formatted(identifier, dataInputs, form);
    }

    private static String literal(String id, String value) {
        return "<wps:Input><ows:Identifier>" + id + "</ows:Identifier><wps:Data><wps:LiteralData>" + value
                + "</wps:LiteralData></wps:Data></wps:Input>";
    }

    @Test
    void capabilitiesAndDescriptionsOfferTheObservatoryProcesses() throws Exception {
        HttpResponse<String> caps = get("service=WPS&request=GetCapabilities");
        assertValid(WPS + "wpsGetCapabilities_response.xsd", caps);
        assertThat(caps.body()).contains("obs:Connectivity", "obs:Fragmentation", "obs:CorridorIndicators")
                .doesNotContain("obs:ComputeIndicators"); // administrators only
        HttpResponse<String> all = get("service=WPS&version=1.0.0&request=DescribeProcess&identifier=ALL");
        assertValid(WPS + "wpsDescribeProcess_response.xsd", all);
        assertThat(all.body()).contains("<ows:Identifier>subNetwork</ows:Identifier>", "<ows:Value>woodland</ows:Value>",
                "<ows:UOM>m</ows:UOM>", "<MimeType>application/geo+json</MimeType>");
    }

    @Test
    void aCorridorReportCountsOnlyWhatTheCallerMaySee() throws Exception {
        users.saveUser("instruction", PASSWORD, null, Set.of("instructor"));
        List<Integer> corridors = new JdbcTemplate(dataSource).queryForList(
                "SELECT c.id FROM landscape.corridor c JOIN sinp.occurrence o ON ST_CoveredBy(o.geom, c.geom)"
                        + " GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 5", Integer.class);
        assertThat(corridors).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        long publicTotal = 0;
        long instructorTotal = 0;
        for (int id : corridors) {
            String request = execute("obs:CorridorIndicators", literal("corridor", Integer.toString(id)),
                    "<wps:RawDataOutput mimeType=\"application/json\"><ows:Identifier>report</ows:Identifier></wps:RawDataOutput>");
            HttpResponse<String> anonymous = post(request, null);
            HttpResponse<String> instructor = post(request, "instruction");
            assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(200);
            assertThat(anonymous.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
            JsonNode a = json.readTree(anonymous.body()).get("biodiversity");
            JsonNode i = json.readTree(instructor.body()).get("biodiversity");
            assertThat(a.get("occurrences").asLong()).isLessThanOrEqualTo(i.get("occurrences").asLong());
            publicTotal += a.get("occurrences").asLong();
            instructorTotal += i.get("occurrences").asLong();
        }
        assertThat(publicTotal).isLessThan(instructorTotal);
    }

    @Test
    void executeAnswersValidResponseDocuments() throws Exception {
        HttpResponse<String> kvp = get("service=WPS&version=1.0.0&request=Execute&identifier=obs:Connectivity"
                + "&DataInputs=" + URLEncoder.encode("subNetwork=aquatic;patchSource=reservoirs", StandardCharsets.UTF_8)
                + "&ResponseDocument=PC;ECA;summary&lineage=true");
        assertValid(WPS + "wpsExecute_response.xsd", kvp);
        assertThat(kvp.body()).contains("<wps:ProcessSucceeded>", "<wps:DataInputs>", "ECA_ha");
        HttpResponse<String> fragmentation = post(execute("obs:Fragmentation", literal("unitType", "maille_10km"),
                "<wps:ResponseDocument><wps:Output><ows:Identifier>meff</ows:Identifier></wps:Output></wps:ResponseDocument>"), null);
        assertValid(WPS + "wpsExecute_response.xsd", fragmentation);
        HttpResponse<String> csv = get("service=WPS&version=1.0.0&request=Execute&identifier=obs:Fragmentation"
                + "&RawDataOutput=" + URLEncoder.encode("units@mimeType=text/csv", StandardCharsets.UTF_8));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("id,name,area_ha,meff_ha,meff_cbc_ha,pieces\n");
    }

    @Test
    void anAsynchronousExecutionEndsWithItsOutputsAtTheStatusLocation() throws Exception {
        HttpResponse<String> accepted = get("service=WPS&version=1.0.0&request=Execute&identifier=obs:Connectivity"
                + "&DataInputs=" + URLEncoder.encode("subNetwork=aquatic;patchSource=reservoirs", StandardCharsets.UTF_8)
                + "&ResponseDocument=ECA&storeExecuteResponse=true&status=true");
        assertValid(WPS + "wpsExecute_response.xsd", accepted);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("statusLocation=\"([^\"]+)\"").matcher(accepted.body());
        assertThat(m.find()).isTrue();
        URI statusLocation = URI.create(m.group(1).replace("&amp;", "&"));
        assertThat(statusLocation.getPath()).isEqualTo("/wps");
        HttpResponse<String> status = null;
        for (int i = 0; i < 3000; i++) { // polled: the worker thread decides when it is done
            status = http.send(HttpRequest.newBuilder(statusLocation).build(), HttpResponse.BodyHandlers.ofString());
            if (status.body().contains("ProcessSucceeded") || status.body().contains("ProcessFailed")) {
                break;
            }
            Thread.sleep(20);
        }
        assertValid(WPS + "wpsExecute_response.xsd", status);
        assertThat(status.body()).contains("<wps:ProcessSucceeded>", "<ows:Identifier>ECA</ows:Identifier>");
    }

    @Test
    void badRequestsAnswerWpsExceptionsNamingTheInput(@TempDir Path dir) throws Exception {
        assertReport(get("service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators"
                + "&DataInputs=" + URLEncoder.encode("corridor=1;dispersalDistance=-10", StandardCharsets.UTF_8)),
                400, "InvalidParameterValue", "dispersalDistance");
        assertReport(get("service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators"),
                400, "MissingParameterValue", "corridor");
        assertReport(get("service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators"
                + "&DataInputs=corridor%3D987654"), 400, "InvalidParameterValue", "corridor");
        assertReport(get("service=WPS&version=1.0.0&request=Execute&identifier=obs:Connectivity&DataInputs=subNetwork%3Dwetland"
                + "&RawDataOutput=" + URLEncoder.encode("patches@mimeType=image/png", StandardCharsets.UTF_8)),
                400, "InvalidParameterValue", "patches");
        assertReport(get("service=WPS&version=1.0.0&request=DescribeProcess&identifier=obs:Nothing"),
                400, "InvalidParameterValue", "Identifier");
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        HttpResponse<String> xxe = post("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>"
                + execute("obs:CorridorIndicators", literal("corridor", "&e;"), ""), null);
        assertReport(xxe, 400, "OperationParsingFailed", null);
        assertThat(xxe.body()).doesNotContain("TOP-SECRET-CONTENT");
    }

    /** OWSLib, a real WPS client, describes and executes every public process, synchronously and asynchronously. */
    @Test
    void owslibDescribesAndExecutesEveryProcess() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(owslibAvailable(), "python3-owslib is not installed");
        Path script = TestServer.ROOT.resolve("bench/clients/owslib_wps.py");
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), "http://localhost:" + port + "/wps")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("obs:CorridorIndicators sync ProcessSucceeded", "obs:Connectivity async ProcessSucceeded");
    }

    private static boolean owslibAvailable() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return false;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import owslib.wps").redirectErrorStream(true).start();
        return p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
