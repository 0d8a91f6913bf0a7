package fr.yseraa.observatory.wms.crs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.wms.WmsVersion;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class MapCrsTest {

    @Test
    void codesAndAxisOrders() {
        MapCrs wgs84 = MapCrs.parse("epsg:4326").orElseThrow();
        assertThat(wgs84.code()).isEqualTo("EPSG:4326");
        assertThat(wgs84.swapsAxes(WmsVersion.V1_3_0)).isTrue();
        assertThat(wgs84.swapsAxes(WmsVersion.V1_1_1)).isFalse();
        assertThat(wgs84.fromRequestOrder(50.7, 2.2, 50.8, 2.3, WmsVersion.V1_3_0))
                .isEqualTo(new Envelope(2.2, 2.3, 50.7, 50.8));
        assertThat(wgs84.fromRequestOrder(2.2, 50.7, 2.3, 50.8, WmsVersion.V1_1_1))
                .isEqualTo(new Envelope(2.2, 2.3, 50.7, 50.8));
        assertThat(wgs84.toDocumentOrder(new Envelope(2.2, 2.3, 50.7, 50.8), WmsVersion.V1_3_0))
                .containsExactly(50.7, 2.2, 50.8, 2.3);
        MapCrs crs84 = MapCrs.parse("CRS:84").orElseThrow();
        assertThat(crs84.srid()).isEqualTo(4326);
        assertThat(crs84.swapsAxes(WmsVersion.V1_3_0)).isFalse();
        assertThat(MapCrs.parse("EPSG:3035").orElseThrow().swapsAxes(WmsVersion.V1_3_0)).isTrue();
        assertThat(MapCrs.parse("EPSG:2154").orElseThrow().swapsAxes(WmsVersion.V1_3_0)).isFalse();
        assertThat(MapCrs.parse("urn:ogc:def:crs:EPSG::3857").orElseThrow().code()).isEqualTo("EPSG:3857");
        assertThat(MapCrs.parse("EPSG:abc")).isEmpty();
        assertThat(MapCrs.parse("AUTO:42001")).isEmpty();
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
