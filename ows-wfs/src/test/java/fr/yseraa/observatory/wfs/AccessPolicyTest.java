package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.INSTRUCTOR;
import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a layer's access policy gives each caller through WFS ({@link FixturePolicy} on survey:sightings), and a
 * layer the security rules keep from the public, which does not exist for it.
 */
class AccessPolicyTest extends AccessPolicyContract {

    @Override
    protected WfsHarness harness() throws Exception {
        return WfsFixture.get();
    }

    @Override
    protected PolicedLayer layer() {
        return new PolicedLayer("survey:sightings", "fixture.sighting", "sid", "id", "level",
                FixturePolicy.PUBLIC_GEOMETRY, "blurred", "species", List.of("observer"), "individuals > 5",
                "observer LIKE 'Observateur 1%'");
    }

    @Test
    void aLayerTheRulesKeepFromTheCallerDoesNotExistForThem() throws Exception {
        WfsHarness.Answer capabilities = wfs.kvp(PUBLIC, "service", "WFS", "request", "GetCapabilities");
        assertThat(capabilities.text()).contains("survey:sightings").doesNotContain("survey:protected_zones");
        WfsHarness.Answer instructors = wfs.kvp(INSTRUCTOR, "service", "WFS", "request", "GetCapabilities");
        assertThat(instructors.text()).contains("survey:protected_zones");
        for (String request : List.of("GetFeature", "DescribeFeatureType")) {
            WfsHarness.Answer hidden = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", request,
                    "typeNames", "survey:protected_zones");
            assertThat(hidden.status()).as(request).isEqualTo(400);
            assertThat(hidden.text()).contains("InvalidParameterValue", "locator=\"typeNames\"");
        }
        String getFeatureById = "urn:ogc:def:query:OGC-WFS::GetFeatureById";
        assertThat(wfs.storedQuery(PUBLIC, getFeatureById, "id", "protected_zones.10040").status()).isEqualTo(404);
        WfsHarness.Answer instructorById = wfs.storedQuery(INSTRUCTOR, getFeatureById, "id", "protected_zones.10040");
        assertThat(instructorById.status()).as(instructorById.text()).isEqualTo(200);
    }
}
