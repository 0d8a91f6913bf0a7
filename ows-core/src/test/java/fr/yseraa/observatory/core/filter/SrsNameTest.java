package fr.yseraa.observatory.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.ows.OwsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CRS names and the axis order their notation implies. */
class SrsNameTest {

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
        assertThat(SrsName.parse(name, "srsName")).isEqualTo(new SrsName(srid, northingFirst));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4326", "EPSG:", "EPSG:0", "EPSG:12345678", "urn:ogc:def:crs:OGC::foo", "WGS84"})
    void otherNamesAreInvalidParameterValues(String name) {
        assertThatThrownBy(() -> SrsName.parse(name, "srsName")).isInstanceOfSatisfying(OwsException.class,
                e -> assertThat(e.locator()).isEqualTo("srsName"));
    }

    @Test
    void geographicCrsAndAreasOfUse() {
        assertThat(SrsName.isGeographic(4326)).isTrue();
        assertThat(SrsName.isGeographic(2154)).isFalse();
        assertThat(SrsName.areaOfUse(2154)).hasValueSatisfying(a -> assertThat(a.contains(2.25, 50.75)).isTrue());
        assertThat(SrsName.areaOfUse(4326)).isEmpty();
    }
}
