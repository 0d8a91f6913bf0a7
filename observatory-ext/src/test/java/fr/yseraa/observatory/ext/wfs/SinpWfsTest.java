package fr.yseraa.observatory.ext.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.INSTRUCTOR;
import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.wfs.WfsHarness;
import fr.yseraa.observatory.wfs.XmlAssertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/**
 * What the public gets of sinp:occurrences through WFS under the SINP sensitivity policy: the diffusion geometry, no
 * observer, nothing hidden, in answers, filters and ids.
 */
class SinpWfsTest {

    static final String FES = "xmlns=\"http://www.opengis.net/fes/2.0\"";

    static WfsHarness wfs;

    @BeforeAll
    static void setUp() throws Exception {
        wfs = ObservatoryWfs.get();
    }

    @Test
    void anonymousOccurrencesAreBlurredWithoutObserverNames() throws Exception {
        // the most sensitive occurrences the public may see first, so that blurred ones are in the page
        WfsHarness.Answer a = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "sinp:occurrences", "outputFormat", "csv", "sortBy", "diffusion_level DESC");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        String[] lines = a.text().split("\r\n");
        String header = lines[0];
        assertThat(header).doesNotContain("observateur", "determinateur").contains("diffusion_level");
        assertThat(a.text()).doesNotContain("diffusion_geom");
        Map<String, String> diffusion = wfs.queryMap("SELECT 'occurrences.' || id_sinp_occtax, ST_AsText(diffusion_geom) "
                + "FROM sinp.occurrence WHERE diffusion_level < 4");
        Map<String, String> exact = wfs.queryMap("SELECT 'occurrences.' || id_sinp_occtax, ST_AsText(geom) FROM sinp.occurrence");
        WKTReader wkt = new WKTReader();
        int blurred = 0;
        for (int i = 1; i < lines.length; i++) {
            String id = lines[i].substring(0, lines[i].indexOf(','));
            String geometry = lines[i].substring(lines[i].lastIndexOf(",\"") + 2, lines[i].length() - 1);
            assertThat(diffusion).as("a hidden occurrence was returned: " + id).containsKey(id);
            Geometry returned = wkt.read(geometry);
            assertThat(returned.equalsExact(wkt.read(diffusion.get(id)), 1e-6)).as(id).isTrue();
            if (!returned.equalsExact(wkt.read(exact.get(id)), 1e-6)) {
                blurred++;
            }
        }
        assertThat(lines.length - 1).isEqualTo(WfsHarness.MAX_FEATURES);
        assertThat(blurred).as("blurred occurrences in the page").isPositive();
    }

    @Test
    void instructorsSeeExactGeometriesAndObservers() throws Exception {
        WfsHarness.Answer a = wfs.kvp(WfsHarness.INSTRUCTOR, "service", "WFS", "version", "2.0.0",
                "request", "GetFeature", "typeNames", "sinp:occurrences", "outputFormat", "json", "count", "5",
                "sortBy", "diffusion_level DESC", "srsName", "EPSG:2154");
        assertThat(a.text()).contains("\"observateur\"");
        assertThat(a.text()).contains("\"diffusion_level\":4");
    }

    @Test
    void occurrencesAreNamedByTheirIdSinpOccTaxAndNoSerialNumberIsPublished() throws Exception {
        for (Caller caller : List.of(PUBLIC, WfsHarness.INSTRUCTOR)) {
            WfsHarness.Answer a = wfs.kvp(caller, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                    "typeNames", "sinp:occurrences", "outputFormat", "json", "count", "20");
            JsonNode features = new ObjectMapper().readTree(a.text()).path("features");
            assertThat(features).as(a.text()).hasSize(20);
            for (JsonNode f : features) {
                assertThat(f.path("id").asText()).isEqualTo("occurrences." + f.path("properties").path("id_sinp_occtax").asText());
                assertThat(f.path("properties").has("id")).as(caller.roles() + ": the table's serial key").isFalse();
            }
            WfsHarness.Answer schema = wfs.kvp(caller, "service", "WFS", "version", "2.0.0",
                    "request", "DescribeFeatureType", "typeNames", "sinp:occurrences");
            assertThat(schema.text()).contains("name=\"id_sinp_occtax\"").doesNotContain("name=\"id\"");
        }
    }

    @Test
    void theSchemaAndPropertyNameHideWhatThePublicMayNotSee() throws Exception {
        WfsHarness.Answer schema = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0",
                "request", "DescribeFeatureType", "typeNames", "sinp:occurrences");
        assertThat(schema.text()).contains("name=\"nom_scientifique\"").doesNotContain("observateur");
        assertThat(schema.text()).contains("type=\"gml:GeometryPropertyType\"");
        WfsHarness.Answer asked = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "sinp:occurrences", "propertyName", "observateur");
        assertThat(asked.status()).isEqualTo(400);
        assertThat(asked.text()).contains("InvalidParameterValue", "locator=\"propertyName\"");
        WfsHarness.Answer values = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0",
                "request", "GetPropertyValue", "typeNames", "sinp:occurrences", "valueReference", "observateur");
        assertThat(values.status()).isEqualTo(400);
        WfsHarness.Answer sorted = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "sinp:occurrences", "sortBy", "observateur");
        assertThat(sorted.status()).isEqualTo(400);
    }

    @Test
    void bboxFiltersTheGeometryThePublicSees() throws Exception {
        // a 1 m box on the exact place of a blurred occurrence the public may see finds it only if its diffusion
        // geometry covers the place (it does: the commune, cell or département around it), never by its point
        Map<String, String> one = wfs.queryMap("SELECT 'occurrences.' || id_sinp_occtax, ST_X(geom) || ',' || ST_Y(geom) "
                + "FROM sinp.occurrence WHERE diffusion_level = 2 AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 1");
        String[] xy = one.values().iterator().next().split(",");
        double x = Double.parseDouble(xy[0]);
        double y = Double.parseDouble(xy[1]);
        String bbox = (x - 0.5) + "," + (y - 0.5) + "," + (x + 0.5) + "," + (y + 0.5) + ",urn:ogc:def:crs:EPSG::2154";
        long publicHits = hits(PUBLIC, bbox);
        long instructorHits = hits(WfsHarness.INSTRUCTOR, bbox);
        long cellMates = wfs.queryLong("SELECT count(*) FROM sinp.occurrence WHERE diffusion_level < 4 AND "
                + "diffusion_geom && ST_MakeEnvelope(" + (x - 0.5) + "," + (y - 0.5) + "," + (x + 0.5) + ","
                + (y + 0.5) + ", 2154)");
        assertThat(publicHits).isEqualTo(cellMates);
        assertThat(instructorHits).isLessThan(publicHits);
    }

    private static long hits(fr.yseraa.observatory.core.access.Caller caller, String bbox) throws Exception {
        WfsHarness.Answer a = wfs.kvp(caller, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "sinp:occurrences", "resultType", "hits", "bbox", bbox);
        return Long.parseLong(XmlAssertions.parse(a.body()).getDocumentElement().getAttribute("numberMatched"));
    }

    private static long hits(Caller caller, String type, String... filter) throws Exception {
        String[] pairs = new String[10 + filter.length];
        String[] base = {"service", "WFS", "version", "2.0.0", "request", "GetFeature", "typeNames", type,
                "resultType", "hits"};
        System.arraycopy(base, 0, pairs, 0, base.length);
        System.arraycopy(filter, 0, pairs, base.length, filter.length);
        WfsHarness.Answer a = wfs.kvp(caller, pairs);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return Long.parseLong(XmlAssertions.parse(a.body()).getDocumentElement().getAttribute("numberMatched"));
    }

    private static long count(String sql) throws Exception {
        return Long.parseLong(wfs.queryMap("SELECT 'n', (" + sql + ")::text").get("n"));
    }

    @Test
    void filtersOnOccurrencesCountOnlyWhatTheCallerMaySee() throws Exception {
        long publicSensitive = count("SELECT count(*) FROM sinp.occurrence WHERE sensi_niveau = '2' AND diffusion_level < 4");
        long allSensitive = count("SELECT count(*) FROM sinp.occurrence WHERE sensi_niveau = '2'");
        assertThat(hits(PUBLIC, "sinp:occurrences", "cql_filter", "sensi_niveau = '2'")).isEqualTo(publicSensitive);
        assertThat(hits(INSTRUCTOR, "sinp:occurrences", "cql_filter", "sensi_niveau = '2'")).isEqualTo(allSensitive);
        // a filter on an attribute the public may not see is refused, as if the attribute did not exist
        WfsHarness.Answer hidden = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "sinp:occurrences", "resultType", "hits", "cql_filter", "observateur LIKE 'DUPONT%'");
        assertThat(hidden.status()).isEqualTo(400);
        assertThat(hidden.text()).contains("InvalidParameterValue", "locator=\"cql_filter\"");
        assertThat(hits(INSTRUCTOR, "sinp:occurrences", "cql_filter", "observateur LIKE 'DUPONT%'")).isPositive();
    }

    @Test
    void spatialFiltersUseTheGeometryTheCallerSees() throws Exception {
        // a 2 m box around the exact point of a sensitivity-2 occurrence, away from its cell's corners
        String point = wfs.queryMap("SELECT 'p', ST_X(geom) || ' ' || ST_Y(geom) FROM sinp.occurrence "
                + "WHERE diffusion_level = 2 AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 1").get("p");
        String[] xy = point.split(" ");
        double x = Double.parseDouble(xy[0]);
        double y = Double.parseDouble(xy[1]);
        String box = String.format(java.util.Locale.ROOT, "BBOX(geom, %.1f, %.1f, %.1f, %.1f, 'EPSG:2154')",
                x - 1, y - 1, x + 1, y + 1);
        long publicAround = hits(PUBLIC, "sinp:occurrences", "cql_filter", box);
        long cellCount = count(String.format(java.util.Locale.ROOT, "SELECT count(*) FROM sinp.occurrence WHERE "
                + "diffusion_level < 4 AND ST_Intersects(diffusion_geom, ST_MakeEnvelope(%.1f, %.1f, %.1f, %.1f, 2154))",
                x - 1, y - 1, x + 1, y + 1));
        assertThat(publicAround).isEqualTo(cellCount).isGreaterThan(1); // the whole blurred cell answers
        assertThat(hits(INSTRUCTOR, "sinp:occurrences", "cql_filter", box)).isLessThan(publicAround);
    }

    @Test
    void sensitiveOccurrencesAreNotReachableById() throws Exception {
        String hidden = wfs.queryMap("SELECT id_sinp_occtax::text, id_sinp_occtax::text FROM sinp.occurrence WHERE diffusion_level = 4 LIMIT 1")
                .keySet().iterator().next();
        WfsHarness.Answer a = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "storedQuery_id", "urn:ogc:def:query:OGC-WFS::GetFeatureById", "id", "occurrences." + hidden);
        assertThat(a.status()).isEqualTo(404);
        WfsHarness.Answer instructor = wfs.kvp(INSTRUCTOR, "service", "WFS", "version", "2.0.0",
                "request", "GetFeature", "storedQuery_id", "urn:ogc:def:query:OGC-WFS::GetFeatureById",
                "id", "occurrences." + hidden);
        assertThat(instructor.status()).isEqualTo(200);
    }
}
