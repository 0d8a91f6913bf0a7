package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * WPS results and OGC API - Processes jobs that count occurrences, and the /rest layer list, against an independent
 * count in the database of what each caller may see; a job is read by its caller alone.
 */
class ProcessAndRestLeakTest extends LeakTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A square around the target's exact point, as WKT in Lambert-93. */
    private static String squareAround(Target t) {
        double h = WmsLeakTest.half(t);
        return "POLYGON((%1$s %2$s,%3$s %2$s,%3$s %4$s,%1$s %4$s,%1$s %2$s))".formatted(t.x() - h, t.y() - h,
                t.x() + h, t.y() + h);
    }

    /** A corridor report over the square counts exactly what the caller may see there (the target, when exact). */
    private void assertCountsWhatTheCallerSees(Who who, Target t, String square, JsonNode report) {
        long expected = check.count(who, "statut_observation = 'Pr' AND ST_Covers(ST_GeomFromText('" + square
                + "', 2154), v)");
        assertThat(report.path("biodiversity").path("occurrences").asLong()).as("occurrences inside a square around "
                + t + " for " + who).isEqualTo(expected);
        if (check.view(who, t) == LeakAssertions.View.EXACT) {
            assertThat(expected).as("the target itself counts for " + who).isPositive();
        }
    }

    @TestFactory
    Stream<DynamicTest> corridorReportsCountWhatTheCallerMaySee() {
        return perCallerAndTarget("WPS obs:CorridorIndicators", (who, t) -> {
            String square = squareAround(t);
            HttpResponse<byte[]> r = get(who, "/wps?service=WPS&version=1.0.0&request=Execute"
                    + "&identifier=obs:CorridorIndicators&RawDataOutput=report&DataInputs="
                    + enc("subNetwork=wetland;geometry=" + square + "@mimeType=application/wkt"));
            assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
            assertCountsWhatTheCallerSees(who, t, square, JSON.readTree(r.body()));
        });
    }

    /**
     * The same report as an OGC API - Processes job of the caller: its results count what the caller may see, and
     * the job (its status and results) is nobody else's: another caller, or the public, gets no-such-job.
     */
    @TestFactory
    Stream<DynamicTest> jobsCountWhatTheirCallerMaySeeAndAreTheirsAlone() {
        return perCallerAndTarget("OGC API job obs:CorridorIndicators", (who, t) -> {
            String square = squareAround(t);
            HttpResponse<byte[]> started = postAs(who.login, "/ogcapi/processes/obs:CorridorIndicators/execution",
                    "application/json", "{\"inputs\": {\"subNetwork\": \"wetland\", \"geometry\": {\"value\": \""
                            + square + "\", \"mediaType\": \"application/wkt\"}}, \"outputs\": {\"report\": {}}}",
                    "Prefer", "respond-async");
            assertThat(started.statusCode()).as(text(started)).isEqualTo(201);
            String job = java.net.URI.create(started.headers().firstValue("Location").orElseThrow()).getPath();
            JsonNode status = JSON.readTree(text(get(who, job)));
            for (int i = 0; i < 3000 && status.path("status").asText().matches("accepted|running"); i++) {
                Thread.sleep(20);
                status = JSON.readTree(text(get(who, job)));
            }
            assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("successful");
            HttpResponse<byte[]> results = get(who, job + "/results");
            assertThat(results.statusCode()).isEqualTo(200);
            assertCountsWhatTheCallerSees(who, t, square, JSON.readTree(results.body()).path("report").path("value"));
            for (Who other : Who.values()) {
                if (other != who) {
                    for (String path : java.util.List.of(job, job + "/results")) {
                        HttpResponse<byte[]> r = get(other, path);
                        assertThat(r.statusCode()).as(other + " reads " + who + "'s " + path).isEqualTo(404);
                        assertThat(text(r)).contains("no-such-job").doesNotContain("biodiversity");
                    }
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> theLayerListCountsWhatTheCallerMaySee() {
        return Stream.of(Who.values()).map(who -> DynamicTest.dynamicTest("/rest/layers for " + who, () -> {
            HttpResponse<byte[]> r = get(who, "/rest/layers");
            assertThat(r.statusCode()).isEqualTo(200);
            long count = -1;
            for (JsonNode layer : JSON.readTree(r.body())) {
                if (layer.path("name").asText().equals("sinp:occurrences")) {
                    count = layer.path("featureCount").asLong();
                }
            }
            assertThat(count).as("sinp:occurrences for " + who).isEqualTo(check.count(who, "true"));
            if (who == Who.INSTRUCTOR) {
                assertThat(count).isEqualTo(OCCURRENCES);
            }
        }));
    }
}
