package fr.yseraa.observatory.ext.corridors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.ows.OwsException;
import org.junit.jupiter.api.Test;

/** GeoJSON as clients send it: a geometry, a Feature, or a collection of one Feature. */
class GeometryInputTest {

    private static final String POINT = "{\"type\":\"Point\",\"coordinates\":[2.25,50.75]}";

    @Test
    void theGeometryIsTakenFromFeaturesAndOneFeatureCollections() {
        assertThat(GeometryInput.geoJsonGeometry("g", POINT)).isEqualTo(POINT);
        assertThat(GeometryInput.geoJsonGeometry("g", "{\"type\":\"Feature\",\"properties\":{},\"geometry\":" + POINT + "}"))
                .isEqualTo(POINT);
        assertThat(GeometryInput.geoJsonGeometry("g", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"geometry\":" + POINT + "}]}")).isEqualTo(POINT);
    }

    @Test
    void otherShapesAreRefusedNamingTheInput() {
        for (String bad : new String[] {"{\"type\":\"FeatureCollection\",\"features\":[]}",
                "{\"type\":\"Feature\",\"geometry\":null}", "not json", "[1, 2]"}) {
            assertThatThrownBy(() -> GeometryInput.geoJsonGeometry("area", bad)).as(bad)
                    .isInstanceOfSatisfying(OwsException.class, e -> assertThat(e.locator()).isEqualTo("area"));
        }
    }
}
