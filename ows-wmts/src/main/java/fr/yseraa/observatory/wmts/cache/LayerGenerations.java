package fr.yseraa.observatory.wmts.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;

/**
 * Keeps tiles read or drawn before an invalidation of their layer from entering the cache after it. Each layer
 * counts its invalidations (its generation); whoever is about to fetch tiles (a render reading the database, a disk
 * read to promote into memory) notes the generation first, and stores them only if it has not moved since. An
 * invalidation and the stores of its layer exclude each other (stores share a lock, an invalidation holds it alone),
 * so a store either ends before the invalidation drops tiles, or comes after and sees the new generation. The
 * generation moves once the tiles are dropped: whoever notes the new one fetches after the drop. Any invalidation of
 * the layer refuses the stores in flight, whatever area it covers: conservative, never stale.
 */
final class LayerGenerations {

    private static final class Generation {
        final ReadWriteLock lock = new ReentrantReadWriteLock();
        final AtomicLong invalidations = new AtomicLong();
    }

    private final Map<String, Generation> layers = new ConcurrentHashMap<>();

    /** The layer's generation, to note before fetching tiles of it. */
    long current(String layer) {
        return of(layer).invalidations.get();
    }

    /** Runs the store unless the layer was invalidated since {@code generation}; returns whether it ran. */
    boolean storeIf(String layer, long generation, Runnable store) {
        Generation g = of(layer);
        g.lock.readLock().lock();
        try {
            if (g.invalidations.get() != generation) {
                return false;
            }
            store.run();
            return true;
        } finally {
            g.lock.readLock().unlock();
        }
    }

    /**
     * Runs the drop of tiles of the layer with no store of it meanwhile, then moves its generation; returns what the
     * drop returns.
     */
    long invalidate(String layer, LongSupplier drop) {
        Generation g = of(layer);
        g.lock.writeLock().lock();
        try {
            return drop.getAsLong();
        } finally {
            g.invalidations.incrementAndGet(); // even when the drop failed halfway: the stores in flight are refused
            g.lock.writeLock().unlock();
        }
    }

    private Generation of(String layer) {
        return layers.computeIfAbsent(layer, l -> new Generation());
    }
}
