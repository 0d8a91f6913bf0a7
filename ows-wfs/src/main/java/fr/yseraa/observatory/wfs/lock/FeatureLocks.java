package fr.yseraa.observatory.wfs.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The WFS locks as a Transaction sees them. The Transaction calls both methods inside its own database transaction:
 * {@link #checkWritable} once per action, after resolving which features the action touches (only features the
 * caller may read) and before changing any; {@link #release} once, after the last action and before the commit.
 * Feature ids are the published resource ids (gml:id / fes:ResourceId rid), type names are qualified (sinp:occurrences).
 * A lock belongs to the account that took it ({@code owner}, the caller's login): a lock id given by another account
 * is as unknown as one never given, so that nobody uses, renews or releases someone else's lock.
 */
public interface FeatureLocks {

    /**
     * Refuses a {@code lockId} that is not a live lock of this owner: unknown, released or another owner's
     * (InvalidLockId), expired (LockHasExpired). Nothing when lockId is null. A Transaction naming a lock asks this
     * first, whether it has actions or not.
     */
    void checkLockId(Connection c, String owner, String lockId) throws SQLException;

    /**
     * Refuses, with the WFS exception report the standard names, a write to features that hold a live lock other
     * than {@code lockId} (null when the request names none), and an unknown or expired {@code lockId} (a lock of
     * another owner is unknown).
     */
    void checkWritable(Connection c, String owner, String typeName, Collection<String> featureIds, String lockId)
            throws SQLException;

    /**
     * Applies the request's releaseAction: {@code all} releases every feature of {@code lockId}; otherwise only
     * {@code touchedIds} are released and the lock's other features keep their lock. Nothing when lockId is null or
     * a lock of another owner.
     */
    void release(Connection c, String owner, String lockId, boolean all, Collection<String> touchedIds)
            throws SQLException;

    /** No locking at all: every write passes, nothing to release. */
    FeatureLocks NONE = new FeatureLocks() {
        @Override
        public void checkLockId(Connection c, String owner, String lockId) {
        }

        @Override
        public void checkWritable(Connection c, String owner, String typeName, Collection<String> featureIds,
                                  String lockId) {
        }

        @Override
        public void release(Connection c, String owner, String lockId, boolean all, Collection<String> touchedIds) {
        }
    };
}
