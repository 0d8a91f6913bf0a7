package fr.yseraa.observatory.wfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WfsVersionTest {

    @Test
    void officialCrsNamesPerVersion() {
        assertThat(WfsVersion.V2_0_0.crsName(2154).name()).isEqualTo("urn:ogc:def:crs:EPSG::2154");
        assertThat(WfsVersion.V1_1_0.crsName(4326).name()).isEqualTo("urn:x-ogc:def:crs:EPSG:4326");
        assertThat(WfsVersion.V1_1_0.crsName(4326).axisOrder().northFirst()).isTrue();
    }
}
