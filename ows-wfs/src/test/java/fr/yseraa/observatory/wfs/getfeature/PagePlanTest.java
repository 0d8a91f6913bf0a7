package fr.yseraa.observatory.wfs.getfeature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PagePlanTest {

    @Test
    void aPageSpanningTwoQueries() {
        PagePlan plan = PagePlan.of(List.of(10L, 20L), 8, 5);
        assertThat(plan.matched()).isEqualTo(30);
        assertThat(plan.returned()).isEqualTo(5);
        assertThat(plan.pages()).containsExactly(new PagePlan.Page(8, 2), new PagePlan.Page(0, 3));
    }

    @Test
    void pagesBeyondTheEndAreEmpty() {
        PagePlan plan = PagePlan.of(List.of(10L, 20L), 40, 5);
        assertThat(plan.returned()).isZero();
        assertThat(plan.pages()).allMatch(p -> p.limit() == 0);
    }

    @Test
    void hitsAskForNoFeature() {
        PagePlan plan = PagePlan.of(List.of(7L), 0, 0);
        assertThat(plan.matched()).isEqualTo(7);
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
}
