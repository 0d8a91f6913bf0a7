package fr.yseraa.observatory.core.feature;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * How a page (start index, count) of the concatenated results of several queries falls on each query.
 *
 * @param pages for each query, the offset and the number of its features in the page
 * @param matched the total number of matching features, empty when they were not all counted
 * @param returned the number of features in the page
 * @param more whether features follow the page
 */
public record PagePlan(List<Page> pages, OptionalLong matched, long returned, boolean more) {

    /** The part of one query's results in the page. */
    public record Page(long offset, long limit) {
    }

    /** The page of queries whose matches were each counted. */
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
        long returned = count - remaining;
        return new PagePlan(pages, OptionalLong.of(total), returned, returned > 0 && startIndex + returned < total);
    }

    /**
     * The page of one query: counted when {@code matched} holds the count (made within a time budget), else planned
     * from {@code foundUpToNext}, the number of matches from the start index on counted up to {@code count + 1}.
     */
    public static PagePlan ofOne(OptionalLong matched, long startIndex, long count, LongSupplier foundUpToNext) {
        return matched.isPresent() ? of(List.of(matched.getAsLong()), startIndex, count)
                : uncounted(startIndex, count, foundUpToNext.getAsLong());
    }

    /**
     * The page of one query whose matches were not all counted.
     *
     * @param found how many features match from the start index on, counted up to {@code count + 1}
     */
    public static PagePlan uncounted(long startIndex, long count, long found) {
        long returned = Math.min(found, count);
        boolean rest = found <= count; // the page holds everything from its start on
        boolean more = !rest && returned > 0; // an empty page (COUNT=0) leads nowhere
        // the rest of the results, found from a start within them, tells the total
        OptionalLong matched = rest && (found > 0 || startIndex == 0) ? OptionalLong.of(startIndex + found)
                : OptionalLong.empty();
        return new PagePlan(List.of(new Page(startIndex, returned)), matched, returned, more);
    }
}
