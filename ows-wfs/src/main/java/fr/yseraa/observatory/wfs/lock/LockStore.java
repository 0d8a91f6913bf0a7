package fr.yseraa.observatory.wfs.lock;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * Where WFS locks live, shared by every replica of the server: LockFeature and GetFeatureWithLock take and renew
 * locks through {@link #begin}, a Transaction checks and releases them as {@link FeatureLocks}. A lock holds each of
 * its features until it expires or is released; an expired lock holds nothing.
 */
public interface LockStore extends FeatureLocks {

    /**
     * Starts taking features under a lock, in a database transaction of its own: a new lock, or the live lock
     * {@code renewedLockId} whose expiry starts again from now (LockHasExpired when it is unknown, expired or another
     * owner's).
     *
     * @param owner the login of the caller, recorded with the lock: only that account may use it
     */
    LockAttempt begin(String renewedLockId, Duration expiry, String owner);

    /** The features a live lock holds, type name and feature id, in a stable order, streamed. */
    void forEachLocked(String lockId, BiConsumer<String, String> typeAndFeature);
}
