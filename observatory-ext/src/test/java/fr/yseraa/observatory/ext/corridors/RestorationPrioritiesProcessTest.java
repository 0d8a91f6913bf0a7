package fr.yseraa.observatory.ext.corridors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.xml.OgcSchemas;
import fr.yseraa.observatory.ext.ObservatoryDatabase;
import fr.yseraa.observatory.wps.process.InputValue;
import fr.yseraa.observatory.wps.process.ProcessResult;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.ls.LSInput;

/**
 * obs:RestorationPriorities on a hand-made landscape whose right order is known, then on the demo.
 *
 * <p>Five woodland reservoirs 1 000 m apart or more, studied with a median dispersal distance of 100 m, so that no
 * link of the matrix reaches p = 0.01 (6.6 × 100 m) and only corridors join them:
 *
 * <pre>
 *                      R5 (9 ha)
 *                        |  (no corridor: 1 000 m, the one new link under 1 200 m)
 *  R4 (4) ==C3== R1 (100) ==C1== R2 (100) ==C2== R3 (25)
 *       local road      motorway        primary road       (+ a weir inside C1: no effect on woodland species)
 * </pre>
 *
 * Today p*(4,1) = 0.7, p*(1,2) = 0.05, p*(2,3) = 0.2 (the obstacles' permeabilities), and along the chain
 * p*(4,2) = 0.035, p*(1,3) = 0.01, p*(4,3) = 0.007; R5 is alone. PC's numerator Σ a_i·a_j·p*_ij:
 * 20 722 (Σ a_i²) + 2 × (500 + 500 + 280 + 14 + 25 + 0.7) = 23 361.4, ECA = 152.84 ha.
 * <ul>
 * <li>the motorway passable: p*(1,2) = 1 → 2 × (10 000 + 500 + 280 + 280 + 500 + 14) + 20 722 = 43 870, ECA 209.45 ha;
 * <li>the primary road: p*(2,3) = 1 → 2 × (500 + 2 500 + 280 + 14 + 125 + 3.5) + 20 722 = 27 567, ECA 166.03 ha;
 * <li>a corridor R2–R5: p*(2,5) = 1 → 23 361.4 + 2 × (900 + 45 + 45 + 1.26) = 25 343.92, ECA 159.20 ha;
 * <li>the local road: p*(4,1) = 1 → 2 × (500 + 500 + 400 + 20 + 25 + 1) + 20 722 = 23 614, ECA 153.67 ha.
 * </ul>
 * So the order is motorway, primary road, new corridor, local road, and the weir is no action.
 */
class RestorationPrioritiesProcessTest {

    private static DataSource hand;
    private final RestorationPrioritiesProcess process = new RestorationPrioritiesProcess();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void landscape() throws Exception {
        hand = ObservatoryDatabase.empty("restoration");
        ObservatoryDatabase.execute(hand,
                "INSERT INTO territory.protected_site (kind, name, geom) VALUES"
                        + " ('project_area', 'T', ST_Multi(ST_MakeEnvelope(-2000, -1000, 6000, 3000, 2154)))",
                "INSERT INTO landscape.reservoir (id, name, sub_network, geom) VALUES"
                        + " (1, 'R1', 'woodland', ST_Multi(ST_MakeEnvelope(0, 0, 1000, 1000, 2154))),"
                        + " (2, 'R2', 'woodland', ST_Multi(ST_MakeEnvelope(2000, 0, 3000, 1000, 2154))),"
                        + " (3, 'R3', 'woodland', ST_Multi(ST_MakeEnvelope(4000, 0, 4500, 500, 2154))),"
                        + " (4, 'R4', 'woodland', ST_Multi(ST_MakeEnvelope(-1200, 0, -1000, 200, 2154))),"
                        + " (5, 'R5', 'woodland', ST_Multi(ST_MakeEnvelope(2000, 2000, 2300, 2300, 2154)))",
                "INSERT INTO landscape.corridor (id, name, sub_network, from_reservoir, to_reservoir, width_m, axis, geom) VALUES"
                        + " (11, 'C1', 'woodland', 1, 2, 50, ST_GeomFromText('LINESTRING(1000 500, 2000 500)', 2154),"
                        + "  ST_Multi(ST_MakeEnvelope(1000, 475, 2000, 525, 2154))),"
                        + " (12, 'C2', 'woodland', 2, 3, 50, ST_GeomFromText('LINESTRING(3000 250, 4000 250)', 2154),"
                        + "  ST_Multi(ST_MakeEnvelope(3000, 225, 4000, 275, 2154))),"
                        + " (13, 'C3', 'woodland', 4, 1, 50, ST_GeomFromText('LINESTRING(-1000 100, 0 100)', 2154),"
                        + "  ST_Multi(ST_MakeEnvelope(-1000, 75, 0, 125, 2154)))",
                "INSERT INTO landscape.obstacle (id, kind, class, name, geom) VALUES"
                        + " (21, 'road', 'motorway', 'A26', ST_GeomFromText('LINESTRING(1500 0, 1500 1000)', 2154)),"
                        + " (22, 'road', 'primary', 'D928', ST_GeomFromText('LINESTRING(3500 0, 3500 500)', 2154)),"
                        + " (23, 'road', 'local', NULL, ST_GeomFromText('LINESTRING(-500 0, -500 200)', 2154)),"
                        + " (24, 'weir', 'weir', 'Seuil', ST_GeomFromText('POINT(1200 500)', 2154))");
    }

