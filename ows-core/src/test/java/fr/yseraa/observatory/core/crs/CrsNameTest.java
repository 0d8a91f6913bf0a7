package fr.yseraa.observatory.core.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.ows.OwsException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;

/** CRS names and the axis order their notation implies. */
class CrsNameTest {

    static final Set<Integer> OFFERED = Set.of(2154, 3857, 4326, 4258, 3035);

    @ParameterizedTest
    @CsvSource({
        "EPSG:4326, 4326, false",
        "epsg:2154, 2154, false",
        "http://www.opengis.net/gml/srs/epsg.xml#4326, 4326, false",
        "urn:ogc:def:crs:EPSG::4326, 4326, true",
        "urn:ogc:def:crs:EPSG:6.6:4326, 4326, true",
        "urn:x-ogc:def:crs:EPSG:4326, 4326, true",
        "http://www.opengis.net/def/crs/EPSG/0/4326, 4326, true",
        "urn:ogc:def:crs:EPSG::2154, 2154, false",
        "http://www.opengis.net/def/crs/EPSG/0/3035, 3035, true",
        "CRS:84, 4326, false",
        "urn:ogc:def:crs:OGC:1.3:CRS84, 4326, false",
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84, 4326, false"
    })
    void namesAndAxisOrders(String name, int srid, boolean northingFirst) {
        assertThat(CrsName.parse(name, "srsName")).extracting(CrsName::srid, c -> c.axisOrder().northFirst())
                .containsExactly(srid, northingFirst);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4326", "EPSG:", "EPSG:0", "EPSG:12345678", "urn:ogc:def:crs:OGC::foo", "WGS84"})
    void otherNamesAreInvalidParameterValues(String name) {
        assertThatThrownBy(() -> CrsName.parse(name, "srsName")).isInstanceOfSatisfying(OwsException.class,
                e -> assertThat(e.locator()).isEqualTo("srsName"));
    }

    @Test
    void geographicCrsAndAreasOfUse() {
        assertThat(Epsg.isGeographic(4326)).isTrue();
        assertThat(Epsg.isGeographic(2154)).isFalse();
        assertThat(Epsg.areaOfUse(2154)).hasValueSatisfying(a -> assertThat(a.contains(2.25, 50.75)).isTrue());
        assertThat(Epsg.areaOfUse(4326)).isEmpty();
    }

    @Test
    void theFormOfTheNameGivesTheAxisOrder() {
        assertThat(CrsName.parse("urn:ogc:def:crs:EPSG::4326", OFFERED, "srsName").axisOrder().northFirst()).isTrue();
        assertThat(CrsName.parse("urn:x-ogc:def:crs:EPSG:4326", OFFERED, "srsName").axisOrder().northFirst()).isTrue();
        assertThat(CrsName.parse("urn:ogc:def:crs:EPSG:6.6:4258", OFFERED, "srsName").axisOrder().northFirst()).isTrue();
        assertThat(CrsName.parse("http://www.opengis.net/def/crs/EPSG/0/3035", OFFERED, "srsName").axisOrder()
                .northFirst()).isTrue();
        assertThat(CrsName.parse("EPSG:4326", OFFERED, "srsName").axisOrder().northFirst()).isFalse();
        assertThat(CrsName.parse("epsg:4326", OFFERED, "srsName").srid()).isEqualTo(4326);
        assertThat(CrsName.parse("CRS:84", OFFERED, "srsName")).extracting(CrsName::srid, c -> c.axisOrder().northFirst())
                .containsExactly(4326, false);
        assertThat(CrsName.parse("http://www.opengis.net/gml/srs/epsg.xml#4326", OFFERED, "srsName").axisOrder()
                .northFirst()).isFalse();
        assertThat(CrsName.parse("urn:ogc:def:crs:EPSG::2154", OFFERED, "srsName").axisOrder().northFirst()).isFalse();
        assertThat(CrsName.parse("urn:ogc:def:crs:EPSG::3857", OFFERED, "srsName").axisOrder().northFirst()).isFalse();
    }

    @Test
    void unknownOrNotOfferedNamesAreRefusedWithTheirLocator() {
        assertThatThrownBy(() -> CrsName.parse("EPSG:32631", OFFERED, "srsName")).isInstanceOf(OwsException.class)
                .extracting(e -> ((OwsException) e).locator()).isEqualTo("srsName");
        assertThatThrownBy(() -> CrsName.parse("urn:ogc:def:crs:EPSG::", OFFERED, "bbox")).isInstanceOf(OwsException.class)
                .extracting(e -> ((OwsException) e).locator()).isEqualTo("bbox");
    }

    @Test
    void offeredSridsOfAList() {
        assertThat(CrsList.srids(List.of("EPSG:2154", "CRS:84", "EPSG:4326", "nonsense"))).containsExactly(2154, 4326);
    }

    @Test
    void shortCodesAndTheCrsOwnAxisOrder() {
        CrsName wgs84 = CrsName.recognise("epsg:4326").orElseThrow();
        assertThat(wgs84.code()).isEqualTo("EPSG:4326");
        assertThat(wgs84.epsgAxisOrder().northFirst()).isTrue();
        CrsName crs84 = CrsName.recognise("CRS:84").orElseThrow();
        assertThat(crs84.srid()).isEqualTo(4326);
        assertThat(crs84.code()).isEqualTo("CRS:84");
        assertThat(crs84.epsgAxisOrder().northFirst()).isFalse();
        assertThat(CrsName.recognise("EPSG:3035").orElseThrow().epsgAxisOrder().northFirst()).isTrue();
        assertThat(CrsName.recognise("EPSG:2154").orElseThrow().epsgAxisOrder().northFirst()).isFalse();
        assertThat(CrsName.recognise("urn:ogc:def:crs:EPSG::3857").orElseThrow().code()).isEqualTo("EPSG:3857");
        assertThat(CrsName.recognise("EPSG:abc")).isEmpty();
        assertThat(CrsName.recognise("AUTO:42001")).isEmpty();
    }

    @Test
    void axisOrdersReadAndWriteCorners() {
        assertThat(AxisOrder.NORTH_EAST.envelope(50.7, 2.2, 50.8, 2.3)).isEqualTo(new Envelope(2.2, 2.3, 50.7, 50.8));
        assertThat(AxisOrder.EAST_NORTH.envelope(2.2, 50.7, 2.3, 50.8)).isEqualTo(new Envelope(2.2, 2.3, 50.7, 50.8));
        assertThat(AxisOrder.NORTH_EAST.corners(new Envelope(2.2, 2.3, 50.7, 50.8))).containsExactly(50.7, 2.2, 50.8, 2.3);
    }
}
