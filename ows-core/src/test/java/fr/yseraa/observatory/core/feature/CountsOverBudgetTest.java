package fr.yseraa.observatory.core.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CountsOverBudgetTest {

    private static final String SQL = "SELECT count(*) FROM (SELECT 1 FROM t WHERE a = ?) AS matched";
    private static final Duration BUDGET = Duration.ofMillis(500);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CountsOverBudget counts = new CountsOverBudget(now::get);

    @Test
    void aCountThatRanOutIsSkippedWithinTheSameOrASmallerBudgetForAWhile() {
        assertThat(counts.hopeless(SQL, List.of(1), BUDGET)).isFalse();
        counts.ranOut(SQL, List.of(1), BUDGET);
        assertThat(counts.hopeless(SQL, List.of(1), BUDGET)).isTrue();
        assertThat(counts.hopeless(SQL, List.of(1), Duration.ofMillis(100))).isTrue();
        assertThat(counts.hopeless(SQL, List.of(1), Duration.ofSeconds(5))).as("a longer budget may fit").isFalse();
        now.addAndGet(CountsOverBudget.REMEMBERED.toNanos() - 1);
        assertThat(counts.hopeless(SQL, List.of(1), BUDGET)).isTrue();
        now.addAndGet(1);
        assertThat(counts.hopeless(SQL, List.of(1), BUDGET)).as("the rows may have changed since").isFalse();
    }

    @Test
    void anotherStatementOrOtherValuesAreAnotherCount() {
        counts.ranOut(SQL, List.of(1), BUDGET);
        assertThat(counts.hopeless(SQL, List.of(2), BUDGET)).isFalse();
        assertThat(counts.hopeless(SQL.replace("a = ?", "b = ?"), List.of(1), BUDGET)).isFalse();
    }

    @Test
    void geometriesBoundAsBytesAreComparedByValue() {
        counts.ranOut(SQL, List.of(new byte[] {1, 2, 3}), BUDGET);
        assertThat(counts.hopeless(SQL, List.of(new byte[] {1, 2, 3}), BUDGET)).isTrue();
        assertThat(counts.hopeless(SQL, List.of(new byte[] {1, 2, 4}), BUDGET)).isFalse();
    }
}
