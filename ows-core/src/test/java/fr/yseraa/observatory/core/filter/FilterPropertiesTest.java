package fr.yseraa.observatory.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FilterPropertiesTest {

    @Test
    void collectsEveryPropertyAFilterReads() {
        Filter f = CqlParser.parse("(a = 1 OR NOT b LIKE 'x%') AND c + d BETWEEN 1 AND e AND INTERSECTS(geom, "
                + "POINT(1 2)) AND f IS NULL", "cql_filter");
        assertThat(FilterProperties.of(f)).containsExactly("a", "b", "c", "d", "e", "geom", "f");
        assertThat(FilterProperties.of(CqlParser.parse("1 = 1", "cql_filter"))).isEmpty();
    }
}
