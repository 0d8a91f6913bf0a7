package fr.yseraa.observatory.ext.corridors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.ext.ObservatoryDatabase;
import fr.yseraa.observatory.wps.process.InputValue;
import fr.yseraa.observatory.wps.process.ProcessResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** obs:Fragmentation on a synthetic territory cut into known pieces, and on the demo. */
class FragmentationProcessTest {

    private final FragmentationProcess process = new FragmentationProcess();
    private final ObjectMapper json = new ObjectMapper();

    private static ProcessResult run(FragmentationProcess p, DataSource ds, Map<String, List<InputValue>> inputs) {
        return DemoProcesses.runOn(ds, p, inputs, Caller.anonymous());
    }

    private Map<String, JsonNode> units(ProcessResult r) throws Exception {
        Map<String, JsonNode> byCode = new HashMap<>();
        for (JsonNode f : json.readTree(DemoProcesses.complex(r, "units", "application/geo+json")).get("features")) {
            byCode.put(f.get("id").asText(), f.get("properties"));
        }
        return byCode;
    }

    /**
     * Two square communes of 1 km side, A = [0, 1000]² and B = [1000, 2000] × [0, 1000] (100 ha each), forming the
     * territory; a motorway (30 m wide) runs north–south at x = 300, through A only. The open land is then
     * P1 = [0, 285] × [0, 1000] (28.5 ha) and P2 = [315, 2000] × [0, 1000] (168.5 ha).
     *
     * <pre>
     * A, cutting-out: (28.5² + 68.5²) / 100 = (812.25 + 4692.25) / 100 = 55.045 ha
     * A, cross-boundary: (28.5 × 28.5 + 68.5 × 168.5) / 100 = (812.25 + 11542.25) / 100 = 123.545 ha
     * B, cutting-out: 100² / 100 = 100 ha; cross-boundary: 100 × 168.5 / 100 = 168.5 ha
     * whole territory: (28.5² + 168.5²) / 200 = (812.25 + 28392.25) / 200 = 146.0225 ha
     * </pre>
     * A local road (not among the default barriers) crossing B changes nothing until it is chosen.
     */
    @Test
    void aSyntheticSquareCutInKnownPieces() throws Exception {
        DataSource ds = ObservatoryDatabase.empty("fragmentation");
        ObservatoryDatabase.execute(ds,
                "INSERT INTO territory.commune (insee, name, departement_code, geom) VALUES"
                        + " ('62001', 'A', '62', ST_Multi(ST_MakeEnvelope(0, 0, 1000, 1000, 2154))),"
                        + " ('62002', 'B', '62', ST_Multi(ST_MakeEnvelope(1000, 0, 2000, 1000, 2154)))",
                "INSERT INTO territory.protected_site (kind, name, geom) VALUES"
                        + " ('project_area', 'T', ST_Multi(ST_MakeEnvelope(0, 0, 2000, 1000, 2154)))",
                "INSERT INTO landscape.obstacle (kind, class, name, geom) VALUES"
                        + " ('road', 'motorway', 'M', ST_GeomFromText('LINESTRING(300 -500, 300 1500)', 2154)),"
                        + " ('road', 'local', 'L', ST_GeomFromText('LINESTRING(1500 -500, 1500 1500)', 2154))");
        ProcessResult r = run(process, ds, DemoProcesses.literals());
        Map<String, JsonNode> units = units(r);
        assertThat(units.get("62001").get("meff_ha").asDouble()).isCloseTo(55.045, within(1e-6));
        assertThat(units.get("62001").get("meff_cbc_ha").asDouble()).isCloseTo(123.545, within(1e-6));
        assertThat(units.get("62001").get("pieces").asInt()).isEqualTo(2);
        assertThat(units.get("62002").get("meff_ha").asDouble()).isCloseTo(100, within(1e-6));
        assertThat(units.get("62002").get("meff_cbc_ha").asDouble()).isCloseTo(168.5, within(1e-6));
        assertThat(Double.parseDouble(DemoProcesses.literal(r, "meff"))).isCloseTo(146.0225, within(1e-6));

        // with local roads too, B is cut at x = 1500 (6 m wide): [1000, 1497] and [1503, 2000], 49.7 ha each
        ProcessResult local = run(process, ds, DemoProcesses.literals("barrierClasses", "motorway", "barrierClasses", "local"));
        assertThat(units(local).get("62002").get("meff_ha").asDouble()).isCloseTo(2 * 49.7 * 49.7 / 100, within(1e-6));
    }

    @Test
    void everyDemoCommuneHasAMeshNoLargerThanItself() throws Exception {
        DemoProcesses.init();
        ProcessResult r = run(process, DemoProcesses.dataSource(), DemoProcesses.literals());
        Map<String, JsonNode> units = units(r);
        assertThat(units).hasSizeGreaterThan(10);
        units.forEach((code, u) -> {
            assertThat(u.get("meff_ha").asDouble()).as(code).isPositive()
                    .isLessThanOrEqualTo(u.get("area_ha").asDouble() * (1 + 1e-9))
                    .isLessThanOrEqualTo(u.get("meff_cbc_ha").asDouble() * (1 + 1e-9));
        });
        ProcessResult cells = run(process, DemoProcesses.dataSource(), DemoProcesses.literals("unitType", "maille_10km"));
        assertThat(units(cells).keySet()).allMatch(code -> code.startsWith("10kmL93"));
    }
}
