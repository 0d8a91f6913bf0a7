package fr.yseraa.observatory.core.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PagePlanTest {

    @Test
    void aPageSpanningTwoQueries() {
        PagePlan plan = PagePlan.of(List.of(10L, 20L), 8, 5);
        assertThat(plan.matched()).hasValue(30);
        assertThat(plan.returned()).isEqualTo(5);
        assertThat(plan.more()).isTrue();
        assertThat(plan.pages()).containsExactly(new PagePlan.Page(8, 2), new PagePlan.Page(0, 3));
    }

    @Test
    void pagesBeyondTheEndAreEmpty() {
        PagePlan plan = PagePlan.of(List.of(10L, 20L), 40, 5);
        assertThat(plan.returned()).isZero();
        assertThat(plan.more()).isFalse();
        assertThat(plan.pages()).allMatch(p -> p.limit() == 0);
    }

    @Test
    void hitsAskForNoFeature() {
        PagePlan plan = PagePlan.of(List.of(7L), 0, 0);
        assertThat(plan.matched()).hasValue(7);
        assertThat(plan.returned()).isZero();
    }

    @Test
    void everyFeatureFallsInExactlyOnePage() {
        List<Long> matched = List.of(3L, 0L, 11L, 5L);
        int[] seen = new int[19];
        for (long start = 0; start < 19; start += 4) {
            PagePlan plan = PagePlan.of(matched, start, 4);
            long before = 0;
            for (int q = 0; q < matched.size(); q++) {
                PagePlan.Page p = plan.pages().get(q);
                for (long i = 0; i < p.limit(); i++) {
                    seen[(int) (before + p.offset() + i)]++;
                }
                before += matched.get(q);
            }
        }
        assertThat(seen).containsOnly(1);
    }

    @Test
    void theLastPageHasNothingMore() {
        assertThat(PagePlan.of(List.of(10L), 5, 5).more()).isFalse();
        assertThat(PagePlan.of(List.of(10L), 4, 5).more()).isTrue();
    }

    @Test
    void anUncountedPageThatIsFullSaysThereIsMoreAndKnowsNoTotal() {
        PagePlan plan = PagePlan.uncounted(100, 10, 11);
        assertThat(plan.returned()).isEqualTo(10);
        assertThat(plan.more()).isTrue();
        assertThat(plan.matched()).isEmpty();
        assertThat(plan.pages()).containsExactly(new PagePlan.Page(100, 10));
    }

    @Test
    void anUncountedPageThatIsNotFullShowsTheTotal() {
        PagePlan last = PagePlan.uncounted(100, 10, 4);
        assertThat(last.returned()).isEqualTo(4);
        assertThat(last.more()).isFalse();
        assertThat(last.matched()).hasValue(104);
        // exactly full: nothing follows, the total is known
        assertThat(PagePlan.uncounted(100, 10, 10).matched()).hasValue(110);
        assertThat(PagePlan.uncounted(0, 10, 0).matched()).hasValue(0);
    }

    @Test
    void anEmptyUncountedPageLeadsNowhere() {
        PagePlan none = PagePlan.uncounted(0, 0, 1);
        assertThat(none.returned()).isZero();
        assertThat(none.more()).isFalse();
        assertThat(none.matched()).isEmpty();
    }

    @Test
    void anUncountedPagePastTheEndKnowsNoTotal() {
        PagePlan past = PagePlan.uncounted(100, 10, 0);
        assertThat(past.returned()).isZero();
        assertThat(past.more()).isFalse();
        assertThat(past.matched()).isEmpty();
    }
}
