package fr.yseraa.observatory.wmts.cache;

import static fr.yseraa.observatory.wmts.cache.TileCacheTest.await;
import static fr.yseraa.observatory.wmts.cache.TileCacheTest.untilParked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LayerGenerationsTest {

    @Test
    void anInvalidationWaitsForTheStoreInProgressAndRefusesTheLaterOnes() throws Exception {
        LayerGenerations generations = new LayerGenerations();
        long before = generations.current("a");
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Thread store = new Thread(() -> generations.storeIf("a", before, () -> {
            storing.countDown();
            await(release);
            events.add("stored");
        }));
        store.start();
        storing.await();
        Thread invalidation = new Thread(() -> generations.invalidate("a", () -> {
            events.add("dropped");
            return 0;
        }));
        invalidation.start();
        untilParked(invalidation);
        assertThat(events).isEmpty();
        release.countDown();
        store.join();
        invalidation.join();
        assertThat(events).containsExactly("stored", "dropped");
        assertThat(generations.storeIf("a", before, () -> events.add("late"))).isFalse();
        assertThat(generations.storeIf("a", generations.current("a"), () -> events.add("fresh"))).isTrue();
        assertThat(generations.storeIf("b", generations.current("b"), () -> events.add("other"))).isTrue();
        assertThat(events).containsExactly("stored", "dropped", "fresh", "other");
    }

    @Test
    void aFailedDropStillRefusesTheStoresInFlight() {
        LayerGenerations generations = new LayerGenerations();
        long before = generations.current("a");
        assertThatThrownBy(() -> generations.invalidate("a", () -> {
            throw new IllegalStateException("disk");
        })).hasMessage("disk");
        assertThat(generations.storeIf("a", before, () -> { })).isFalse();
    }
}
