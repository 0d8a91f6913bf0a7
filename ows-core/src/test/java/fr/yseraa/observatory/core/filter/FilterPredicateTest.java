package fr.yseraa.observatory.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.feature.AttributeColumns;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.RowAttributes;
import fr.yseraa.observatory.core.filter.Expression.Literal;
import fr.yseraa.observatory.core.filter.Expression.Property;
import fr.yseraa.observatory.core.ows.OwsException;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compiled filter answers as the evaluator does, on every pair of value and literal a rule can meet. */
class FilterPredicateTest {

    private static final List<Object> VALUES = Arrays.asList(null, "Oiseaux", "oiseaux", "Amphibiens", "", "a\0b",
            "1", "true", true, false, 0, 1, 3, 3L, (short) 2, (byte) 4, -7L, 0.5, 3.0, new BigDecimal("3"),
            Date.valueOf("2020-06-01"));
    private static final List<Object> LITERALS = List.of("Oiseaux", "oiseaux", "", "a\0b", "1", "0", "3", "-7",
            "+3", " 3", "true", "false", "t", "f", "yes", "2020-06-01", "x", true, false, 3L, -7L,
            new BigDecimal("0.5"), new BigDecimal("3"));

    private static Feature feature(Object value) {
        Map<String, Object> a = new HashMap<>();
        a.put("v", value);
        a.put("flag", value instanceof Boolean b ? b : null);
        return new Feature("t.1", a, null);
    }

    /** The evaluator's answer, or the exception it throws. */
    private static Object answer(java.util.function.Supplier<Boolean> evaluation) {
        try {
            return evaluation.get();
        } catch (OwsException e) {
            return OwsException.class;
        }
    }

    @Test
    void everyComparisonOfAPropertyWithALiteralAnswersAsTheEvaluator() {
        int compared = 0;
        for (ComparisonOperator op : ComparisonOperator.values()) {
            for (boolean matchCase : new boolean[] {true, false}) {
                for (Object literal : LITERALS) {
                    Filter f = new Filter.Comparison(op, new Property("v"), new Literal(literal), matchCase);
                    FilterPredicate predicate = FilterPredicate.of(f);
                    for (Object value : VALUES) {
                        Feature feature = feature(value);
                        assertThat(answer(() -> predicate.matches(feature)))
                                .as("%s %s %s (matchCase %s)", value, op, literal, matchCase)
                                .isEqualTo(answer(() -> FilterEvaluator.matches(f, feature)));
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(6 * 2 * LITERALS.size() * VALUES.size());
    }

    @Test
    void logicKeepsSqlsThreeValues() {
        List<String> filters = List.of("v = 'Oiseaux' AND flag = true", "v = 'Oiseaux' OR flag = true",
                "NOT (v = 'Oiseaux')", "NOT (v = 'Oiseaux' AND flag = true)", "NOT (v = 'Oiseaux' OR flag = false)",
                "flag = true AND v NOT IN ('Oiseaux', 'Amphibiens')", "v LIKE 'Oi%' OR v IS NULL",
                "v BETWEEN 1 AND 3", "NOT (v IS NULL) AND (flag = false OR flag IS NULL)");
        List<Object> values = new ArrayList<>(Arrays.asList(null, "Oiseaux", "Amphibiens", "Reptiles"));
        values.addAll(Arrays.asList(true, false));
        int compared = 0;
        for (String cql : filters) {
            Filter f = CqlParser.parse(cql, "test");
            FilterPredicate predicate = FilterPredicate.of(f);
            for (Object value : values) {
                for (Boolean flag : Arrays.asList(null, true, false)) {
                    Map<String, Object> a = new HashMap<>();
                    a.put("v", value);
                    a.put("flag", flag);
                    Feature feature = new Feature("t.1", a, null);
                    assertThat(answer(() -> predicate.matches(feature))).as("%s on v=%s flag=%s", cql, value, flag)
                            .isEqualTo(answer(() -> FilterEvaluator.matches(f, feature)));
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(filters.size() * values.size() * 3);
        // and the answers are not all the same: the comparison above means something
        Filter f = CqlParser.parse("NOT (v = 'Oiseaux' AND flag = true)", "test");
        assertThat(FilterPredicate.of(f).matches(feature("Oiseaux"))).isFalse(); // flag null: unknown
        Map<String, Object> other = new HashMap<>(Map.of("v", "Reptiles"));
        other.put("flag", null);
        assertThat(FilterPredicate.of(f).matches(new Feature("t.2", other, null))).isTrue();
    }

    @Test
    void rowsOfQueriesWithOtherColumnsAreReadByTheirOwnColumns() {
        FilterPredicate p = FilterPredicate.of(CqlParser.parse("v = 'Oiseaux' AND flag = true", "test"));
        AttributeColumns vFirst = new AttributeColumns(List.of("v", "flag"));
        AttributeColumns flagFirst = new AttributeColumns(List.of("flag", "other", "v"));
        AttributeColumns noFlag = new AttributeColumns(List.of("v"));
        // one predicate, rows of three queries in turn, and back: each row read by its own columns
        for (int pass = 0; pass < 2; pass++) {
            assertThat(p.matches(row(vFirst, "Oiseaux", true))).isTrue();
            assertThat(p.matches(row(vFirst, "Oiseaux", false))).isFalse();
            assertThat(p.matches(row(flagFirst, true, "Oiseaux", "Amphibiens"))).isFalse();
            assertThat(p.matches(row(flagFirst, true, "x", "Oiseaux"))).isTrue();
            assertThat(p.matches(row(noFlag, "Oiseaux"))).isFalse(); // flag unknown
            assertThat(FilterPredicate.of(CqlParser.parse("NOT (flag = true)", "test"))
                    .matches(row(noFlag, "Oiseaux"))).isFalse();
            assertThat(p.matches(new Feature("t.1", Map.of("v", "Oiseaux", "flag", true), null))).isTrue();
        }
    }

    private static Feature row(AttributeColumns columns, Object... values) {
        return new Feature("t.1", new RowAttributes(columns, values), null);
    }

    @Test
    void aValueThatCannotBeComparedIsTheClientsMistakeAsInTheEvaluator() {
        FilterPredicate p = FilterPredicate.of(CqlParser.parse("v = 'three'", "test"));
        assertThatThrownBy(() -> p.matches(feature(3))).isInstanceOf(OwsException.class);
    }
}
