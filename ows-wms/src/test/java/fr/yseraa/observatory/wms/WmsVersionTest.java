package fr.yseraa.observatory.wms;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.crs.CrsName;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class WmsVersionTest {

    @Test
    void axisOrdersPerVersion() {
        CrsName wgs84 = CrsName.recognise("epsg:4326").orElseThrow();
        assertThat(WmsVersion.V1_3_0.axisOrder(wgs84).northFirst()).isTrue();
        assertThat(WmsVersion.V1_1_1.axisOrder(wgs84).northFirst()).isFalse();
        assertThat(WmsVersion.V1_3_0.axisOrder(wgs84).envelope(50.7, 2.2, 50.8, 2.3))
                .isEqualTo(new Envelope(2.2, 2.3, 50.7, 50.8));
        assertThat(WmsVersion.V1_1_1.axisOrder(wgs84).envelope(2.2, 50.7, 2.3, 50.8))
                .isEqualTo(new Envelope(2.2, 2.3, 50.7, 50.8));
        assertThat(WmsVersion.V1_3_0.axisOrder(wgs84).corners(new Envelope(2.2, 2.3, 50.7, 50.8)))
                .containsExactly(50.7, 2.2, 50.8, 2.3);
        CrsName crs84 = CrsName.recognise("CRS:84").orElseThrow();
        assertThat(WmsVersion.V1_3_0.axisOrder(crs84).northFirst()).isFalse();
        assertThat(WmsVersion.V1_3_0.axisOrder(CrsName.recognise("EPSG:3035").orElseThrow()).northFirst()).isTrue();
        assertThat(WmsVersion.V1_3_0.axisOrder(CrsName.recognise("EPSG:2154").orElseThrow()).northFirst()).isFalse();
    }

    @Test
    void versionsAreNegotiatedAsWms130Says() {
        assertThat(WmsVersion.negotiate(null)).isEqualTo(WmsVersion.V1_3_0);
        assertThat(WmsVersion.negotiate("1.1.1")).isEqualTo(WmsVersion.V1_1_1);
        assertThat(WmsVersion.negotiate("1.1.0")).isEqualTo(WmsVersion.V1_1_1);
        assertThat(WmsVersion.negotiate("1.2.5")).isEqualTo(WmsVersion.V1_1_1);
        assertThat(WmsVersion.negotiate("1.4.0")).isEqualTo(WmsVersion.V1_3_0);
    }
}
