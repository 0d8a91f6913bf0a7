package fr.yseraa.observatory.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.ows.OwsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CQL2 JSON reads into the very filter the CQL2 text parser makes of the same condition. */
class Cql2JsonReaderTest {

    private static void same(String json, String text) {
        assertThat(Cql2JsonReader.read(json, "filter", 4326)).as(json).isEqualTo(CqlParser.parse(text, "filter", 4326));
    }

    @Test
    void readsWhatTheTextParserReads() {
        Map.of(
                "{\"op\":\"=\",\"args\":[{\"property\":\"cd_nom\"},60612]}", "cd_nom = 60612",
                "{\"op\":\"and\",\"args\":[{\"op\":\"<>\",\"args\":[{\"property\":\"a\"},\"x\"]},"
                        + "{\"op\":\"not\",\"args\":[{\"op\":\"isNull\",\"args\":[{\"property\":\"b\"}]}]}]}",
                "a <> 'x' AND NOT b IS NULL",
                "{\"op\":\"or\",\"args\":[{\"op\":\"like\",\"args\":[{\"property\":\"n\"},\"S%\"]},"
                        + "{\"op\":\"between\",\"args\":[{\"property\":\"m\"},2,10.5]}]}",
                "n LIKE 'S%' OR m BETWEEN 2 AND 10.5",
                "{\"op\":\"in\",\"args\":[{\"property\":\"g\"},[\"A\",\"B\"]]}", "g IN ('A', 'B')",
                "{\"op\":\">\",\"args\":[{\"op\":\"-\",\"args\":[{\"property\":\"x\"},{\"property\":\"y\"}]},3]}",
                "x - y > 3",
                "{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Point\","
                        + "\"coordinates\":[2.25,50.75]}]}", "S_INTERSECTS(geometry, POINT(2.25 50.75))",
                "{\"op\":\"s_within\",\"args\":[{\"property\":\"geometry\"},{\"bbox\":[2,50,3,51]}]}",
                "S_WITHIN(geometry, BBOX(2, 50, 3, 51))",
                "{\"op\":\"t_after\",\"args\":[{\"property\":\"d\"},{\"date\":\"2020-01-03\"}]}",
                "T_AFTER(d, DATE('2020-01-03'))",
                "{\"op\":\"t_during\",\"args\":[{\"property\":\"d\"},{\"interval\":[\"2020-01-01\",\"2020-12-31\"]}]}",
                "T_DURING(d, INTERVAL('2020-01-01', '2020-12-31'))",
                "{\"op\":\"<\",\"args\":[{\"property\":\"t\"},{\"timestamp\":\"2020-01-03T10:00:00Z\"}]}",
                "t < TIMESTAMP('2020-01-03T10:00:00Z')").forEach(Cql2JsonReaderTest::same);
    }

    @Test
    void caseInsensitiveComparisonsAndPolygons() {
        Filter casei = Cql2JsonReader.read("{\"op\":\"=\",\"args\":[{\"op\":\"casei\",\"args\":[{\"property\":\"n\"}]},"
                + "{\"op\":\"casei\",\"args\":[\"abc\"]}]}", "filter", 4326);
        assertThat(casei).isEqualTo(new Filter.Comparison(ComparisonOperator.EQUAL, new Expression.Property("n"),
                new Expression.Literal("abc"), false));
        same("{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[2,50],[3,50],[3,51],[2,51],[2,50]]]}]}",
                "S_INTERSECTS(geometry, POLYGON((2 50, 3 50, 3 51, 2 51, 2 50)))");
    }

    @Test
    void mistakesAreInvalidParameterValuesOnTheFilter() {
        for (String bad : new String[] {"not json", "[1]", "{\"op\":\"=\",\"args\":[1]}", "{\"args\":[]}",
                "{\"op\":\"nope\",\"args\":[1,2]}", "{\"op\":\"s_intersects\",\"args\":[{\"property\":\"g\"},"
                + "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}]}",
                "{\"op\":\"t_after\",\"args\":[{\"property\":\"d\"},{\"date\":\"someday\"}]}",
                "{\"op\":\"in\",\"args\":[{\"property\":\"g\"},[]]}",
                "{\"op\":\"=\",\"args\":[{\"property\":\"a\"},{\"unknown\":1}]}",
                "{\"op\":\"not\",\"args\":[".repeat(100) + "true" + "]}".repeat(100)}) {
            assertThatThrownBy(() -> Cql2JsonReader.read(bad, "filter", 4326)).as(bad)
                    .isInstanceOfSatisfying(OwsException.class, e -> {
                        assertThat(e.locator()).isEqualTo("filter");
                        assertThat(e.getMessage()).startsWith("CQL2 JSON filter: ");
                    });
        }
    }
}
