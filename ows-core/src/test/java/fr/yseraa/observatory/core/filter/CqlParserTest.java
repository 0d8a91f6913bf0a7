package fr.yseraa.observatory.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.filter.Expression.Arithmetic;
import fr.yseraa.observatory.core.filter.Expression.ArithmeticOperator;
import fr.yseraa.observatory.core.filter.Expression.Literal;
import fr.yseraa.observatory.core.filter.Expression.Property;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/** CQL / ECQL / CQL2 text into the filter model, and its errors. */
class CqlParserTest {

    private static Filter cql(String text) {
        return CqlParser.parse(text, "cql_filter");
    }

    private static Property p(String name) {
        return new Property(name);
    }

    private static Literal lit(Object value) {
        return new Literal(value);
    }

    private static Filter.Comparison eq(String property, Object value) {
        return new Filter.Comparison(ComparisonOperator.EQUAL, p(property), lit(value), true);
    }

    @Test
    void comparisonsAndValues() {
        assertThat(cql("level = 2")).isEqualTo(eq("level", 2L));
        assertThat(cql("level<>2")).isEqualTo(new Filter.Comparison(ComparisonOperator.NOT_EQUAL, p("level"), lit(2L), true));
        assertThat(cql("level != 2")).isEqualTo(new Filter.Comparison(ComparisonOperator.NOT_EQUAL, p("level"), lit(2L), true));
        assertThat(cql("ratio >= -1.5")).isEqualTo(new Filter.Comparison(ComparisonOperator.GREATER_OR_EQUAL, p("ratio"),
                lit(new BigDecimal("-1.5")), true));
        assertThat(cql("name = 'l''étang'")).isEqualTo(eq("name", "l'étang"));
        assertThat(cql("\"my \"\"odd\"\" name\" <= 'x'")).isEqualTo(new Filter.Comparison(
                ComparisonOperator.LESS_OR_EQUAL, p("my \"odd\" name"), lit("x"), true));
        assertThat(cql("active = TRUE")).isEqualTo(eq("active", true));
        assertThat(cql("seen > 2020-05-01")).isEqualTo(new Filter.Comparison(ComparisonOperator.GREATER, p("seen"),
                lit(LocalDate.of(2020, 5, 1)), true));
        assertThat(cql("seen < TIMESTAMP('2020-05-01T10:00:00')")).isEqualTo(new Filter.Comparison(
                ComparisonOperator.LESS, p("seen"), lit(LocalDateTime.of(2020, 5, 1, 10, 0)), true));
        assertThat(cql("2 < level")).isEqualTo(new Filter.Comparison(ComparisonOperator.LESS, lit(2L), p("level"), true));
    }

    @Test
    void precedenceAndParentheses() {
        assertThat(cql("a = 1 OR b = 2 AND NOT c = 3")).isEqualTo(new Filter.Or(List.of(eq("a", 1L),
                new Filter.And(List.of(eq("b", 2L), new Filter.Not(eq("c", 3L)))))));
        assertThat(cql("(a = 1 OR b = 2) and c = 3")).isEqualTo(new Filter.And(List.of(
                new Filter.Or(List.of(eq("a", 1L), eq("b", 2L))), eq("c", 3L))));
        assertThat(cql("((a = 1))")).isEqualTo(eq("a", 1L));
        assertThat(cql("(level + 1) * 2 > 5")).isEqualTo(new Filter.Comparison(ComparisonOperator.GREATER,
                new Arithmetic(ArithmeticOperator.MULTIPLY,
                        new Arithmetic(ArithmeticOperator.ADD, p("level"), lit(1L)), lit(2L)), lit(5L), true));
        assertThat(cql("level + 1 * 2 = 5")).isEqualTo(new Filter.Comparison(ComparisonOperator.EQUAL,
                new Arithmetic(ArithmeticOperator.ADD, p("level"),
                        new Arithmetic(ArithmeticOperator.MULTIPLY, lit(1L), lit(2L))), lit(5L), true));
        assertThat(cql("INCLUDE")).isEqualTo(new Filter.Include());
        assertThat(cql("exclude")).isEqualTo(new Filter.Exclude());
    }

