package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.feature.PagePlan;
import java.time.Duration;
import java.util.List;

/**
 * Plans a page of results, counting what matches when that is affordable. A hits request and a request over several
 * feature types (whose pages depend on each type's total) always count; a request over one type counts within a
 * time budget, and past it counts only the page (numberMatched then says "unknown" unless the page shows the end):
 * paging through millions of features does not pay for a full count on every page.
 *
 * @param countBudget how long counting the matches of one query may take; zero never counts them
 */
public record PagePlanner(Duration countBudget) {

    public PagePlan plan(List<MatchingFeatures> sources, long startIndex, long count, boolean hits) {
        if (hits || sources.size() != 1) {
            return PagePlan.of(sources.stream().map(MatchingFeatures::count).toList(), startIndex, hits ? 0 : count);
        }
        MatchingFeatures source = sources.get(0);
        return PagePlan.ofOne(source.countWithin(countBudget), startIndex, count,
                () -> source.countUpTo(startIndex, count + 1));
    }
}