    private ProcessResult run(DataSource ds, String... inputs) {
        Map<String, List<InputValue>> given = DemoProcesses.literals(inputs);
        return DemoProcesses.runOn(ds, process, given, Caller.anonymous());
    }

    /** Σ_i a_i² + 2 Σ_{i<j} a_i·a_j·p*_ij over the pairs given as (i, j, p*), areas of R1..R5. */
    private static double numerator(double[]... pairs) {
        double[] a = {0, 100, 100, 25, 4, 9};
        double sum = 0;
        for (int i = 1; i <= 5; i++) {
            sum += a[i] * a[i];
        }
        for (double[] p : pairs) {
            sum += 2 * a[(int) p[0]] * a[(int) p[1]] * p[2];
        }
        return sum;
    }

    @Test
    void theActionsOfAHandMadeLandscapeComeInTheirKnownOrderWithTheirHandComputedGains() throws Exception {
        ProcessResult r = run(hand, "subNetwork", "woodland", "dispersalDistance", "100", "maxNewLinkDistance", "1200");
        JsonNode report = json.readTree(DemoProcesses.complex(r, "ranking", "application/json"));
        double today = numerator(new double[] {4, 1, 0.7}, new double[] {1, 2, 0.05}, new double[] {2, 3, 0.2},
                new double[] {4, 2, 0.035}, new double[] {1, 3, 0.01}, new double[] {4, 3, 0.007});
        assertThat(today).isCloseTo(23_361.4, within(1e-9));
        assertThat(Double.parseDouble(DemoProcesses.literal(r, "ECA"))).isCloseTo(Math.sqrt(today), within(1e-9));
        assertThat(report.at("/present/ECA_ha").asDouble()).isCloseTo(Math.sqrt(today), within(1e-9));
        assertThat(report.at("/present/components").asInt()).isEqualTo(2);
        assertThat(report.at("/reservoirsWithoutCorridors/ECA_ha").asDouble()).isCloseTo(Math.sqrt(20_722), within(1e-9));
        assertThat(report.get("permeability").get("motorway").asDouble()).isEqualTo(0.05);

        double[] after = {
            numerator(new double[] {4, 1, 0.7}, new double[] {1, 2, 1}, new double[] {2, 3, 0.2},
                    new double[] {4, 2, 0.7}, new double[] {1, 3, 0.2}, new double[] {4, 3, 0.14}),
            numerator(new double[] {4, 1, 0.7}, new double[] {1, 2, 0.05}, new double[] {2, 3, 1},
                    new double[] {4, 2, 0.035}, new double[] {1, 3, 0.05}, new double[] {4, 3, 0.035}),
            today + numerator(new double[] {2, 5, 1}, new double[] {1, 5, 0.05}, new double[] {3, 5, 0.2},
                    new double[] {4, 5, 0.035}) - numerator(),
            numerator(new double[] {4, 1, 1}, new double[] {1, 2, 0.05}, new double[] {2, 3, 0.2},
                    new double[] {4, 2, 0.05}, new double[] {1, 3, 0.01}, new double[] {4, 3, 0.01})};
        assertThat(after).containsExactly(new double[] {43_870, 27_567, 25_343.92, 23_614}, within(1e-9));
        List<String> ids = new ArrayList<>();
        JsonNode actions = report.get("actions");
        for (int i = 0; i < actions.size(); i++) {
            JsonNode a = actions.get(i);
            ids.add(a.get("id").asText());
            double gain = Math.sqrt(after[i]) - Math.sqrt(today);
            assertThat(a.get("rank").asInt()).isEqualTo(i + 1);
            assertThat(a.get("ecaGain_ha").asDouble()).as(a.toString()).isCloseTo(gain, within(1e-9));
            assertThat(a.get("ecaGain_pct").asDouble()).isCloseTo(100 * gain / Math.sqrt(today), within(1e-9));
            assertThat(a.get("dPC").asDouble()).isCloseTo(100 * (after[i] - today) / after[i], within(1e-9));
        }
        assertThat(ids).containsExactly("barrier-11-21", "barrier-12-22", "link-2-5", "barrier-13-23");
        assertThat(actions.get(0).get("reservoirs")).extracting(JsonNode::asText).containsExactly("1", "2");
        assertThat(actions.get(0).get("probabilityBefore").asDouble()).isCloseTo(0.05, within(1e-12));
        assertThat(actions.get(0).get("probabilityAfter").asDouble()).isCloseTo(1, within(1e-12));
        assertThat(actions.get(0).get("action").asText()).contains("autoroute", "A26", "corridor 11");
        assertThat(actions.get(2).get("distance_m").asDouble()).isCloseTo(1000, within(1e-9));
        assertThat(actions.get(2).get("probabilityBefore").asDouble()).isCloseTo(Math.pow(0.5, 10), within(1e-12));

        String csv = DemoProcesses.complex(r, "ranking", "text/csv");
        assertThat(csv.lines().toList()).hasSize(5).first().asString().startsWith("id,rank,kind,action,ecaGain_ha");
        JsonNode features = json.readTree(DemoProcesses.complex(r, "actions", "application/geo+json"));
        assertThat(features.get("features")).hasSize(4);
        assertThat(features.at("/features/0/geometry/type").asText()).isEqualTo("MultiPoint");
        assertThat(features.at("/features/2/geometry/type").asText()).isEqualTo("LineString");
        String gml = DemoProcesses.complex(r, "actions", "application/gml+xml");
        assertThat(validate(gml)).isEmpty();
        assertThat(gml).contains("<obs:rank>1</obs:rank>", "urn:ogc:def:crs:EPSG::2154", "1500");


        // a bound under 1 000 m leaves out the new corridor, and maxActions cuts the list
        JsonNode shorter = json.readTree(DemoProcesses.complex(run(hand, "subNetwork", "woodland", "dispersalDistance",
                "100", "maxNewLinkDistance", "999", "maxActions", "2"), "ranking", "application/json"));
        assertThat(shorter.get("candidates").asInt()).isEqualTo(3);
        assertThat(shorter.get("actions")).extracting(a -> a.get("id").asText())
                .containsExactly("barrier-11-21", "barrier-12-22");
    }

