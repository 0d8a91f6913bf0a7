package fr.yseraa.observatory.server.wfs;

import fr.yseraa.observatory.core.feature.FeatureAccessException;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.wfs.lock.LockAttempt;
import fr.yseraa.observatory.wfs.lock.LockStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import javax.sql.DataSource;

/**
 * The WFS locks in PostgreSQL ({@code security.wfs_lock}, {@code security.wfs_locked_feature}, migration V5), so
 * that every replica of the server sees the same locks. Taking a feature is one {@code INSERT ... ON CONFLICT}
 * that succeeds only where no other live lock holds it, so two requests racing for a feature cannot both win. Each
 * statement takes its rows in feature id order (LockFeature's batches and a Transaction's claim alike), which keeps
 * two of them from deadlocking within one batch; across batches PostgreSQL still may break a deadlock by failing one.
 * Expired locks hold nothing: they are ignored at once and purged when locks are next taken; a lock's own row stays
 * {@link #EXPIRED_LOCKS_REMEMBERED} past its expiry, so that its id answers LockHasExpired rather than InvalidLockId.
 * A lock is its owner's: every statement that uses a given lock id also matches the caller's login, so another
 * account's lock id answers as an unknown one and changes nothing.
 */
public final class PostgresLockStore implements LockStore {

    /** How long an expired lock's id is still known as expired rather than unknown. */
    static final Duration EXPIRED_LOCKS_REMEMBERED = Duration.ofDays(1);
    /** The most rows one purge deletes: purging is bounded work added to taking a lock. */
    private static final int PURGE_BATCH = 10_000;
    private static final int FETCH_SIZE = 1000;

    private static final String TAKE = """
            WITH wanted AS (SELECT DISTINCT id FROM unnest(?::text[]) AS id),
            taken AS (
                INSERT INTO security.wfs_locked_feature AS lf (type_name, feature_id, lock_id, expires_at)
                SELECT ?, id, l.lock_id, l.expires_at FROM wanted, security.wfs_lock l WHERE l.lock_id = ?
                ORDER BY id
                ON CONFLICT (type_name, feature_id) DO UPDATE SET lock_id = EXCLUDED.lock_id,
                    expires_at = EXCLUDED.expires_at
                WHERE lf.expires_at <= now() OR lf.lock_id = EXCLUDED.lock_id
                RETURNING feature_id)
            SELECT id FROM wanted WHERE id NOT IN (SELECT feature_id FROM taken) ORDER BY id
            """;

    /**
     * A Transaction's claim on the features it changes: a row per feature (an expired one without lock when none
     * exists), locked until the Transaction ends, so that nobody takes the features in between; answers the
     * features a live lock other than the given one holds.
     */
    private static final String CLAIM = """
            WITH claimed AS (
                INSERT INTO security.wfs_locked_feature AS lf (type_name, feature_id, lock_id, expires_at)
                SELECT ?, id, NULL, '-infinity' FROM (SELECT DISTINCT id FROM unnest(?::text[]) AS id) AS wanted
                ORDER BY id
                ON CONFLICT (type_name, feature_id) DO UPDATE SET expires_at = lf.expires_at
                RETURNING feature_id, lock_id, expires_at)
            SELECT feature_id FROM claimed WHERE expires_at > now() AND lock_id IS DISTINCT FROM ?::text
            ORDER BY feature_id LIMIT 1
            """;

    private final DataSource dataSource;

