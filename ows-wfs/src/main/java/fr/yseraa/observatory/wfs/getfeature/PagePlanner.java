package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.feature.PagePlan;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans a page of results, counting what matches when that is affordable. A hits request and a request over several
 * feature types (whose pages depend on each type's total) always count; a request over one type counts within a
 * time budget, and past it counts only the page (numberMatched then says "unknown" unless the page shows the end):
 * paging through millions of features does not pay for a full count on every page. A page whose answer gives its
 * totals after its features is counted beside its stream instead ({@link #countBeside}).
 *
 * @param countBudget how long counting the matches of one query may take; zero never counts them
 */
public record PagePlanner(Duration countBudget) {

    private static final Logger LOG = LoggerFactory.getLogger(PagePlanner.class);

    /** The counts made beside a streaming page: one thread each at most, for as long as the count's budget. */
    private static final ExecutorService COUNTING = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "wfs-count");
        t.setDaemon(true);
        return t;
    });

    /** Time given beyond the budget to a count beside a stream, for its connection and round trips. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    public PagePlan plan(List<MatchingFeatures> sources, long startIndex, long count, boolean hits) {
        if (hits || sources.size() != 1) {
            return PagePlan.of(sources.stream().map(MatchingFeatures::count).toList(), startIndex, hits ? 0 : count);
        }
        MatchingFeatures source = sources.get(0);
        return PagePlan.ofOne(source.countWithin(countBudget), startIndex, count,
                () -> source.countUpTo(startIndex, count + 1));
    }

    /**
     * Starts counting the source's matches within the budget on another thread (its own connection), while the page
     * streams; {@link #matched} takes the result. The source carries its caller: the count sees what the stream sees.
     */
    public CompletableFuture<OptionalLong> countBeside(MatchingFeatures source) {
        return CompletableFuture.supplyAsync(() -> source.countWithin(countBudget), COUNTING);
    }

    /**
     * The count started by {@link #countBeside}, waited for no longer than its budget and a grace; empty when it ran
     * out or failed (the page has been sent by then: numberMatched is left out rather than the answer broken).
     */
    public OptionalLong matched(CompletableFuture<OptionalLong> counting) {
        try {
            return counting.get(countBudget.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            counting.cancel(false);
            return OptionalLong.empty();
        } catch (ExecutionException e) {
            LOG.warn("counting the matches beside a page failed; numberMatched left out", e.getCause());
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}
