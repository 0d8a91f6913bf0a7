package fr.yseraa.observatory.wfs.lock;

import java.time.Duration;

/**
 * The WFS's locking: where locks live and the longest a client may ask one to last (a lock blocks other writers
 * until it expires, so no client may hold features for longer than this).
 */
public record Locking(LockStore store, Duration maxExpiry) {

    public Locking {
        if (store == null || maxExpiry == null || maxExpiry.isNegative() || maxExpiry.isZero()) {
            throw new IllegalArgumentException("locking needs a store and a positive maximum expiry");
        }
    }
}
