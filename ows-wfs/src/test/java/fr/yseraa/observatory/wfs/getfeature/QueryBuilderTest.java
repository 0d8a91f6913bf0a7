package fr.yseraa.observatory.wfs.getfeature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.feature.FeatureQuery.SortKey;
import fr.yseraa.observatory.core.ows.OwsException;
import org.junit.jupiter.api.Test;

/** Parsing of the KVP values that never reach SQL as text. */
class QueryBuilderTest {

    @Test
    void sortByTakesSeveralKeysInEitherSpelling() {
        assertThat(QueryBuilder.parseSortBy("base:name DESC,population,code A,region_code+D")).containsExactly(
                new SortKey("name", false), new SortKey("population", true), new SortKey("code", true),
                new SortKey("region_code", false));
        assertThatThrownBy(() -> QueryBuilder.parseSortBy("name; DROP TABLE x")).isInstanceOf(OwsException.class);
        assertThatThrownBy(() -> QueryBuilder.parseSortBy("name SIDEWAYS")).isInstanceOf(OwsException.class);
    }

    @Test
    void bboxNeedsFourFiniteOrderedNumbersAndAnOptionalCrs() {
        QueryBuilder.BboxParameter b = QueryBuilder.parseBbox("50.1,2.1,50.9,2.9,urn:ogc:def:crs:EPSG::4326");
        assertThat(b.corners()).containsExactly(50.1, 2.1, 50.9, 2.9);
        assertThat(b.crsName()).isEqualTo("urn:ogc:def:crs:EPSG::4326");
        assertThat(QueryBuilder.parseBbox("1,2,3,4").crsName()).isNull();
        for (String bad : new String[] {"1,2,3", "1,2,3,x", "3,2,1,4", "1,2,NaN,4", "1,2,3,4,5,6"}) {
            assertThatThrownBy(() -> QueryBuilder.parseBbox(bad)).as(bad).isInstanceOf(OwsException.class);
        }
    }

    @Test
    void propertyNamesLoseTheirPrefixAndPath() {
        assertThat(QueryBuilder.localName("base:zones/base:name")).isEqualTo("name");
        assertThat(QueryBuilder.localName(" name ")).isEqualTo("name");
    }

    @Test
    void resourceIdsAreLayerDotKey() {
        assertThat(ResourceIds.byLayer("zones.10040, regions.N,zones.10041", "resourceId"))
                .containsOnlyKeys("zones", "regions");
        assertThatThrownBy(() -> ResourceIds.byLayer("zones.1' OR '1'='1", "resourceId"))
                .isInstanceOf(OwsException.class);
        assertThat(ResourceIds.isWellFormed("uuid-9af2561b")).isFalse();
    }

    @Test
    void idsWithoutALayerPrefixAreIdsOfNoFeature() {
        assertThat(ResourceIds.byLayer("test-9af2561b-77c4, zones.10040", "resourceId"))
                .containsExactly(java.util.Map.entry("zones", java.util.Set.of("zones.10040")));
        assertThat(ResourceIds.byLayer("test-9af2561b-77c4", "resourceId")).isEmpty();
    }
}
