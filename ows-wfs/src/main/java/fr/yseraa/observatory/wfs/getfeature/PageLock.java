package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.feature.PagePlan;
import java.util.List;
import java.util.function.Predicate;

/**
 * What GetFeatureWithLock adds to GetFeature: before the page is written, its features are locked; the answer
 * carries the lock's id and only the features the lock holds.
 */
@FunctionalInterface
public interface PageLock {

    /** Locks the features of the planned page of each query (the plan's pages, in query order). */
    Locked lock(List<MatchingFeatures> sources, PagePlan plan);

    /**
     * A locked page.
     *
     * @param returned how many features of the page the lock holds
     * @param holds whether the lock holds a feature (by id)
     */
    record Locked(String lockId, long returned, Predicate<String> holds) {
    }
}
