package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsFixture.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/** What the public gets of sinp:occurrences through WFS: the diffusion geometry, no observer, nothing hidden. */
class AccessPolicyTest {

    static WfsFixture wfs;

    @BeforeAll
    static void setUp() throws Exception {
        wfs = WfsFixture.get();
    }

    @Test
    void anonymousOccurrencesAreBlurredWithoutObserverNames() throws Exception {
        // the most sensitive occurrences the public may see first, so that blurred ones are in the page
        WfsFixture.Answer a = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
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
        assertThat(lines.length - 1).isEqualTo(WfsFixture.MAX_FEATURES);
        assertThat(blurred).as("blurred occurrences in the page").isPositive();
    }

    @Test
    void instructorsSeeExactGeometriesAndObservers() throws Exception {
        WfsFixture.Answer a = wfs.kvp(WfsFixture.INSTRUCTOR, "service", "WFS", "version", "2.0.0",
                "request", "GetFeature", "typeNames", "sinp:occurrences", "outputFormat", "json", "count", "5",
                "sortBy", "diffusion_level DESC", "srsName", "EPSG:2154");
        assertThat(a.text()).contains("\"observateur\"");
        assertThat(a.text()).contains("\"diffusion_level\":4");
    }

    @Test
    void occurrencesAreNamedByTheirIdSinpOccTaxAndNoSerialNumberIsPublished() throws Exception {
        for (Caller caller : List.of(PUBLIC, WfsFixture.INSTRUCTOR)) {
            WfsFixture.Answer a = wfs.kvp(caller, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                    "typeNames", "sinp:occurrences", "outputFormat", "json", "count", "20");
            JsonNode features = new ObjectMapper().readTree(a.text()).path("features");
            assertThat(features).as(a.text()).hasSize(20);
            for (JsonNode f : features) {
                assertThat(f.path("id").asText()).isEqualTo("occurrences." + f.path("properties").path("id_sinp_occtax").asText());
                assertThat(f.path("properties").has("id")).as(caller.roles() + ": the table's serial key").isFalse();
            }
            WfsFixture.Answer schema = wfs.kvp(caller, "service", "WFS", "version", "2.0.0",
                    "request", "DescribeFeatureType", "typeNames", "sinp:occurrences");
            assertThat(schema.text()).contains("name=\"id_sinp_occtax\"").doesNotContain("name=\"id\"");
        }
    }

    @Test
    void theSchemaAndPropertyNameHideWhatThePublicMayNotSee() throws Exception {
        WfsFixture.Answer schema = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0",
                "request", "DescribeFeatureType", "typeNames", "sinp:occurrences");
        assertThat(schema.text()).contains("name=\"nom_scientifique\"").doesNotContain("observateur");
        assertThat(schema.text()).contains("type=\"gml:GeometryPropertyType\"");
        WfsFixture.Answer asked = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "sinp:occurrences", "propertyName", "observateur");
        assertThat(asked.status()).isEqualTo(400);
        assertThat(asked.text()).contains("InvalidParameterValue", "locator=\"propertyName\"");
        WfsFixture.Answer values = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0",
                "request", "GetPropertyValue", "typeNames", "sinp:occurrences", "valueReference", "observateur");
        assertThat(values.status()).isEqualTo(400);
        WfsFixture.Answer sorted = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
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
        long instructorHits = hits(WfsFixture.INSTRUCTOR, bbox);
        long cellMates = wfs.queryLong("SELECT count(*) FROM sinp.occurrence WHERE diffusion_level < 4 AND "
                + "diffusion_geom && ST_MakeEnvelope(" + (x - 0.5) + "," + (y - 0.5) + "," + (x + 0.5) + ","
                + (y + 0.5) + ", 2154)");
        assertThat(publicHits).isEqualTo(cellMates);
        assertThat(instructorHits).isLessThan(publicHits);
    }

    private static long hits(fr.yseraa.observatory.core.access.Caller caller, String bbox) throws Exception {
        WfsFixture.Answer a = wfs.kvp(caller, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "sinp:occurrences", "resultType", "hits", "bbox", bbox);
        return Long.parseLong(XmlAssertions.parse(a.body()).getDocumentElement().getAttribute("numberMatched"));
    }
}
