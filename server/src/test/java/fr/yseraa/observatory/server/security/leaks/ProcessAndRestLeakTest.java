package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * WPS results that count occurrences, and the /rest layer list, against an independent count in the database of
 * what each caller may see.
 */
class ProcessAndRestLeakTest extends LeakTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> corridorReportsCountWhatTheCallerMaySee() {
        return perCallerAndTarget("WPS obs:CorridorIndicators", (who, t) -> {
            double h = WmsLeakTest.half(t);
            String square = "POLYGON((%1$s %2$s,%3$s %2$s,%3$s %4$s,%1$s %4$s,%1$s %2$s))".formatted(
                    t.x() - h, t.y() - h, t.x() + h, t.y() + h);
            HttpResponse<byte[]> r = get(who, "/wps?service=WPS&version=1.0.0&request=Execute"
                    + "&identifier=obs:CorridorIndicators&RawDataOutput=report&DataInputs="
                    + enc("subNetwork=wetland;geometry=" + square + "@mimeType=application/wkt"));
            assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
            JsonNode biodiversity = JSON.readTree(r.body()).path("biodiversity");
            long expected = check.count(who, "statut_observation = 'Pr' AND ST_Covers(ST_GeomFromText('" + square
                    + "', 2154), v)");
            assertThat(biodiversity.path("occurrences").asLong()).as("occurrences inside a square around " + t
                    + " for " + who).isEqualTo(expected);
            if (check.view(who, t) == LeakAssertions.View.EXACT) {
                assertThat(expected).as("the target itself counts for " + who).isPositive();
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
