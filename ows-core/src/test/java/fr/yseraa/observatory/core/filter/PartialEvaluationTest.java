package fr.yseraa.observatory.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.feature.Feature;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A filter evaluated on the values many features share: decided only when no completion of the other attributes could
 * change the answer, and then the answer {@link FilterEvaluator} gives on every such feature.
 */
class PartialEvaluationTest {

    /** What every row of a blurred area shares: its level, and that it is not exact. */
    private static Map<String, Object> area() {
        Map<String, Object> shared = new HashMap<>();
        shared.put("level", 1);
        shared.put("exact", false);
        shared.put("note", null);
        return shared;
    }

    private static Optional<Boolean> on(String cql, Map<String, Object> known) {
        return PartialEvaluation.matches(CqlParser.parse(cql, "cql_filter"), known);
    }

    @Test
    void valuesThatAreKnownDecideAlone() {
        assertThat(on("level = 1 AND exact = false", area())).contains(true);
        assertThat(on("level = 2", area())).contains(false);
        assertThat(on("level = 1 OR exact = true", area())).contains(true);
        assertThat(on("NOT (level = 1)", area())).contains(false);
    }

    @Test
    void aFalseConjunctOrATrueDisjunctDecidesWhateverTheUnknownValues() {
        assertThat(on("exact = true AND taxon = 'Oiseaux'", area())).contains(false);
        assertThat(on("taxon = 'Oiseaux' AND exact = true", area())).contains(false);
        assertThat(on("taxon = 'Oiseaux' OR level = 1", area())).contains(true);
    }

    @Test
    void whatDependsOnAnUnknownValueIsUndecided() {
        assertThat(on("level = 1 AND taxon = 'Oiseaux'", area())).isEmpty();
        assertThat(on("exact = true OR taxon = 'Oiseaux'", area())).isEmpty();
        assertThat(on("NOT (taxon = 'Oiseaux')", area())).isEmpty();
        assertThat(on("NOT (level = 1 AND taxon = 'Oiseaux')", area())).isEmpty();
    }

    @Test
    void theIdAndTheGeometryAreNeverShared() {
        assertThat(PartialEvaluation.matches(new Filter.ResourceId(List.of("places.7")), area())).isEmpty();
        assertThat(on("INTERSECTS(geom, POINT(1 1))", area())).isEmpty();
        assertThat(on("BBOX(geom, 0, 0, 2, 2) AND level = 2", area())).contains(false);
    }

    @Test
    void anUnknownValueAnswersAsTheEvaluatorDoes() {
        // a comparison with null is unknown, so is its negation: neither matches
        assertThat(on("note = 'x'", area())).contains(false);
        assertThat(on("NOT (note = 'x')", area())).contains(false);
        assertThat(on("NOT (note = 'x' AND level = 2)", area())).contains(true);
        assertThat(on("note = 'x' OR taxon = 'Oiseaux'", area())).isEmpty();
        Feature f = new Feature("places.7", area(), null);
        for (String cql : List.of("note = 'x'", "NOT (note = 'x')", "NOT (note = 'x' AND level = 2)", "note IS NULL")) {
            assertThat(on(cql, area())).as(cql).contains(FilterEvaluator.matches(CqlParser.parse(cql, "f"), f));
        }
    }
}
