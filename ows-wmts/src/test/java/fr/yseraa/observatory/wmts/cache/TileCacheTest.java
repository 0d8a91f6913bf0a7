package fr.yseraa.observatory.wmts.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TileCacheTest {

    static final byte[] BLANK = {9};

    static TileKey key(String accessLevel, long row, long col) {
        return new TileKey("essai:sightings", "sightings", "default", accessLevel, "png", "WebMercatorQuad", "12",
                row, col);
    }

    static CachedTile tile(String content) {
        return CachedTile.of(content.getBytes(StandardCharsets.UTF_8), Instant.now(), false);
    }

    @Test
    void tilesOfDifferentAccessLevelsAreDifferentFiles(@TempDir Path dir) {
        DiskTileStore store = new DiskTileStore(dir);
        store.put(key("public", 1, 2), tile("public view"));
        store.put(key("instructor", 1, 2), tile("exact view"));
        store.put(key("public", 1, 3), CachedTile.of(BLANK, Instant.now(), true));
        assertThat(new String(store.get(key("public", 1, 2), BLANK).orElseThrow().bytes(), StandardCharsets.UTF_8))
                .isEqualTo("public view");
        assertThat(new String(store.get(key("instructor", 1, 2), BLANK).orElseThrow().bytes(), StandardCharsets.UTF_8))
                .isEqualTo("exact view");
        CachedTile blank = store.get(key("public", 1, 3), BLANK).orElseThrow();
        assertThat(blank.blank()).isTrue();
        assertThat(blank.bytes()).isEqualTo(BLANK);
        assertThat(store.get(key("partner", 1, 2), BLANK)).isEmpty();
    }

    @Test
    void namesFromRequestsStayInsideTheFolder(@TempDir Path dir) {
        DiskTileStore store = new DiskTileStore(dir);
        TileKey evil = new TileKey("../../etc", "..", "2020-01-01/2020-12-31", "public", "png", "x/y", "..", 0, 0);
        store.put(evil, tile("x"));
        assertThat(store.path(evil).normalize()).startsWith(dir.toAbsolutePath().normalize());
        assertThat(store.get(evil, BLANK)).isPresent();
        assertThat(store.delete("../../etc", k -> k.equals(evil))).isEqualTo(1);
    }

    @Test
    void aLayersFingerprintLivesBesideItsTilesAndOutlivesTruncation(@TempDir Path dir) {
        DiskTileStore store = new DiskTileStore(dir);
        assertThat(store.fingerprint("essai:sightings")).isEmpty();
        store.put(key("public", 1, 2), tile("a"));
        store.fingerprint("essai:sightings", "abc");
        assertThat(store.delete("essai:sightings", k -> true)).isEqualTo(1);
        assertThat(store.fingerprint("essai:sightings")).contains("abc");
        assertThat(store.fingerprint("essai:zones")).isEmpty();
    }

    @Test
    void aLayersGenerationLivesBesideItsTilesAndOutlivesTruncation(@TempDir Path dir) {
        TileCache cache = new TileCache(new DiskTileStore(dir), 1 << 20);
        assertThat(cache.generation("essai:sightings")).isZero();
        TileKey k = key("public", 1, 2);
        cache.get(k, BLANK, k, () -> Map.of(k, tile("a")));
        cache.generation("essai:sightings", 7);
        assertThat(cache.invalidate("essai:sightings", t -> true)).isEqualTo(1);
        assertThat(new TileCache(new DiskTileStore(dir), 1 << 20).generation("essai:sightings")).isEqualTo(7);
        assertThat(cache.generation("essai:zones")).isZero();
    }

    @Test
    void tilesDrawnFromAnotherDatabaseAllGo(@TempDir Path dir) {
        TileCache cache = new TileCache(new DiskTileStore(dir), 1 << 20);
        TileKey sightings = key("public", 1, 2);
        TileKey zones = new TileKey("essai:zones", "zones", "default", "public", "png", "WebMercatorQuad", "12", 1, 2);
        cache.get(sightings, BLANK, sightings, () -> Map.of(sightings, tile("a")));
        cache.get(zones, BLANK, zones, () -> Map.of(zones, tile("b")));
        cache.generation("essai:zones", 4);
        assertThat(cache.follow("cluster-1/16384")).as("tiles of a database not recorded").isEqualTo(2);
        assertThat(cache.cached(sightings, BLANK)).isEmpty();
        assertThat(cache.generation("essai:zones")).isZero();

        cache.get(zones, BLANK, zones, () -> Map.of(zones, tile("c")));
        TileCache restarted = new TileCache(new DiskTileStore(dir), 1 << 20);
        assertThat(restarted.follow("cluster-1/16384")).as("the same database keeps them").isZero();
        assertThat(restarted.cached(zones, BLANK)).isPresent();
        assertThat(restarted.follow("cluster-2/16384")).isEqualTo(1);
        assertThat(restarted.cached(zones, BLANK)).isEmpty();
        assertThat(restarted.hot(zones)).isEmpty();
    }

    @Test
    void aBypassedCacheServesNothingAndRendersEveryTile(@TempDir Path dir) {
        TileCache cache = new TileCache(new DiskTileStore(dir), 1 << 20);
        TileKey k = key("public", 1, 2);
        cache.get(k, BLANK, k, () -> Map.of(k, tile("old")));
        cache.bypass(true);
        assertThat(cache.cached(k, BLANK)).isEmpty();
        assertThat(cache.hot(k)).isEmpty();
        assertThat(new String(cache.get(k, BLANK, k, () -> Map.of(k, tile("new"))).bytes(), StandardCharsets.UTF_8))
                .isEqualTo("new");
        cache.bypass(false);
        assertThat(new String(cache.cached(k, BLANK).orElseThrow().bytes(), StandardCharsets.UTF_8)).isEqualTo("new");
    }

    @Test
    void aTileInMemoryKnowsWhenItLeaves(@TempDir Path dir) {
        TileCache cache = new TileCache(new DiskTileStore(dir), 1 << 20);
        TileKey k = key("public", 1, 2);
        TileKey other = key("public", 1, 3);
        cache.get(k, BLANK, k, () -> Map.of(k, tile("first"), other, tile("beside")));
        TileCache.HotTile first = cache.hotTile(k).orElseThrow();
        TileCache.HotTile beside = cache.hotTile(other).orElseThrow();
        assertThat(cache.stillHot(first)).isTrue();

        cache.invalidate("essai:sightings", key -> key.equals(k));
        assertThat(cache.stillHot(first)).as("invalidated").isFalse();
        assertThat(cache.stillHot(beside)).as("not invalidated").isTrue();

        cache.get(k, BLANK, k, () -> Map.of(k, tile("second")));
        TileCache.HotTile second = cache.hotTile(k).orElseThrow();
        assertThat(second.tile().bytes()).isEqualTo("second".getBytes(StandardCharsets.UTF_8));
        assertThat(cache.stillHot(first)).as("gone for good, though its key is back").isFalse();
        assertThat(cache.stillHot(second)).isTrue();
        cache.bypass(true);
        assertThat(cache.stillHot(second)).as("bypassed").isFalse();
        cache.bypass(false);

        TileCache small = new TileCache(new DiskTileStore(dir.resolve("small")), 100 * (1000 + 256));
        small.get(k, BLANK, k, () -> Map.of(k, tile("x".repeat(1000))));
        TileCache.HotTile evicted = small.hotTile(k).orElseThrow();
        for (long col = 10; col < 2000 && small.stillHot(evicted); col++) { // tiles read more often come in
            TileKey next = key("public", 1, col);
            small.get(next, BLANK, next, () -> Map.of(next, tile("y".repeat(1000))));
            for (int i = 0; i < 10; i++) {
                small.hotTile(next);
            }
        }
        assertThat(small.hot(k)).isEmpty();
        assertThat(small.stillHot(evicted)).as("evicted").isFalse();
    }

    @Test
    void invalidationSelectsTilesOfEveryAccessLevel(@TempDir Path dir) {
        TileCache cache = new TileCache(new DiskTileStore(dir), 1 << 20);
        for (String level : List.of("public", "instructor")) {
            for (long col = 0; col < 4; col++) {
                TileKey k = key(level, 0, col);
                cache.get(k, BLANK, k, () -> Map.of(k, tile(level + k.col())));
            }
        }
        assertThat(cache.invalidate("essai:sightings", k -> k.col() == 2)).isEqualTo(2);
        assertThat(cache.cached(key("public", 0, 2), BLANK)).isEmpty();
        assertThat(cache.cached(key("instructor", 0, 2), BLANK)).isEmpty();
        assertThat(cache.hot(key("public", 0, 1))).isPresent();
        assertThat(cache.cached(key("instructor", 0, 3), BLANK)).isPresent();
    }

    @Test
    void concurrentRequestsOfOneMetatileRenderItOnce(@TempDir Path dir) throws Exception {
        TileCache cache = new TileCache(new DiskTileStore(dir), 1 << 20);
        TileKey meta = key("public", 0, 0);
        AtomicInteger renders = new AtomicInteger();
        CountDownLatch rendering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<CachedTile> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 6; i++) {
            TileKey wanted = key("public", i % 2, i / 2 % 2);
            Thread t = new Thread(() -> answers.add(cache.get(wanted, BLANK, meta, () -> {
                renders.incrementAndGet();
                rendering.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Map.of(key("public", 0, 0), tile("a"), key("public", 0, 1), tile("b"),
                        key("public", 1, 0), tile("c"), key("public", 1, 1), tile("d"));
            })));
            threads.add(t);
            t.start();
        }
        rendering.await();
        // wait until every other thread is parked on the render in progress, then let it finish
        for (Thread t : threads) {
            while (t.isAlive() && t.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
        }
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(renders.get()).isEqualTo(1);
        assertThat(answers).hasSize(6).doesNotContainNull();
        assertThat(Files.exists(dir)).isTrue();
    }

    /** A render of the metatile of key("public", 0, 0) that waits for its release; its tiles name the run. */
    static final class BlockingRender implements Supplier<Map<TileKey, CachedTile>> {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public Map<TileKey, CachedTile> get() {
            String drawn = "run " + runs.incrementAndGet();
            started.countDown();
            await(release);
            return Map.of(key("public", 0, 0), tile(drawn), key("public", 0, 1), tile(drawn));
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String text(CachedTile tile) {
        return new String(tile.bytes(), StandardCharsets.UTF_8);
    }

    /** Waits until the thread is parked (on a render in progress or a lock) or over. */
    static void untilParked(Thread t) {
        while (t.isAlive() && t.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }

    /** Asks for the metatile's first tile, runs {@code meanwhile} while it renders, then lets the render end. */
    static CachedTile askAcross(TileCache cache, BlockingRender render, Runnable meanwhile) throws Exception {
        TileKey meta = key("public", 0, 0);
        AtomicReference<CachedTile> answer = new AtomicReference<>();
        Thread asking = new Thread(() -> answer.set(cache.get(meta, BLANK, meta, render)));
        asking.start();
        render.started.await();
        meanwhile.run();
        render.release.countDown();
        asking.join();
        return answer.get();
    }

    @Test
    void tilesDrawnBeforeAnInvalidationOfTheirLayerAreAnsweredButNotStored(@TempDir Path dir) throws Exception {
        TileCache cache = new TileCache(new DiskTileStore(dir), 1 << 20);
        BlockingRender render = new BlockingRender();
        TileKey meta = key("public", 0, 0);
        CachedTile answer = askAcross(cache, render, () -> cache.invalidate("essai:sightings", k -> true));
        assertThat(text(answer)).isEqualTo("run 1");
        assertThat(cache.cached(meta, BLANK)).isEmpty();
        assertThat(cache.cached(key("public", 0, 1), BLANK)).isEmpty();
        assertThat(text(cache.get(meta, BLANK, meta, render))).isEqualTo("run 2");
        assertThat(render.runs).hasValue(2);
        assertThat(cache.cached(key("public", 0, 1), BLANK).map(TileCacheTest::text)).contains("run 2");
    }

    @Test
    void anInvalidationOfAnotherLayerLetsTheRenderStoreItsTiles(@TempDir Path dir) throws Exception {
        TileCache cache = new TileCache(new DiskTileStore(dir), 1 << 20);
        BlockingRender render = new BlockingRender();
        TileKey meta = key("public", 0, 0);
        askAcross(cache, render, () -> cache.invalidate("essai:zones", k -> true));
        assertThat(cache.cached(key("public", 0, 1), BLANK).map(TileCacheTest::text)).contains("run 1");
        assertThat(text(cache.get(meta, BLANK, meta, render))).isEqualTo("run 1");
        assertThat(render.runs).hasValue(1);
    }

    @Test
    void aRequestMadeAfterAnInvalidationDoesNotTakeTheTilesOfARenderAskedBefore(@TempDir Path dir) throws Exception {
        TileCache cache = new TileCache(new DiskTileStore(dir), 1 << 20);
        BlockingRender render = new BlockingRender();
        TileKey meta = key("public", 0, 0);
        AtomicReference<CachedTile> late = new AtomicReference<>();
        Thread lateRequest = new Thread(() -> late.set(cache.get(key("public", 0, 1), BLANK, meta, render)));
        AtomicInteger runsWhileLateWaits = new AtomicInteger();
        CachedTile early = askAcross(cache, render, () -> {
            cache.invalidate("essai:sightings", k -> true);
            lateRequest.start();
            untilParked(lateRequest);
            runsWhileLateWaits.set(render.runs.get());
        });
        lateRequest.join();
        assertThat(runsWhileLateWaits).hasValue(1); // it waited for the render in progress: one at a time
        assertThat(text(early)).isEqualTo("run 1");
        assertThat(text(late.get())).isEqualTo("run 2");
        assertThat(cache.cached(meta, BLANK).map(TileCacheTest::text)).contains("run 2");
    }
}