    /**
     * The methodology sheet in the data directory has every field of an indicator sheet, and states the
     * permeabilities the process uses (each class below 1, in French figures).
     */
    @Test
    void theMethodologySheetStatesThePermeabilitiesInUse() throws Exception {
        Map<String, Object> sheet;
        try (var in = java.nio.file.Files.newInputStream(ObservatoryDatabase.projectRoot()
                .resolve("data-dir/methodology/restoration_priorities.yaml"))) {
            sheet = new org.yaml.snakeyaml.Yaml().load(in);
        }
        assertThat(sheet).containsKeys("title", "definition", "objective", "method", "spatialUnits", "sources",
                "updateFrequency", "interpretation", "limits", "protocol").containsEntry("process", "obs:RestorationPriorities");
        String method = (String) sheet.get("method");
        for (String subNetwork : List.of("woodland", "aquatic")) {
            BarrierPermeability.table(subNetwork).forEach((obstacleClass, p) -> {
                if (p < 1) {
                    assertThat(method).contains(BarrierPermeability.label(obstacleClass) + " "
                            + Double.toString(p).replace('.', ','));
                }
            });
        }
        assertThat((String) sheet.get("interpretation")).contains("ne s'additionnent pas");
    }

    /** The GML against the process's application schema and GML 3.2.1, offline. */
    private static List<String> validate(String gml) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
            String absolute = baseUri == null ? systemId : java.net.URI.create(baseUri).resolve(systemId).toString();
            if (!absolute.startsWith("http://schemas.opengis.net/") && !absolute.startsWith("http://www.w3.org/")) {
                return null;
            }
            return input(absolute);
        });
        URL xsd = RestorationPrioritiesProcess.class.getResource("restoration-actions.xsd");
        Validator validator = factory.newSchema(xsd).newValidator();
        List<String> problems = new ArrayList<>();
        validator.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void error(org.xml.sax.SAXParseException e) {
                problems.add(e.getLineNumber() + ": " + e.getMessage());
            }
        });
        validator.validate(new StreamSource(new StringReader(gml)));
        return problems;
    }

    private static LSInput input(String officialUrl) {
        try {
            var ls = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation();
            LSInput in = ((org.w3c.dom.ls.DOMImplementationLS) ls).createLSInput();
            in.setSystemId(officialUrl);
            in.setByteStream(OgcSchemas.localCopy(officialUrl).openStream());
            return in;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theDemoSubNetworksGetTheirActionsRankedByGain() throws Exception {
        DemoProcesses.init();
        for (String subNetwork : List.of("wetland", "woodland", "aquatic")) {
            long start = System.nanoTime();
            ProcessResult r = run(DemoProcesses.dataSource(), "subNetwork", subNetwork, "maxActions", "10");
            JsonNode report = json.readTree(DemoProcesses.complex(r, "ranking", "application/json"));
            System.out.printf("%s: %d reservoirs, %d corridors, %d crossings, %d candidates with a gain in %d ms, components %s; first: %s%n",
                    subNetwork, report.get("reservoirs").asInt(), report.get("corridors").asInt(),
                    report.get("crossings").asInt(), report.get("candidatesWithGain").asInt(),
                    (System.nanoTime() - start) / 1_000_000, report.at("/present/components"), report.at("/actions/0"));
            JsonNode actions = report.get("actions");
            assertThat(actions.size()).as(subNetwork).isEqualTo(Math.min(10, report.get("candidatesWithGain").asInt()));
            assertThat(report.get("candidatesWithGain").asInt()).isLessThanOrEqualTo(report.get("candidates").asInt());
            if (!subNetwork.equals("aquatic")) { // its reservoirs are all joined by corridors no obstacle crosses
                assertThat(actions.size()).as(subNetwork).isPositive();
            }
            double previous = Double.POSITIVE_INFINITY;
            for (JsonNode a : actions) {
                assertThat(a.get("ecaGain_ha").asDouble()).as(subNetwork).isPositive()
                        .isLessThanOrEqualTo(previous);
                previous = a.get("ecaGain_ha").asDouble();
                assertThat(a.get("probabilityAfter").asDouble()).isGreaterThan(a.get("probabilityBefore").asDouble());
            }
            assertThat(report.at("/present/ECA_ha").asDouble())
                    .isGreaterThanOrEqualTo(report.at("/reservoirsWithoutCorridors/ECA_ha").asDouble());
            assertThat(validate(DemoProcesses.complex(r, "actions", "application/gml+xml"))).as(subNetwork).isEmpty();
        }
    }
}
