package fr.yseraa.observatory.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.ows.OwsException;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/** The in-memory evaluator on hand-made features (its agreement with SQL is tested on PostGIS). */
class FilterEvaluatorTest {

    private static final GeometryFactory GF = new GeometryFactory();

    private static Feature feature(Map<String, Object> attributes, double x, double y, int srid) {
        Point p = GF.createPoint(new Coordinate(x, y));
        p.setSRID(srid);
        return new Feature("places.7", attributes, p);
    }

    private static Feature place() {
        Map<String, Object> a = new HashMap<>();
        a.put("name", "Étang d'Harchelles");
        a.put("level", 3);
        a.put("ratio", 0.5);
        a.put("note", null);
        a.put("seen", Date.valueOf("2020-06-01"));
        a.put("seen_at", Timestamp.valueOf("2020-06-01 10:30:00"));
        return feature(a, 700_050, 7_000_050, 0);
    }

    private static boolean matches(String cql, Feature f) {
        return FilterEvaluator.matches(CqlParser.parse(cql, "cql_filter"), f);
    }

    @Test
    void comparisonsConvertTextToThePropertyType() {
        Feature f = place();
        assertThat(matches("level = 3 AND level = '3' AND level > 2.5 AND ratio < 1", f)).isTrue();
        assertThat(matches("name = 'étang d''harchelles'", f)).isFalse();
        assertThat(FilterEvaluator.matches(new Filter.Comparison(ComparisonOperator.EQUAL, new Expression.Property("name"),
                new Expression.Literal("ÉTANG D'HARCHELLES"), false), f)).isTrue();
        assertThat(matches("seen = '2020-06-01' AND seen < 2020-06-01T00:00:01 AND seen_at > 2020-06-01", f)).isTrue();
        assertThat(matches("seen_at TEQUALS 2020-06-01T10:30:00 AND seen DURING 2020-05-31/2020-06-02", f)).isTrue();
        assertThat(matches("seen DURING 2020-06-01/2020-06-02", f)).isFalse(); // During is strict
        assertThat(matches("(level + 1) * ratio = 2", f)).isTrue();
        assertThat(matches("IN ('places.7')", f)).isTrue();
        assertThat(matches("IN ('places.70')", f)).isFalse();
        assertThatThrownBy(() -> matches("level = 'three'", f)).isInstanceOf(OwsException.class);
    }

    @Test
    void nullsAreUnknownAsInSql() {
        Feature f = place();
        assertThat(matches("note = 'x'", f)).isFalse();
        assertThat(matches("NOT note = 'x'", f)).isFalse();
        assertThat(matches("note = 'x' OR level = 3", f)).isTrue();
        assertThat(matches("NOT (note = 'x' AND level = 4)", f)).isTrue();
        assertThat(matches("note IS NULL AND missing IS NULL", f)).isTrue();
        assertThat(matches("level / 0 = 1", f)).isFalse();
        assertThat(matches("NOT level / 0 = 1", f)).isFalse();
    }

    @Test
    void likePatterns() {
        Feature f = place();
        assertThat(matches("name LIKE 'Étang%'", f)).isTrue();
        assertThat(matches("name LIKE 'étang%'", f)).isFalse();
        assertThat(matches("name ILIKE 'étang%'", f)).isTrue();
        assertThat(matches("name LIKE '_tang d''Harchelle_'", f)).isTrue();
        assertThat(matches("level LIKE '3'", f)).isTrue();
        Filter escaped = new Filter.Like(new Expression.Property("name"), new LikePattern("Étang d!*Harchelles", '*', '.', '!'),
                true);
        assertThat(FilterEvaluator.matches(escaped, f)).isFalse();
        assertThat(new LikePattern("50%* a_b!*", '*', '#', '!').toSqlLike()).isEqualTo("50\\%% a\\_b*");
    }

    @Test
    void spatialPredicatesInTheFeatureCrs() {
        Feature f = place();
        assertThat(matches("BBOX(geom, 700000, 7000000, 700100, 7000100)", f)).isTrue();
        assertThat(matches("DWITHIN(geom, POINT(700150 7000050), 100, meters)", f)).isTrue();
        assertThat(matches("DWITHIN(geom, POINT(700150 7000050), 0.09, km)", f)).isFalse();
        assertThat(matches("BEYOND(geom, POINT(700150 7000050), 0.09, km)", f)).isTrue();
        assertThat(matches("DISJOINT(geom, POINT(700150 7000050))", f)).isTrue();
        Feature lonLat = feature(Map.of(), 2.25, 50.75, 4326);
        assertThat(matches("DWITHIN(geom, SRID=4326;POINT(2.2505 50.75), 0.001, degrees)", lonLat)).isTrue();
        assertThatThrownBy(() -> matches("INTERSECTS(geom, SRID=2154;POINT(700050 7000050))", lonLat))
                .isInstanceOfSatisfying(OwsException.class, e -> assertThat(e.getMessage()).contains("EPSG:2154"));
        Feature noGeometry = new Feature("places.8", Map.of("level", 1), null);
        assertThat(FilterEvaluator.matches(new Filter.Not(CqlParser.parse("INTERSECTS(geom, POINT(0 0))", "f")),
                noGeometry)).isFalse();
    }

    /** SLD and FES literals are text: they compare with booleans and integers as their values, whatever their form. */
    @Test
    void textLiteralsCompareWithBooleansAndIntegersAsTheirValues() {
        Map<String, Object> a = new HashMap<>();
        a.put("level", 3);
        a.put("exact", true);
        a.put("name", "Oiseaux");
        Feature f = new Feature("places.9", a, null);
        String[][] cases = {{"exact", "true", "true"}, {"exact", "1", "true"}, {"exact", " TRUE ", "true"},
            {"exact", "f", "false"}, {"level", "3", "true"}, {"level", "03", "true"}, {"level", " 3 ", "true"},
            {"level", "3.0", "true"}, {"level", "-3", "false"}, {"level", "30000000000000000000", "false"},
            {"name", "Oiseaux", "true"}, {"name", "oiseaux", "false"}};
        for (String[] c : cases) {
            Filter equal = new Filter.Comparison(ComparisonOperator.EQUAL, new Expression.Property(c[0]),
                    new Expression.Literal(c[1]), true);
            assertThat(FilterEvaluator.matches(equal, f)).as(c[0] + " = '" + c[1] + "'").isEqualTo(Boolean.parseBoolean(c[2]));
        }
        Filter less = new Filter.Comparison(ComparisonOperator.LESS, new Expression.Property("level"),
                new Expression.Literal("12"), true);
        assertThat(FilterEvaluator.matches(less, f)).as("3 < '12' as numbers, not as texts").isTrue();
        assertThatThrownBy(() -> FilterEvaluator.matches(new Filter.Comparison(ComparisonOperator.EQUAL,
                new Expression.Property("exact"), new Expression.Literal("yes"), true), f))
                .isInstanceOf(OwsException.class);
    }
}
