package fr.yseraa.observatory.wfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.ows.OwsException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrsTest {

    static final Set<Integer> OFFERED = Set.of(2154, 3857, 4326, 4258, 3035);

    @Test
    void theFormOfTheNameGivesTheAxisOrder() {
        assertThat(Crs.parse("urn:ogc:def:crs:EPSG::4326", OFFERED, "srsName").yFirst()).isTrue();
        assertThat(Crs.parse("urn:x-ogc:def:crs:EPSG:4326", OFFERED, "srsName").yFirst()).isTrue();
        assertThat(Crs.parse("urn:ogc:def:crs:EPSG:6.6:4258", OFFERED, "srsName").yFirst()).isTrue();
        assertThat(Crs.parse("http://www.opengis.net/def/crs/EPSG/0/3035", OFFERED, "srsName").yFirst()).isTrue();
        assertThat(Crs.parse("EPSG:4326", OFFERED, "srsName").yFirst()).isFalse();
        assertThat(Crs.parse("epsg:4326", OFFERED, "srsName").srid()).isEqualTo(4326);
        assertThat(Crs.parse("CRS:84", OFFERED, "srsName")).extracting(Crs::srid, Crs::yFirst).containsExactly(4326, false);
        assertThat(Crs.parse("http://www.opengis.net/gml/srs/epsg.xml#4326", OFFERED, "srsName").yFirst()).isFalse();
        assertThat(Crs.parse("urn:ogc:def:crs:EPSG::2154", OFFERED, "srsName").yFirst()).isFalse();
        assertThat(Crs.parse("urn:ogc:def:crs:EPSG::3857", OFFERED, "srsName").yFirst()).isFalse();
    }

    @Test
    void unknownOrNotOfferedNamesAreRefusedWithTheirLocator() {
        assertThatThrownBy(() -> Crs.parse("EPSG:32631", OFFERED, "srsName")).isInstanceOf(OwsException.class)
                .extracting(e -> ((OwsException) e).locator()).isEqualTo("srsName");
        assertThatThrownBy(() -> Crs.parse("urn:ogc:def:crs:EPSG::", OFFERED, "bbox")).isInstanceOf(OwsException.class)
                .extracting(e -> ((OwsException) e).locator()).isEqualTo("bbox");
    }

    @Test
    void officialNamesPerVersion() {
        assertThat(Crs.official(2154, WfsVersion.V2_0_0).name()).isEqualTo("urn:ogc:def:crs:EPSG::2154");
        assertThat(Crs.official(4326, WfsVersion.V1_1_0).name()).isEqualTo("urn:x-ogc:def:crs:EPSG:4326");
        assertThat(Crs.offered(List.of("EPSG:2154", "CRS:84", "EPSG:4326", "nonsense"))).containsExactly(2154, 4326);
    }
}
