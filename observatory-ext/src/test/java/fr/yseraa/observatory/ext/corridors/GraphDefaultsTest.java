package fr.yseraa.observatory.ext.corridors;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static fr.yseraa.observatory.ext.corridors.DemoProcesses.complex;
import static fr.yseraa.observatory.ext.corridors.DemoProcesses.literals;
import static fr.yseraa.observatory.ext.corridors.DemoProcesses.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * obs:Connectivity and obs:CorridorIndicators read the same reservoirs with the same default settings, state them,
 * and bound what the probability cut-off leaves out.
 */
class GraphDefaultsTest {

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void demo() throws Exception {
        DemoProcesses.init();
    }

    private JsonNode connectivitySummary(String... inputs) throws Exception {
        return json.readTree(complex(run(new ConnectivityProcess(), literals(inputs), Caller.anonymous()), "summary",
                "application/json"));
    }

    @Test
    void bothProcessesGiveTheSamePcForTheSameReservoirsByDefault() throws Exception {
        for (String subNetwork : List.of("woodland", "grassland", "wetland")) {
            long corridor = queryLong(DemoProcesses.dataSource(),
                    "SELECT min(id) FROM landscape.corridor WHERE sub_network = '" + subNetwork + "'");
            JsonNode summary = connectivitySummary("subNetwork", subNetwork, "patchSource", "reservoirs",
                    "importance", "false");
            JsonNode report = json.readTree(complex(run(new CorridorIndicatorsProcess(),
                    literals("corridor", Long.toString(corridor)), Caller.anonymous()), "report", "application/json"));
            JsonNode connectivity = report.get("connectivity");
            double pc = summary.get("PC").asDouble();
            assertThat(pc).as(subNetwork).isPositive();
            assertThat(connectivity.get("PC_without").asDouble()).as(subNetwork).isCloseTo(pc, within(1e-12 * pc));
            assertThat(connectivity.get("without").get("components").asInt()).isEqualTo(summary.get("components").asInt());
            assertThat(connectivity.get("without").get("PC_truncationBound").asDouble())
                    .isEqualTo(summary.get("PC_truncationBound").asDouble());
            JsonNode graph = connectivity.get("graph");
            for (String setting : List.of("minProbability", "linkCutoff_m", "iicThreshold_m", "minPatchArea_ha",
                    "dispersalDistance_m", "k_per_m")) {
                assertThat(graph.get(setting).asDouble()).as(setting).isEqualTo(summary.get(setting).asDouble());
            }
            assertThat(graph.get("minProbability").asDouble()).isEqualTo(GraphSettings.DEFAULT_MIN_PROBABILITY);
            assertThat(graph.get("minPatchArea_ha").asDouble()).isEqualTo(GraphSettings.DEFAULT_MIN_PATCH_AREA_HA);
            assertThat(summary.get("components").asInt()).isBetween(1, summary.get("patches").asInt());
        }
    }

    @Test
    void theTruncationBoundCoversWhatALowerCutoffAdds() throws Exception {
        for (String subNetwork : List.of("woodland", "grassland", "wetland", "aquatic")) {
            // patches of habitat make a near-complete graph at 1e-9 on the dense sub-networks: reservoirs there
            for (String source : subNetwork.equals("wetland") ? List.of("reservoirs", "habitat") : List.of("reservoirs")) {
                JsonNode byDefault = connectivitySummary("subNetwork", subNetwork, "patchSource", source, "importance", "false");
                JsonNode fine = connectivitySummary("subNetwork", subNetwork, "patchSource", source, "importance", "false",
                        "minProbability", "1e-9");
                String where = subNetwork + " " + source;
                double added = fine.get("PC").asDouble() - byDefault.get("PC").asDouble();
                assertThat(added).as(where).isGreaterThanOrEqualTo(-1e-12 * fine.get("PC").asDouble());
                assertThat(byDefault.get("PC_truncationBound").asDouble()).as(where)
                        .isGreaterThanOrEqualTo(added * (1 - 1e-9));
                assertThat(fine.get("PC_truncationBound").asDouble()).as(where)
                        .isLessThanOrEqualTo(byDefault.get("PC_truncationBound").asDouble());
                assertThat(fine.get("IIC").asDouble()).as(where + ": IIC does not depend on the cut-off")
                        .isCloseTo(byDefault.get("IIC").asDouble(), within(1e-12));
            }
        }
    }

    @Test
    void iicStaysWhatItsThresholdSaysAboveOneHalf() throws Exception {
        JsonNode half = connectivitySummary("subNetwork", "grassland", "importance", "false", "minProbability", "0.5");
        JsonNode high = connectivitySummary("subNetwork", "grassland", "importance", "false", "minProbability", "0.9");
        assertThat(high.get("linkCutoff_m").asDouble()).isLessThan(high.get("iicThreshold_m").asDouble());
        assertThat(high.get("IIC").asDouble()).isCloseTo(half.get("IIC").asDouble(), within(1e-12));
        assertThat(high.get("PC").asDouble()).isLessThanOrEqualTo(half.get("PC").asDouble());
    }
}
