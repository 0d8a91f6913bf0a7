package fr.yseraa.observatory.core.feature;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The counts that ran out of their time budget lately, so that the same count is not tried again for a while within
 * the same or a smaller budget: a client paging through millions of rows the caller may see would otherwise pay the
 * whole budget of database time on every page for a count that never fits (at 6 M occurrences, 500 ms a page beside a
 * page read in a fraction of that). A count is the same when its statement and its bound values are (they carry the
 * layer, the caller's access and the query's filter). After {@link #REMEMBERED} it is tried again: the rows may have
 * changed.
 */
final class CountsOverBudget {

    static final Duration REMEMBERED = Duration.ofSeconds(60);
    private static final int MAX_REMEMBERED = 10_000;

    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    CountsOverBudget() {
        this(System::nanoTime);
    }

    CountsOverBudget(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Whether this count ran out of a budget at least as long as this one, less than {@link #REMEMBERED} ago. */
    boolean hopeless(String sql, List<Object> params, Duration budget) {
        Outcome outcome = outcomes.get(key(sql, params));
        return outcome != null && nanoClock.getAsLong() - outcome.atNanos() < REMEMBERED.toNanos()
                && budget.compareTo(outcome.budget()) <= 0;
    }

    /** This count ran out of this budget now. */
    void ranOut(String sql, List<Object> params, Duration budget) {
        if (outcomes.size() >= MAX_REMEMBERED) {
            outcomes.clear();
        }
        outcomes.put(key(sql, params), new Outcome(budget, nanoClock.getAsLong()));
    }

    private static String key(String sql, List<Object> params) {
        return sql + '\u0000' + Arrays.deepToString(params.toArray()); // a geometry's WKB by value
    }

    private record Outcome(Duration budget, long atNanos) {
    }
}
