package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
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

/**
 * What a layer's access policy gives each caller through WFS ({@link FixturePolicy} on survey:sightings): the
 * public gets the blurred geometry, no observer, nothing hidden; a layer the security rules keep from the public
 * does not exist for it.
 */
class AccessPolicyTest {

    static WfsHarness wfs;

    @BeforeAll
    static void setUp() throws Exception {
        wfs = WfsFixture.get();
    }

    @Test
    void anonymousSightingsAreBlurredWithoutObserverNames() throws Exception {
        // the most sensitive sightings the public may see first, so that blurred ones are in the page
        WfsHarness.Answer a = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "survey:sightings", "outputFormat", "csv", "sortBy", "level DESC");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        String[] lines = a.text().split("\r\n");
        String header = lines[0];
        assertThat(header).doesNotContain("observer").contains("level");
        assertThat(a.text()).doesNotContain("blurred");
        Map<String, String> diffusion = wfs.queryMap("SELECT 'sightings.' || sid, ST_AsText("
                + FixturePolicy.PUBLIC_GEOMETRY + ") FROM fixture.sighting WHERE level < 4");
        Map<String, String> exact = wfs.queryMap("SELECT 'sightings.' || sid, ST_AsText(geom) FROM fixture.sighting");
        WKTReader wkt = new WKTReader();
        int blurred = 0;
        for (int i = 1; i < lines.length; i++) {
            String id = lines[i].substring(0, lines[i].indexOf(','));
            String geometry = lines[i].substring(lines[i].lastIndexOf(",\"") + 2, lines[i].length() - 1);
            assertThat(diffusion).as("a hidden sighting was returned: " + id).containsKey(id);
            Geometry returned = wkt.read(geometry);
            assertThat(returned.equalsExact(wkt.read(diffusion.get(id)), 1e-6)).as(id).isTrue();
            if (!returned.equalsExact(wkt.read(exact.get(id)), 1e-6)) {
                blurred++;
            }
        }
        assertThat(lines.length - 1).isEqualTo(WfsHarness.MAX_FEATURES);
        assertThat(blurred).as("blurred sightings in the page").isPositive();
    }

    @Test
    void instructorsSeeExactGeometriesAndObservers() throws Exception {
        WfsHarness.Answer a = wfs.kvp(WfsHarness.INSTRUCTOR, "service", "WFS", "version", "2.0.0",
                "request", "GetFeature", "typeNames", "survey:sightings", "outputFormat", "json", "count", "5",
                "sortBy", "level DESC", "srsName", "EPSG:2154");
        assertThat(a.text()).contains("\"observer\"");
        assertThat(a.text()).contains("\"level\":4");
    }

    @Test
    void sightingsAreNamedByTheirIdColumnAndTheirOrderColumnIsNotPublished() throws Exception {
        for (Caller caller : List.of(PUBLIC, WfsHarness.INSTRUCTOR)) {
            WfsHarness.Answer a = wfs.kvp(caller, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                    "typeNames", "survey:sightings", "outputFormat", "json", "count", "20");
            JsonNode features = new ObjectMapper().readTree(a.text()).path("features");
            assertThat(features).as(a.text()).hasSize(20);
            for (JsonNode f : features) {
                assertThat(f.path("id").asText()).isEqualTo("sightings." + f.path("properties").path("sid").asText());
                assertThat(f.path("properties").has("id")).as(caller.roles() + ": the table's serial key").isFalse();
            }
            WfsHarness.Answer schema = wfs.kvp(caller, "service", "WFS", "version", "2.0.0",
                    "request", "DescribeFeatureType", "typeNames", "survey:sightings");
            assertThat(schema.text()).contains("name=\"sid\"").doesNotContain("name=\"id\"");
        }
    }

    @Test
    void theSchemaAndPropertyNameHideWhatThePublicMayNotSee() throws Exception {
        WfsHarness.Answer schema = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0",
                "request", "DescribeFeatureType", "typeNames", "survey:sightings");
        assertThat(schema.text()).contains("name=\"species\"").doesNotContain("observer");
        assertThat(schema.text()).contains("type=\"gml:GeometryPropertyType\"");
        WfsHarness.Answer asked = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "survey:sightings", "propertyName", "observer");
        assertThat(asked.status()).isEqualTo(400);
        assertThat(asked.text()).contains("InvalidParameterValue", "locator=\"propertyName\"");
        WfsHarness.Answer values = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0",
                "request", "GetPropertyValue", "typeNames", "survey:sightings", "valueReference", "observer");
        assertThat(values.status()).isEqualTo(400);
        WfsHarness.Answer sorted = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "survey:sightings", "sortBy", "observer");
        assertThat(sorted.status()).isEqualTo(400);
    }

    @Test
    void bboxFiltersTheGeometryThePublicSees() throws Exception {
        // a 1 m box on the exact place of a blurred sighting the public may see finds it only if its blurred
        // geometry covers the place (it does: the cell around it), never by its point
        Map<String, String> one = wfs.queryMap("SELECT 'sightings.' || sid, ST_X(geom) || ',' || ST_Y(geom) "
                + "FROM fixture.sighting WHERE level = 2 AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 1");
        String[] xy = one.values().iterator().next().split(",");
        double x = Double.parseDouble(xy[0]);
        double y = Double.parseDouble(xy[1]);
        String bbox = (x - 0.5) + "," + (y - 0.5) + "," + (x + 0.5) + "," + (y + 0.5) + ",urn:ogc:def:crs:EPSG::2154";
        long publicHits = hits(PUBLIC, bbox);
        long instructorHits = hits(WfsHarness.INSTRUCTOR, bbox);
        long cellMates = wfs.queryLong("SELECT count(*) FROM fixture.sighting WHERE level < 4 AND "
                + FixturePolicy.PUBLIC_GEOMETRY + " && ST_MakeEnvelope(" + (x - 0.5) + "," + (y - 0.5) + "," + (x + 0.5) + ","
                + (y + 0.5) + ", 2154)");
        assertThat(publicHits).isEqualTo(cellMates);
        assertThat(instructorHits).isLessThan(publicHits);
    }

    @Test
    void aLayerTheRulesKeepFromTheCallerDoesNotExistForThem() throws Exception {
        WfsHarness.Answer capabilities = wfs.kvp(PUBLIC, "service", "WFS", "request", "GetCapabilities");
        assertThat(capabilities.text()).contains("survey:sightings").doesNotContain("survey:protected_zones");
        WfsHarness.Answer instructors = wfs.kvp(WfsHarness.INSTRUCTOR, "service", "WFS", "request", "GetCapabilities");
        assertThat(instructors.text()).contains("survey:protected_zones");
        for (String request : List.of("GetFeature", "DescribeFeatureType")) {
            WfsHarness.Answer hidden = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", request,
                    "typeNames", "survey:protected_zones");
            assertThat(hidden.status()).as(request).isEqualTo(400);
            assertThat(hidden.text()).contains("InvalidParameterValue", "locator=\"typeNames\"");
        }
        WfsHarness.Answer byId = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "storedQuery_id", "urn:ogc:def:query:OGC-WFS::GetFeatureById", "id", "protected_zones.10040");
        assertThat(byId.status()).isEqualTo(404);
        WfsHarness.Answer instructorById = wfs.kvp(WfsHarness.INSTRUCTOR, "service", "WFS", "version", "2.0.0",
                "request", "GetFeature", "storedQuery_id", "urn:ogc:def:query:OGC-WFS::GetFeatureById",
                "id", "protected_zones.10040");
        assertThat(instructorById.status()).as(instructorById.text()).isEqualTo(200);
    }

    private static long hits(fr.yseraa.observatory.core.access.Caller caller, String bbox) throws Exception {
        WfsHarness.Answer a = wfs.kvp(caller, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "survey:sightings", "resultType", "hits", "bbox", bbox);
        return Long.parseLong(XmlAssertions.parse(a.body()).getDocumentElement().getAttribute("numberMatched"));
    }
}
