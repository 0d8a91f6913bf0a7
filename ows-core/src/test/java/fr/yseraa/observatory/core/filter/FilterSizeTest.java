package fr.yseraa.observatory.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Filters beyond {@link FilterSize}'s bounds are refused by every parser with InvalidParameterValue naming the
 * parameter and the limit, before anything reaches the database; filters of a real size pass.
 */
class FilterSizeTest {

    private static final String FES = "http://www.opengis.net/fes/2.0";

    private static void assertTooBig(ThrowingCallable parse, String locator, String what) {
        assertThatThrownBy(parse).isInstanceOfSatisfying(OwsException.class, e -> {
            assertThat(e.code()).isEqualTo(OwsExceptionCode.INVALID_PARAMETER_VALUE);
            assertThat(e.locator()).isEqualTo(locator);
            assertThat(e.getMessage()).contains("too big", what);
        });
    }

    private static String values(int count) {
        return IntStream.range(0, count).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    /** A closed ring of that many vertices around the origin, as "x y" pairs. */
    private static String ring(int vertices, String pairSeparator) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < vertices - 1; i++) {
            double a = 2 * Math.PI * i / (vertices - 1);
            b.append(Math.round(Math.cos(a) * 1e6) / 1e3).append(' ').append(Math.round(Math.sin(a) * 1e6) / 1e3)
                    .append(pairSeparator);
        }
        return b.append("1000.0 0.0").toString();
    }

    @Test
    void aHugeInListIsRefusedInCqlAndCql2JsonAndTensOfThousandsOfValuesPass() {
        assertThat(CqlParser.parse("id IN (" + values(60_000) + ")", "cql_filter")).isInstanceOf(Filter.Or.class);
        assertTooBig(() -> CqlParser.parse("id IN (" + values(70_000) + ")", "cql_filter"), "cql_filter",
                "more than " + FilterSize.MAX_NODES + " nodes");
        String json = "{\"op\": \"in\", \"args\": [{\"property\": \"id\"}, [" + values(70_000) + "]]}";
        assertTooBig(() -> Cql2JsonReader.read(json, "filter", 4326), "filter", "nodes");
    }

    @Test
    void tooManyConditionsOrIdsAreRefusedInFes() {
        String equalities = IntStream.range(0, 70_000).mapToObj(i -> "<fes:PropertyIsEqualTo><fes:ValueReference>n"
                + "</fes:ValueReference><fes:Literal>" + i + "</fes:Literal></fes:PropertyIsEqualTo>").collect(Collectors.joining());
        assertTooBig(() -> FesParser.parse("<fes:Filter xmlns:fes=\"" + FES + "\"><fes:Or>" + equalities
                + "</fes:Or></fes:Filter>", "FILTER"), "FILTER", "nodes");
        String ids = IntStream.range(0, FilterSize.MAX_NODES + 1).mapToObj(i -> "<fes:ResourceId rid=\"l." + i + "\"/>")
                .collect(Collectors.joining());
        assertTooBig(() -> FesParser.parse("<fes:Filter xmlns:fes=\"" + FES + "\">" + ids + "</fes:Filter>", "FILTER"),
                "FILTER", "nodes");
    }

    @Test
    void aPolygonWithTooManyVerticesIsRefusedBeforeItsValidityIsChecked() {
        String big = ring(FilterSize.MAX_VERTICES + 10, ", ");
        assertTooBig(() -> CqlParser.parse("INTERSECTS(geom, POLYGON((" + big + ")))", "cql_filter"), "cql_filter",
                "more than " + FilterSize.MAX_VERTICES + " vertices");
        String posList = ring(FilterSize.MAX_VERTICES + 10, " ");
        assertTooBig(() -> FesParser.parse("<fes:Filter xmlns:fes=\"" + FES + "\" xmlns:gml=\"http://www.opengis.net/gml/3.2\">"
                + "<fes:Intersects><fes:ValueReference>geom</fes:ValueReference><gml:Polygon gml:id=\"p\" srsName=\"EPSG:2154\">"
                + "<gml:exterior><gml:LinearRing><gml:posList>" + posList + "</gml:posList></gml:LinearRing></gml:exterior>"
                + "</gml:Polygon></fes:Intersects></fes:Filter>", "FILTER"), "FILTER", "vertices");
        // two polygons under the bound each, over it together
        String half = ring(FilterSize.MAX_VERTICES / 2 + 10, ", ");
        assertTooBig(() -> CqlParser.parse("INTERSECTS(geom, POLYGON((" + half + "))) OR INTERSECTS(geom, POLYGON(("
                + half + ")))", "cql_filter"), "cql_filter", "vertices");
        assertThat(CqlParser.parse("INTERSECTS(geom, POLYGON((" + ring(5000, ", ") + ")))", "cql_filter"))
                .isInstanceOf(Filter.Spatial.class);
    }

    @Test
    void aHugeTextLiteralOrPatternIsRefused() {
        String text = "x".repeat(FilterSize.MAX_TEXT + 1);
        assertTooBig(() -> CqlParser.parse("name = '" + text + "'", "cql_filter"), "cql_filter", "characters");
        assertTooBig(() -> CqlParser.parse("name LIKE '%" + text + "'", "cql_filter"), "cql_filter", "characters");
        assertThat(CqlParser.parse("name = '" + "x".repeat(FilterSize.MAX_TEXT) + "'", "cql_filter"))
                .isInstanceOf(Filter.Comparison.class);
    }
}