    @Test
    void textPredicates() {
        assertThat(cql("name LIKE 'place 1%'")).isEqualTo(new Filter.Like(p("name"), LikePattern.sql("place 1%"), true));
        assertThat(cql("name ILIKE 'PLACE _'")).isEqualTo(new Filter.Like(p("name"), LikePattern.sql("PLACE _"), false));
        assertThat(cql("name NOT LIKE 'a%'")).isEqualTo(new Filter.Not(new Filter.Like(p("name"), LikePattern.sql("a%"), true)));
        assertThat(cql("id BETWEEN 10 AND 20")).isEqualTo(new Filter.Between(p("id"), lit(10L), lit(20L)));
        assertThat(cql("id NOT BETWEEN 10 AND 20 AND level = 1")).isEqualTo(new Filter.And(List.of(
                new Filter.Not(new Filter.Between(p("id"), lit(10L), lit(20L))), eq("level", 1L))));
        assertThat(cql("id IN (1, 2)")).isEqualTo(new Filter.Or(List.of(eq("id", 1L), eq("id", 2L))));
        assertThat(cql("id NOT IN (1)")).isEqualTo(new Filter.Not(eq("id", 1L)));
        assertThat(cql("note IS NULL")).isEqualTo(new Filter.IsNull(p("note")));
        assertThat(cql("note IS NOT NULL")).isEqualTo(new Filter.Not(new Filter.IsNull(p("note"))));
        assertThat(cql("IN ('places.1', 'places.2')")).isEqualTo(new Filter.ResourceId(List.of("places.1", "places.2")));
    }

    @Test
    void spatialFunctions() {
        Filter.Spatial s = (Filter.Spatial) cql("INTERSECTS(geom, POINT(700000 7000000))");
        assertThat(s.operator()).isEqualTo(SpatialOperator.INTERSECTS);
        assertThat(s.property()).isEqualTo(p("geom"));
        assertThat(s.geometry().srid()).isZero();
        assertThat(s.geometry().geometry().getCoordinate()).isEqualTo(new Coordinate(700000, 7000000));
        assertThat(((Filter.Spatial) cql("S_WITHIN(geom, POLYGON((0 0, 1 0, 1 1, 0 0)))")).operator())
                .isEqualTo(SpatialOperator.WITHIN);
        Filter.Spatial ewkt = (Filter.Spatial) cql("contains(geom, SRID=4326;POINT(2.25 50.75))");
        assertThat(ewkt.geometry().srid()).isEqualTo(4326);

        Filter.Spatial lonLat = (Filter.Spatial) cql("BBOX(geom, 2.2, 50.7, 2.3, 50.8, 'EPSG:4326')");
        Filter.Spatial latLon = (Filter.Spatial) cql("BBOX(geom, 50.7, 2.2, 50.8, 2.3, 'urn:ogc:def:crs:EPSG::4326')");
        assertThat(lonLat.geometry().geometry().getEnvelopeInternal()).isEqualTo(new Envelope(2.2, 2.3, 50.7, 50.8))
                .isEqualTo(latLon.geometry().geometry().getEnvelopeInternal());
        assertThat(((Filter.Spatial) cql("BBOX(geom, -10, -5, 10, 5)")).geometry().srid()).isZero();

        Filter.Distance d = (Filter.Distance) cql("DWITHIN(geom, POINT(1 2), 150, meters)");
        assertThat(d.beyond()).isFalse();
        assertThat(d.distance()).isEqualTo(150.0);
        assertThat(d.unit()).isEqualTo(DistanceUnit.METRE);
        assertThat(((Filter.Distance) cql("BEYOND(geom, LINESTRING(1 2, 3 4), 0.5, kilometers)")).unit())
                .isEqualTo(DistanceUnit.KILOMETRE);
    }

    @Test
    void geometriesWithoutSridTakeTheDefaultCrs() {
        Filter.Spatial layerCrs = (Filter.Spatial) cql("INTERSECTS(geom, POINT(2 50))");
        assertThat(layerCrs.geometry().srid()).isZero();
        Filter.Spatial crs84 = (Filter.Spatial) CqlParser.parse("S_INTERSECTS(geom, POINT(2 50))", "filter", 4326);
        assertThat(crs84.geometry().srid()).isEqualTo(4326);
        Filter.Spatial explicit = (Filter.Spatial) CqlParser.parse("S_INTERSECTS(geom, SRID=2154;POINT(2 50))", "filter", 4326);
        assertThat(explicit.geometry().srid()).isEqualTo(2154);
        Filter.Spatial box = (Filter.Spatial) CqlParser.parse("S_INTERSECTS(geom, BBOX(2, 50, 3, 51))", "filter", 4326);
        assertThat(box.operator()).isEqualTo(SpatialOperator.INTERSECTS);
        assertThat(box.geometry().srid()).isEqualTo(4326);
        assertThat(box.geometry().geometry().getEnvelopeInternal()).isEqualTo(new Envelope(2, 3, 50, 51));
    }

