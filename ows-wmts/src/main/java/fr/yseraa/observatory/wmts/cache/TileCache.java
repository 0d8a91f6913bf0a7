package fr.yseraa.observatory.wmts.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import fr.yseraa.observatory.core.ows.ClientDeparture;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The tile cache: hot tiles in memory (Caffeine, bounded by bytes) over the disk store, and the rendering of
 * missing tiles one metatile at a time: the first request of a metatile renders it, every concurrent request of
 * any tile of the same metatile waits for that render instead of starting its own. Tiles read or drawn before an
 * invalidation of their layer are answered to their callers but never stored after it ({@link LayerGenerations}).
 * While the cache is {@linkplain #bypass(boolean) bypassed} (its invalidations may be missed: a server's replicas
 * lost touch), nothing is answered from it: every tile is rendered.
 */
public final class TileCache {

    /** A render of a metatile: the generation of its layer before it was asked for, and the tiles it answers. */
    private record Render(long generation, CompletableFuture<Map<TileKey, CachedTile>> tiles) {
    }

    /**
     * A tile held in memory, and whether it still is: it leaves once (an invalidation, an eviction, a replacement, a
     * truncation), and never comes back (a tile read or drawn again is a new one). Whoever keeps something made
     * from it asks {@link #stillHot} instead of looking it up again.
     */
    public static final class HotTile {

        private final CachedTile tile;
        private volatile boolean left;

        private HotTile(CachedTile tile) {
            this.tile = tile;
        }

        public CachedTile tile() {
            return tile;
        }
    }

    private final DiskTileStore disk;
    private final Cache<TileKey, HotTile> memory;
    private final Map<TileKey, Render> rendering = new ConcurrentHashMap<>();
    private final LayerGenerations generations = new LayerGenerations();
    private volatile boolean bypassed;

    public TileCache(DiskTileStore disk, long memoryBytes) {
        this.disk = disk;
        // the removal of a tile (whatever its cause) marked on the thread that removes it, before that thread goes on:
        // once an invalidation returns, the tiles it dropped are known as gone
        this.memory = Caffeine.newBuilder().maximumWeight(memoryBytes).executor(Runnable::run)
                .weigher((TileKey k, HotTile t) -> t.tile().bytes().length + 256)
                .removalListener((TileKey k, HotTile t, RemovalCause cause) -> t.left = true).build();
    }

    /** A cached tile, from memory or disk, without rendering. */
    public Optional<CachedTile> cached(TileKey key, byte[] blankBytes) {
        if (bypassed) {
            return Optional.empty();
        }
        Optional<CachedTile> inMemory = hot(key);
        if (inMemory.isPresent()) {
            return inMemory;
        }
        long generation = generations.current(key.layer());
        Optional<CachedTile> stored = disk.get(key, blankBytes);
        stored.ifPresent(t -> generations.storeIf(key.layer(), generation, () -> memory.put(key, new HotTile(t))));
        return stored;
    }

    /**
     * The tile, rendering its metatile when it is not cached. A request never gets a tile drawn before an
     * invalidation of its layer that ended before it was made.
     *
     * @param metatile the key of the metatile's first tile: the lock of the render
     * @param render draws the metatile and answers every tile of it
     */
    public CachedTile get(TileKey key, byte[] blankBytes, TileKey metatile, Supplier<Map<TileKey, CachedTile>> render) {
        Optional<CachedTile> cached = cached(key, blankBytes);
        if (cached.isPresent()) {
            return cached.get();
        }
        Render mine = new Render(generations.current(metatile.layer()), new CompletableFuture<>());
        Render running = rendering.putIfAbsent(metatile, mine);
        if (running == null) {
            try {
                Optional<CachedTile> justDone = cached(key, blankBytes); // a render may have ended meanwhile
                if (justDone.isPresent()) {
                    mine.tiles().complete(Map.of(key, justDone.get()));
                    return justDone.get();
                }
                Map<TileKey, CachedTile> tiles;
                try (ClientDeparture.Binding shared = ClientDeparture.NEVER.bind()) {
                    tiles = render.get(); // others may wait for it: it never stops because this client left
                }
                generations.storeIf(metatile.layer(), mine.generation(), () -> tiles.forEach((k, t) -> {
                    disk.put(k, t);
                    memory.put(k, new HotTile(t));
                }));
                mine.tiles().complete(tiles);
            } catch (RuntimeException | Error e) {
                mine.tiles().completeExceptionally(e);
                throw e;
            } finally {
                rendering.remove(metatile, mine);
            }
            return mine.tiles().join().get(key);
        }
        try {
            CachedTile rendered = running.tiles().join().get(key);
            // a render that found its tile already cached answers only that tile, and one asked for before an
            // invalidation that this request came after drew old data: look again
            if (rendered != null && running.generation() >= mine.generation()) {
                return rendered;
            }
            rendering.remove(metatile, running); // it is over: the next look must not find it again
            return get(key, blankBytes, metatile, render);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * Forgets the tiles of a layer that the predicate selects, in memory and on disk; returns how many files. The
     * renders of the layer in flight will not store their tiles, whatever the predicate.
     */
    public long invalidate(String layer, Predicate<TileKey> selected) {
        return generations.invalidate(layer, () -> {
            memory.asMap().keySet().removeIf(k -> k.layer().equals(layer) && selected.test(k));
            return disk.delete(layer, selected);
        });
    }

    /** The fingerprint of what the layer's cached tiles were drawn from, if one was recorded. */
    public Optional<String> fingerprint(String layer) {
        return disk.fingerprint(layer);
    }

    public void fingerprint(String layer, String fingerprint) {
        disk.fingerprint(layer, fingerprint);
    }

    /** A tile held in memory, without touching the disk (for a thread that must not block, and for tests). */
    public Optional<CachedTile> hot(TileKey key) {
        return hotTile(key).map(HotTile::tile);
    }

    /** A tile held in memory, as {@link #hot}, with what tells whether it stays there ({@link #stillHot}). */
    public Optional<HotTile> hotTile(TileKey key) {
        return bypassed ? Optional.empty() : Optional.ofNullable(memory.getIfPresent(key));
    }

    /**
     * Whether a tile {@link #hotTile} gave is still the one in memory, as a new look-up of its key would say: it has
     * not left memory, and the cache is not bypassed. Two field reads.
     */
    public boolean stillHot(HotTile tile) {
        return !tile.left && !bypassed;
    }

    /**
     * Whether to answer nothing from the cache (every tile rendered, and stored for later) until told otherwise:
     * for when invalidations may be missed.
     */
    public void bypass(boolean bypass) {
        this.bypassed = bypass;
    }

    /**
     * Makes the cache follow a database (an identity that a copy of its data in another database does not share):
     * when the stored tiles were drawn from another one, or from one not recorded, every tile goes, with the
     * generations the layers followed there. Returns how many files went.
     */
    public long follow(String database) {
        if (disk.database().filter(database::equals).isPresent()) {
            return 0;
        }
        long dropped = 0;
        for (String layer : disk.layers()) {
            dropped += invalidate(layer, k -> true);
            disk.generation(layer, 0);
        }
        memory.invalidateAll();
        disk.database(database);
        return dropped;
    }

    /** The generation of invalidations the layer's cached tiles follow, 0 when none was recorded. */
    public long generation(String layer) {
        return disk.generation(layer);
    }

    public void generation(String layer, long generation) {
        disk.generation(layer, generation);
    }
}
