package fr.yseraa.observatory.ext.corridors;

import static fr.yseraa.observatory.ext.corridors.DemoProcesses.complex;
import static fr.yseraa.observatory.ext.corridors.DemoProcesses.literal;
import static fr.yseraa.observatory.ext.corridors.DemoProcesses.literals;
import static fr.yseraa.observatory.ext.corridors.DemoProcesses.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wps.process.InputValue;
import fr.yseraa.observatory.wps.process.ProcessResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** obs:Connectivity on the demo observatory. */
class ConnectivityProcessTest {

    private final ConnectivityProcess process = new ConnectivityProcess();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void demo() throws Exception {
        DemoProcesses.init();
    }

    @Test
    void everySubNetworkGivesSaneIndices() throws Exception {
        for (String subNetwork : List.of("wetland", "woodland", "grassland", "aquatic")) {
            long start = System.nanoTime();
            // patch importance is checked on the two smaller sub-networks (the dense ones take minutes)
            boolean importance = subNetwork.equals("wetland") || subNetwork.equals("aquatic");
            ProcessResult r = run(process, literals("subNetwork", subNetwork, "importance", Boolean.toString(importance)),
                    Caller.anonymous());
            JsonNode summary = json.readTree(complex(r, "summary", "application/json"));
            System.out.println(subNetwork + ": " + summary.get("patches") + " patches, " + summary.get("links")
                    + " links, " + (System.nanoTime() - start) / 1_000_000 + " ms");
            double eca = Double.parseDouble(literal(r, "ECA"));
            double pc = Double.parseDouble(literal(r, "PC"));
            double iic = Double.parseDouble(literal(r, "IIC"));
            double habitat = summary.get("habitatArea_ha").asDouble();
            double landscape = summary.get("landscapeArea_ha").asDouble();
            assertThat(summary.get("patches").asInt()).as(subNetwork).isPositive();
            assertThat(eca).as(subNetwork).isPositive().isLessThanOrEqualTo(habitat * (1 + 1e-12));
            assertThat(habitat).isLessThan(landscape);
            assertThat(pc).isCloseTo(eca * eca / (landscape * landscape), org.assertj.core.api.Assertions.within(1e-12));
            assertThat(iic).isPositive().isLessThanOrEqualTo(1);
            JsonNode patches = json.readTree(complex(r, "patches", "application/geo+json"));
            assertThat(patches.get("features")).hasSize(summary.get("patches").asInt());
            for (JsonNode f : patches.get("features")) {
                JsonNode p = f.get("properties");
                assertThat(f.get("geometry").get("type").asText()).isIn("Polygon", "MultiPolygon");
                if (!importance) {
                    assertThat(p.get("dPC").isNull()).isTrue();
                    continue;
                }
                assertThat(p.get("dPC").asDouble()).isBetween(0.0, 100.0 + 1e-9);
                assertThat(p.get("dPC_intra").asDouble() + p.get("dPC_flux").asDouble() + p.get("dPC_connector").asDouble())
                        .isCloseTo(p.get("dPC").asDouble(), org.assertj.core.api.Assertions.within(1e-9));
            }
            JsonNode links = json.readTree(complex(r, "links", "application/geo+json"));
            assertThat(links.get("features")).hasSize(summary.get("links").asInt());
        }
    }

    @Test
    void reservoirsAsNodesAndCsvOutput() {
        ProcessResult r = run(process, literals("subNetwork", "woodland", "patchSource", "reservoirs"), Caller.anonymous());
        String csv = complex(r, "patches", "text/csv");
        assertThat(csv).startsWith("id,area_ha,dPC,dPC_intra,dPC_flux,dPC_connector\n");
        assertThat(csv.lines().count()).isGreaterThan(1);
    }

    @Test
    void aDrawnAreaNarrowsTheLandscape() throws Exception {
        var inputs = literals("subNetwork", "wetland");
        // a 6 km square around the marsh, in Lambert-93
        inputs.put("area", List.of(new InputValue.Complex(
                "POLYGON((650000 7068000, 656000 7068000, 656000 7074000, 650000 7074000, 650000 7068000))", "application/wkt")));
        ProcessResult r = run(process, inputs, Caller.anonymous());
        JsonNode summary = json.readTree(complex(r, "summary", "application/json"));
        assertThat(summary.get("landscapeArea_ha").asDouble()).isCloseTo(3600, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void badAreasAreRefusedNamingTheInput() {
        var bowtie = literals("subNetwork", "wetland");
        bowtie.put("area", List.of(new InputValue.Complex("POLYGON((650000 7068000, 656000 7074000, 656000 7068000, 650000 7074000, 650000 7068000))", "application/wkt")));
        assertThatThrownBy(() -> run(process, bowtie, Caller.anonymous())).isInstanceOfSatisfying(OwsException.class,
                e -> assertThat(e.locator()).isEqualTo("area"));
        var far = literals("subNetwork", "wetland");
        far.put("area", List.of(new InputValue.Complex("{\"type\":\"Polygon\",\"coordinates\":[[[5,45],[5.1,45],[5.1,45.1],[5,45]]]}", "application/geo+json")));
        assertThatThrownBy(() -> run(process, far, Caller.anonymous())).isInstanceOfSatisfying(OwsException.class,
                e -> assertThat(e).hasMessageContaining("outside"));
        var garbage = literals("subNetwork", "wetland");
        garbage.put("area", List.of(new InputValue.Complex("POLYGON((1 2", "application/wkt")));
        assertThatThrownBy(() -> run(process, garbage, Caller.anonymous())).isInstanceOfSatisfying(OwsException.class,
                e -> assertThat(e.locator()).isEqualTo("area"));
        assertThatThrownBy(() -> run(process, literals("subNetwork", "wetland", "dispersalDistance", "-5"), Caller.anonymous()))
                .isInstanceOfSatisfying(OwsException.class, e -> assertThat(e.locator()).isEqualTo("dispersalDistance"));
    }
}
