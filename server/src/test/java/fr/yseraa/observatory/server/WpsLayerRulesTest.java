package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The data directory's layer rules govern WPS processes as they govern every service: here a rule lets only partners
 * read obs:reservoirs, so a process that reads that layer does not run for the public (the OGC exception report, not
 * a figure of the layer), runs for a partner, and processes that do not read it run for everybody.
 */
class WpsLayerRulesTest extends ReservoirsForPartnersServer {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String query, String login) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/wps?" + query));
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String execute(String identifier, String dataInputs, String output) {
        return "service=WPS&version=1.0.0&request=Execute&identifier=" + identifier + "&DataInputs="
                + URLEncoder.encode(dataInputs, StandardCharsets.UTF_8) + "&" + output;
    }

    @Test
    void aProcessReadingALayerTheCallerMayNotReadFailsWithoutAFigure() throws Exception {
        users.saveUser("naturaliste", PASSWORD, null, Set.of("partner"));
        String connectivity = execute("obs:Connectivity", "subNetwork=aquatic;patchSource=reservoirs", "RawDataOutput=ECA");
        HttpResponse<String> partner = get(connectivity, "naturaliste");
        assertThat(partner.statusCode()).as(partner.body()).isEqualTo(200);
        String eca = partner.body().trim();
        assertThat(Double.parseDouble(eca)).isPositive();

        HttpResponse<String> anonymous = get(connectivity, null);
        WpsServerTest.assertReport(anonymous, 400, "InvalidParameterValue", "Identifier");
        assertThat(anonymous.body()).doesNotContain(eca, "reservoir", "ECA", "ProcessSucceeded");
        // nor later, through an asynchronous execution: it is refused before it is accepted
        HttpResponse<String> stored = get(execute("obs:Connectivity", "subNetwork=aquatic;patchSource=reservoirs",
                "ResponseDocument=ECA&storeExecuteResponse=true&status=true"), null);
        WpsServerTest.assertReport(stored, 400, "InvalidParameterValue", "Identifier");
        assertThat(stored.body()).doesNotContain(eca, "statusLocation");
        // the corridor report reads the reservoirs too (its connectivity figures)
        WpsServerTest.assertReport(get(execute("obs:CorridorIndicators", "corridor=1", "RawDataOutput=report"), null),
                400, "InvalidParameterValue", "Identifier");

        HttpResponse<String> fragmentation = get(execute("obs:Fragmentation", "unitType=maille_10km", "RawDataOutput=meff"),
                null);
        assertThat(fragmentation.statusCode()).as(fragmentation.body()).isEqualTo(200);
        assertThat(Double.parseDouble(fragmentation.body().trim())).isPositive();
    }
}