    public PostgresLockStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public LockAttempt begin(String renewedLockId, Duration expiry, String owner) {
        purgeExpired();
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            String lockId = renewedLockId == null ? create(c, expiry, owner) : renew(c, renewedLockId, expiry, owner);
            return new Attempt(c, lockId);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            throw e instanceof SQLException sql ? failure(sql) : (RuntimeException) e;
        }
    }

    private static String create(Connection c, Duration expiry, String owner) throws SQLException {
        String lockId = UUID.randomUUID().toString();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO security.wfs_lock (lock_id, owner, duration, "
                + "expires_at) VALUES (?, ?, make_interval(secs => ?), now() + make_interval(secs => ?))")) {
            ps.setString(1, lockId);
            ps.setString(2, owner);
            ps.setLong(3, expiry.toSeconds());
            ps.setLong(4, expiry.toSeconds());
            ps.executeUpdate();
        }
        return lockId;
    }

    /** LockFeature with a lockId: the live lock's expiry starts again (ISO 19142 12.2.4.2). */
    private static String renew(Connection c, String lockId, Duration expiry, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE security.wfs_lock SET duration = make_interval(secs => ?),"
                + " expires_at = now() + make_interval(secs => ?) WHERE lock_id = ? AND owner = ? AND expires_at > now()")) {
            ps.setLong(1, expiry.toSeconds());
            ps.setLong(2, expiry.toSeconds());
            ps.setString(3, lockId);
            ps.setString(4, owner);
            if (ps.executeUpdate() == 0) {
                // the ETS (and ISO 19142 table D.2) want LockHasExpired, 403, for an unknown lock too
                throw new OwsException(OwsExceptionCode.LOCK_HAS_EXPIRED, "lockId",
                        "Lock " + lockId + " has expired or does not exist");
            }
        }
        followExpiry(c, lockId);
        return lockId;
    }

    /** Gives the lock's features the lock's expiry. */
    private static void followExpiry(Connection c, String lockId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE security.wfs_locked_feature f SET expires_at = "
                + "l.expires_at FROM security.wfs_lock l WHERE l.lock_id = ? AND f.lock_id = l.lock_id")) {
            ps.setString(1, lockId);
            ps.executeUpdate();
        }
    }

    /** Deletes the rows of expired locks' features and the locks past their memory, skipping rows others hold. */
    void purgeExpired() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM security.wfs_locked_feature WHERE ctid = ANY(ARRAY(SELECT ctid FROM "
                    + "security.wfs_locked_feature WHERE expires_at <= now() LIMIT " + PURGE_BATCH
                    + " FOR UPDATE SKIP LOCKED))");
            st.executeUpdate("DELETE FROM security.wfs_lock WHERE lock_id = ANY(ARRAY(SELECT lock_id FROM "
                    + "security.wfs_lock WHERE expires_at < now() - interval '" + EXPIRED_LOCKS_REMEMBERED.toSeconds()
                    + " seconds' LIMIT " + PURGE_BATCH + " FOR UPDATE SKIP LOCKED))");
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public void forEachLocked(String lockId, BiConsumer<String, String> typeAndFeature) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a cursor: a lock may hold millions of features
            try (PreparedStatement ps = c.prepareStatement("SELECT type_name, feature_id FROM "
                    + "security.wfs_locked_feature WHERE lock_id = ? AND expires_at > now() ORDER BY type_name, feature_id")) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setString(1, lockId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        typeAndFeature.accept(rs.getString(1), rs.getString(2));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public void checkLockId(Connection c, String owner, String lockId) throws SQLException {
        if (lockId != null) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT expires_at > now() FROM security.wfs_lock WHERE lock_id = ? AND owner = ?")) {
                ps.setString(1, lockId);
                ps.setString(2, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new OwsException(OwsExceptionCode.INVALID_LOCK_ID, "lockId",
                                "Lock " + lockId + " is not a lock this account holds (unknown, or released)");
                    }
                    if (!rs.getBoolean(1)) {
                        throw new OwsException(OwsExceptionCode.LOCK_HAS_EXPIRED, "lockId",
                                "Lock " + lockId + " has expired");
                    }
                }
            }
        }
    }

    @Override
    public void checkWritable(Connection c, String owner, String typeName, Collection<String> featureIds,
                              String lockId) throws SQLException {
        checkLockId(c, owner, lockId);
        if (featureIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setString(1, typeName);
            ps.setArray(2, c.createArrayOf("text", featureIds.toArray()));
            ps.setString(3, lockId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String held = rs.getString(1);
                    if (lockId == null) {
                        // ISO 19142 15.2.3.1.2: the lock's id is missing from the request
                        throw new OwsException(OwsExceptionCode.MISSING_PARAMETER_VALUE, "lockId", "Feature " + held
                                + " is locked: only a request naming its lock's id (lockId) may change it");
                    }
                    throw new OwsException(OwsExceptionCode.OPERATION_PROCESSING_FAILED, "lockId", "Feature " + held
                            + " is locked by another lock than " + lockId);
                }
            }
        }
    }

    @Override
    public void release(Connection c, String owner, String lockId, boolean all, Collection<String> touchedIds)
            throws SQLException {
        if (lockId == null || !owns(c, owner, lockId)) {
            return;
        }
        if (!all) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM security.wfs_locked_feature WHERE lock_id = ? AND feature_id = ANY(?::text[])")) {
                ps.setString(1, lockId);
                ps.setArray(2, c.createArrayOf("text", new LinkedHashSet<>(touchedIds).toArray()));
                ps.executeUpdate();
            }
            // releaseAction SOME: the features left stay locked for the lock's whole duration again
            try (PreparedStatement ps = c.prepareStatement("UPDATE security.wfs_lock SET expires_at = now() + duration "
                    + "WHERE lock_id = ? AND expires_at > now() AND EXISTS (SELECT 1 FROM security.wfs_locked_feature f "
                    + "WHERE f.lock_id = ?)")) {
                ps.setString(1, lockId);
                ps.setString(2, lockId);
                if (ps.executeUpdate() == 1) {
                    followExpiry(c, lockId);
                    return;
                }
            }
        }
        // releaseAction ALL, or SOME that left the lock nothing: the lock is gone, its id no longer valid
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM security.wfs_lock WHERE lock_id = ?")) {
            ps.setString(1, lockId);
            ps.executeUpdate();
        }
    }

    /** Whether the lock (live or not) is the owner's; its row is locked until the Transaction ends. */
    private static boolean owns(Connection c, String owner, String lockId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM security.wfs_lock WHERE lock_id = ? AND owner = ? FOR UPDATE")) {
            ps.setString(1, lockId);
            ps.setString(2, owner);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static FeatureAccessException failure(SQLException e) {
        return new FeatureAccessException("WFS lock store failed: " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection c, Exception failure) {
        if (c == null) {
            return;
        }
        try {
            c.rollback();
            c.setAutoCommit(true);
            c.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Features taken under one lock, in the attempt's own transaction. */
    private static final class Attempt implements LockAttempt {

        private final Connection c;
        private final String lockId;
        private boolean committed;

        Attempt(Connection c, String lockId) {
            this.c = c;
            this.lockId = lockId;
        }

        @Override
        public String lockId() {
            return lockId;
        }

        @Override
        public List<String> lock(String typeName, List<String> featureIds) {
            List<String> refused = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(TAKE)) {
                ps.setArray(1, c.createArrayOf("text", featureIds.toArray()));
                ps.setString(2, typeName);
                ps.setString(3, lockId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        refused.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw failure(e);
            }
            return refused;
        }

        @Override
        public void commit() {
            try {
                c.commit();
                committed = true;
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public void close() {
            try (c) {
                if (!committed) {
                    c.rollback();
                }
                c.setAutoCommit(true);
            } catch (SQLException e) {
                throw failure(e);
            }
        }
    }
}