    @Test
    void temporalOperators() {
        TimeValue.Instant jan1 = new TimeValue.Instant(LocalDate.of(2020, 1, 1));
        TimeValue.Instant jan10 = new TimeValue.Instant(LocalDate.of(2020, 1, 10));
        assertThat(cql("seen AFTER 2020-01-01")).isEqualTo(new Filter.Temporal(TemporalOperator.AFTER, p("seen"), jan1));
        assertThat(cql("seen BEFORE 2020-01-10T10:00:00Z")).isEqualTo(new Filter.Temporal(TemporalOperator.BEFORE,
                p("seen"), new TimeValue.Instant(OffsetDateTime.parse("2020-01-10T10:00:00Z"))));
        assertThat(cql("seen DURING 2020-01-01/2020-01-10")).isEqualTo(new Filter.Temporal(TemporalOperator.DURING,
                p("seen"), new TimeValue.Period(jan1, jan10)));
        assertThat(cql("T_DURING(seen, INTERVAL('2020-01-01', '2020-01-10'))")).isEqualTo(
                new Filter.Temporal(TemporalOperator.DURING, p("seen"), new TimeValue.Period(jan1, jan10)));
        assertThat(cql("T_AFTER(seen, DATE('2020-01-01'))")).isEqualTo(
                new Filter.Temporal(TemporalOperator.AFTER, p("seen"), jan1));
        assertThat(cql("seen TEQUALS 2020-01-01 AND level = 1")).isEqualTo(new Filter.And(List.of(
                new Filter.Temporal(TemporalOperator.TEQUALS, p("seen"), jan1), eq("level", 1L))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "level", "level =", "= 2", "level = 'x", "\"name = 1", "name LIKE 3", "level = 1 level = 2",
        "level = 1 AND", "(level = 1", "level = 1)", "level @ 1", "INTERSECTS(geom, POINT(1))",
        "INTERSECTS(geom, 'POINT(1 2)')", "INTERSECTS(POINT(1 2), geom)", "BBOX(geom, 1, 2)",
        "BBOX(geom, 3, 3, 1, 1)", "BBOX(geom, 1, 2, 3, 4, 'EPSG:abc')", "DWITHIN(geom, POINT(1 2), 10, parsecs)",
        "DWITHIN(geom, POINT(1 2), -10, meters)", "seen AFTER yesterday", "seen AFTER 2020-13-45",
        "seen DURING 2020-01-01/", "IN (1, 2)", "level BETWEEN 1", "note IS NOTHING", "level = AND",
        "\"\" = 1", "level NOT = 1", "level = 1e9999999999", "DWITHIN(geom, POINT(1 2), 1e999, meters)",
        "BBOX(geom, 0, 0, 1e999, 1)", "INTERSECTS(geom, POINT(1e999 0))",
        "INTERSECTS(geom, POLYGON((0 0, 10 10, 10 0, 0 10, 0 0)))", "S_INTERSECTS(geom, BBOX(1, 2))"
    })
    void errorsAreInvalidParameterValuesOnTheLocator(String text) {
        assertThatThrownBy(() -> cql(text)).isInstanceOfSatisfying(OwsException.class, e -> {
            assertThat(e.code()).isEqualTo(OwsExceptionCode.INVALID_PARAMETER_VALUE);
            assertThat(e.locator()).isEqualTo("cql_filter");
            assertThat(e.getMessage()).startsWith("CQL filter");
        });
    }

    @Test
    void errorsSayWhere() {
        assertThatThrownBy(() -> cql("level = 1 AND name LIKE 3")).hasMessage(
                "CQL filter: LIKE needs a quoted pattern at character 25");
        assertThatThrownBy(() -> cql("level = 'x")).hasMessage("CQL filter: unterminated string at character 9");
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        for (String text : List.of("(".repeat(10_000) + "a = 1" + ")".repeat(10_000), "NOT ".repeat(10_000) + "a = 1",
                "a = " + "-".repeat(10_000) + "1", "a = " + "(".repeat(10_000) + "1" + ")".repeat(10_000))) {
            assertThatThrownBy(() -> cql(text)).isInstanceOfSatisfying(OwsException.class,
                    e -> assertThat(e.getMessage()).contains("nested too deeply"));
        }
        assertThat(cql("(".repeat(30) + "a = 1" + ")".repeat(30))).isEqualTo(eq("a", 1L));
    }
}
