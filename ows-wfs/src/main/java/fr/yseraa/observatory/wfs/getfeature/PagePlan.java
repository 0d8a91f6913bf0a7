package fr.yseraa.observatory.wfs.getfeature;

import java.util.ArrayList;
import java.util.List;

/**
 * How a page (start index, count) of the concatenated results of several queries falls on each query.
 *
 * @param pages for each query, the offset and the number of its features in the page
 * @param matched the total number of matching features
 * @param returned the number of features in the page
 */
public record PagePlan(List<Page> pages, long matched, long returned) {

    /** The part of one query's results in the page. */
    public record Page(long offset, long limit) {
    }

    public static PagePlan of(List<Long> matchedPerQuery, long startIndex, long count) {
        List<Page> pages = new ArrayList<>();
        long before = 0;
        long remaining = count;
        long total = 0;
        for (long matched : matchedPerQuery) {
            long offset = Math.max(0, startIndex - before);
            long available = Math.max(0, matched - offset);
            long take = Math.min(available, remaining);
            pages.add(new Page(Math.min(offset, matched), take));
            remaining -= take;
            before += matched;
            total += matched;
        }
        return new PagePlan(pages, total, count - remaining);
    }
}
