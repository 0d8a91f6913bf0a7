package fr.yseraa.observatory.ext.corridors;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryString;
import static fr.yseraa.observatory.ext.corridors.DemoProcesses.complex;
import static fr.yseraa.observatory.ext.corridors.DemoProcesses.literal;
import static fr.yseraa.observatory.ext.corridors.DemoProcesses.literals;
import static fr.yseraa.observatory.ext.corridors.DemoProcesses.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.ext.sinp.SensitivityPolicy;
import fr.yseraa.observatory.wps.process.InputValue;
import fr.yseraa.observatory.wps.process.ProcessResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** obs:CorridorIndicators on the demo corridors. */
class CorridorIndicatorsProcessTest {

    static final Caller PUBLIC = Caller.anonymous();
    static final Caller INSTRUCTOR = new Caller("instructeur", Set.of(SensitivityPolicy.INSTRUCTOR));
    private static List<Integer> corridors;

    private final CorridorIndicatorsProcess process = new CorridorIndicatorsProcess();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void demo() throws Exception {
        DemoProcesses.init();
        corridors = new ArrayList<>();
        // two corridors of each sub-network, and the one with the most occurrences inside
        try (Connection c = DemoProcesses.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY sub_network ORDER BY id) AS n
                                     FROM landscape.corridor) s WHERE n <= 2
                     UNION
                     (SELECT c.id FROM landscape.corridor c JOIN sinp.occurrence o ON ST_CoveredBy(o.geom, c.geom)
                      GROUP BY c.id ORDER BY count(*) DESC LIMIT 1)
                     ORDER BY 1""")) {
            while (rs.next()) {
                corridors.add(rs.getInt(1));
            }
        }
    }

    private JsonNode report(Map<String, List<InputValue>> inputs, Caller caller) throws Exception {
        return json.readTree(complex(run(process, inputs, caller), "report", "application/json"));
    }

    /** Occurrences present whose geometry (the exact one, or what the public sees) lies inside the corridor. */
    private static long sqlCount(int corridor, String geometryColumn, String visibleRows) throws Exception {
        return queryLong(DemoProcesses.dataSource(), "SELECT count(*) FROM sinp.occurrence o, landscape.corridor c"
                + " WHERE c.id = " + corridor + " AND o.statut_observation = 'Pr' AND " + visibleRows
                + " AND ST_CoveredBy(o." + geometryColumn + ", c.geom)");
    }

    /** The connectivity is computed with no connection held: the pool serves others meanwhile. */
    @Test
    void noConnectionIsHeldWhileTheConnectivityIsComputed() {
        HeldConnections held = new HeldConnections(DemoProcesses.dataSource());
        ProcessResult r = DemoProcesses.runOn(held.dataSource(), new CorridorIndicatorsProcess(),
                literals("corridor", Integer.toString(corridors.get(0))), PUBLIC, held.budget());
        assertThat(literal(r, "dPC")).isNotBlank();
        assertThat(held.atComputation()).as("connections open at the computation's checkpoints").isNotEmpty()
                .containsOnly(0);
    }

    @Test
    void everyDemoCorridorGetsASaneReport() throws Exception {
        assertThat(corridors).hasSizeGreaterThan(3);
        for (int id : corridors) {
            long start = System.nanoTime();
            JsonNode r = report(literals("corridor", Integer.toString(id)), PUBLIC);
            System.out.println("corridor " + id + ": " + (System.nanoTime() - start) / 1_000_000 + " ms");
            String label = "corridor " + id;
            double width = Double.parseDouble(queryString(DemoProcesses.dataSource(),
                    "SELECT width_m FROM landscape.corridor WHERE id = " + id));
            JsonNode g = r.get("geometry");
            assertThat(g.get("axisLength_m").asDouble()).as(label).isPositive();
            assertThat(g.get("area_ha").asDouble() * 10000).as(label)
                    .isCloseTo(g.get("axisLength_m").asDouble() * width, within(g.get("axisLength_m").asDouble() * width * 0.01));
            assertThat(g.get("meanWidth_m").asDouble()).as(label).isCloseTo(width, within(width * 0.02));
            assertThat(g.get("narrowestWidth_m").asDouble()).as(label).isPositive()
                    .isLessThanOrEqualTo(g.get("meanWidth_m").asDouble() + 1e-9);
            double shares = 0;
            for (JsonNode c : r.get("habitat").get("composition")) {
                shares += c.get("share").asDouble();
            }
            assertThat(shares).as(label).isCloseTo(1, within(0.02));
            assertThat(r.get("habitat").get("continuity").asDouble()).as(label).isBetween(0.0, 1.0 + 1e-9);
            assertThat(r.get("fragmentation").get("meff_ha").asDouble()).as(label).isPositive()
                    .isLessThanOrEqualTo(g.get("area_ha").asDouble() * (1 + 1e-9));
            JsonNode k = r.get("connectivity");
            assertThat(k.get("dPC").asDouble()).as(label).isGreaterThanOrEqualTo(0).isLessThan(100);
            assertThat(k.get("PC_with").asDouble()).isGreaterThanOrEqualTo(k.get("PC_without").asDouble());
            assertThat(k.get("ECA_with_ha").asDouble()).isGreaterThanOrEqualTo(k.get("ECA_without_ha").asDouble());
            assertThat(k.get("joinedReservoirs")).as(label).hasSizeGreaterThanOrEqualTo(2);
            assertThat(r.get("barriers").get("crossings").asInt()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void occurrencesAreCountedOnWhatTheCallerMaySee() throws Exception {
        long publicTotal = 0;
        long instructorTotal = 0;
        for (int id : corridors) {
            JsonNode forPublic = report(literals("corridor", Integer.toString(id)), PUBLIC).get("biodiversity");
            JsonNode forInstructor = report(literals("corridor", Integer.toString(id)), INSTRUCTOR).get("biodiversity");
            assertThat(forPublic.get("visible").asBoolean()).isTrue();
            // what the public sees: the diffusion geometry, never a sensitivity-4 or not-diffused occurrence
            assertThat(forPublic.get("occurrences").asLong()).as("corridor " + id)
                    .isEqualTo(sqlCount(id, "diffusion_geom", "o.diffusion_level < 4"));
            assertThat(forInstructor.get("occurrences").asLong()).as("corridor " + id)
                    .isEqualTo(sqlCount(id, "geom", "true"));
            assertThat(forPublic.get("species").asInt()).isLessThanOrEqualTo(forInstructor.get("species").asInt());
            assertThat(forPublic.get("heritageSpecies").asInt()).isLessThanOrEqualTo(forInstructor.get("heritageSpecies").asInt())
                    .isLessThanOrEqualTo(forPublic.get("species").asInt());
            publicTotal += forPublic.get("occurrences").asLong();
            instructorTotal += forInstructor.get("occurrences").asLong();
        }
        assertThat(instructorTotal).isPositive();
        assertThat(publicTotal).isLessThan(instructorTotal);
    }

    @Test
    void aDrawnAxisGetsTheSameFiguresAsTheCorridorItFollows() throws Exception {
        int id = corridors.get(0);
        String axis = queryString(DemoProcesses.dataSource(), "SELECT ST_AsText(axis) FROM landscape.corridor WHERE id = " + id);
        String width = queryString(DemoProcesses.dataSource(), "SELECT width_m FROM landscape.corridor WHERE id = " + id);
        String subNetwork = queryString(DemoProcesses.dataSource(), "SELECT sub_network FROM landscape.corridor WHERE id = " + id);
        var inputs = literals("width", width, "subNetwork", subNetwork);
        inputs.put("geometry", List.of(new InputValue.Complex(axis, "application/wkt")));
        JsonNode drawn = report(inputs, PUBLIC);
        JsonNode stored = report(literals("corridor", Integer.toString(id)), PUBLIC);
        assertThat(drawn.get("geometry").get("axisLength_m").asDouble())
                .isCloseTo(stored.get("geometry").get("axisLength_m").asDouble(), within(1e-6));
        assertThat(drawn.get("geometry").get("area_ha").asDouble())
                .isCloseTo(stored.get("geometry").get("area_ha").asDouble(), within(1e-6));
        assertThat(drawn.get("connectivity").get("dPC").asDouble())
                .isCloseTo(stored.get("connectivity").get("dPC").asDouble(), within(1e-9));

        String gml = queryString(DemoProcesses.dataSource(),
                "SELECT ST_AsGML(3, axis, 6, 0, null, null) FROM landscape.corridor WHERE id = " + id)
                .replaceFirst("^<gml:(\\w+)", "<gml:$1 xmlns:gml=\"http://www.opengis.net/gml/3.2\"");
        assertThat(gml).contains("srsName=\"EPSG:2154\"");
        var byGml = literals("width", width, "subNetwork", subNetwork);
        byGml.put("geometry", List.of(new InputValue.Complex(gml, "application/gml+xml")));
        assertThat(report(byGml, PUBLIC).get("geometry").get("axisLength_m").asDouble())
                .isCloseTo(stored.get("geometry").get("axisLength_m").asDouble(), within(1e-3));

        String polygon = queryString(DemoProcesses.dataSource(),
                "SELECT ST_AsGeoJSON(ST_Transform(geom, 4326), 9) FROM landscape.corridor WHERE id = " + id);
        var byPolygon = literals("subNetwork", subNetwork);
        byPolygon.put("geometry", List.of(new InputValue.Complex(polygon, "application/geo+json")));
        JsonNode p = report(byPolygon, PUBLIC);
        assertThat(p.get("geometry").get("area_ha").asDouble())
                .isCloseTo(stored.get("geometry").get("area_ha").asDouble(), within(stored.get("geometry").get("area_ha").asDouble() * 1e-3));
    }

    @Test
    void badInputsNameTheInput() {
        assertFails(literals("corridor", "999999"), OwsExceptionCode.INVALID_PARAMETER_VALUE, "corridor");
        assertFails(literals(), OwsExceptionCode.MISSING_PARAMETER_VALUE, "corridor");
        assertFails(literals("corridor", "1", "dispersalDistance", "-100"), OwsExceptionCode.INVALID_PARAMETER_VALUE,
                "dispersalDistance");
        var noGroup = literals();
        noGroup.put("geometry", List.of(new InputValue.Complex("LINESTRING(652000 7070000, 653000 7071000)", "application/wkt")));
        assertFails(noGroup, OwsExceptionCode.MISSING_PARAMETER_VALUE, "subNetwork");
        for (String bad : List.of("POLYGON((652000 7070000, 653000 7071000, 653000 7070000, 652000 7071000, 652000 7070000))",
                "POLYGON EMPTY", "POINT(652000 7070000)", "LINESTRING(100000 100000, 100100 100100)", "not a geometry")) {
            var inputs = literals("subNetwork", "wetland");
            inputs.put("geometry", List.of(new InputValue.Complex(bad, "application/wkt")));
            assertFails(inputs, OwsExceptionCode.INVALID_PARAMETER_VALUE, "geometry");
        }
    }

    private void assertFails(Map<String, List<InputValue>> inputs, OwsExceptionCode code, String locator) {
        assertThatThrownBy(() -> run(process, inputs, PUBLIC)).isInstanceOfSatisfying(OwsException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.locator()).as(e.getMessage()).isEqualTo(locator);
        });
    }

    @Test
    void crossingsComeAsPointFeatures() throws Exception {
        for (int id : corridors) {
            ProcessResult r = run(process, literals("corridor", Integer.toString(id)), PUBLIC);
            JsonNode crossings = json.readTree(complex(r, "crossings", "application/geo+json"));
            JsonNode report = json.readTree(complex(r, "report", "application/json"));
            assertThat(crossings.get("features")).hasSize(report.get("barriers").get("crossings").asInt());
            crossings.get("features").forEach(f -> assertThat(f.get("geometry").get("type").asText()).isEqualTo("Point"));
            assertThat(Double.parseDouble(literal(r, "dPC"))).isEqualTo(report.get("connectivity").get("dPC").asDouble());
        }
    }
}
