package fr.yseraa.observatory.server.wfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.server.DatabaseMigrations;
import fr.yseraa.observatory.wfs.lock.LockAttempt;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The PostgreSQL lock store on its own, as LockFeature takes locks and a Transaction checks and releases them: each
 * refusal with the code and HTTP status ISO 19142 gives it (table 3, OGC 09-025r2 table D.2).
 */
class PostgresLockStoreTest {

    private static final String TYPE = "obs:obstacles";
    /** The account that takes the tests' locks. */
    private static final String OWNER = "producteur";
    private static DataSource ds;
    private static PostgresLockStore store;

    @BeforeAll
    static void database() {
        ds = TestPostgis.dataSource(TestPostgis.freshDatabase("wfs_locks"));
        DatabaseMigrations.migrate(ds);
        store = new PostgresLockStore(ds);
    }

    private static String lock(Duration expiry, String... ids) {
        try (LockAttempt a = store.begin(null, expiry, OWNER)) {
            assertThat(a.lock(TYPE, List.of(ids))).isEmpty();
            a.commit();
            return a.lockId();
        }
    }

    /** Runs work in a transaction of its own, as a Transaction does, rolled back at its end. */
    private static void inTransaction(ThrowingConsumer<Connection> work) throws Throwable {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.accept(c);
            } finally {
                c.rollback();
            }
        }
    }

    private static void refused(ThrowingConsumer<Connection> work, String code, int status, String locator) {
        assertThatThrownBy(() -> inTransaction(work)).isInstanceOfSatisfying(OwsException.class, e -> {
            assertThat(e.code().code()).isEqualTo(code);
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.locator()).isEqualTo(locator);
        });
    }

    @Test
    void aForeignLiveLockRefusesTheWriteAndTheOwnLockLetsItThrough() throws Throwable {
        String lockId = lock(Duration.ofMinutes(5), "obstacles.1", "obstacles.2");
        refused(c -> store.checkWritable(c, OWNER, TYPE, List.of("obstacles.9", "obstacles.2"), null),
                "MissingParameterValue", 400, "lockId");
        String other = lock(Duration.ofMinutes(5), "obstacles.3");
        refused(c -> store.checkWritable(c, OWNER, TYPE, List.of("obstacles.1"), other),
                "OperationProcessingFailed", 403, "lockId");
        inTransaction(c -> store.checkWritable(c, OWNER, TYPE, List.of("obstacles.1", "obstacles.2", "obstacles.2"), lockId));
        inTransaction(c -> store.checkWritable(c, OWNER, TYPE, List.of("obstacles.9"), null));
        inTransaction(c -> store.checkWritable(c, OWNER, "obs:corridors", List.of("obstacles.1"), null)); // another type
    }

    @Test
    void anUnknownLockIdIsInvalidAndAnExpiredOneHasExpired() throws Throwable {
        refused(c -> store.checkWritable(c, OWNER, TYPE, List.of(), "no-such-lock"), "InvalidLockId", 400, "lockId");
        String lockId = lock(Duration.ofSeconds(1), "obstacles.20");
        inTransaction(c -> store.checkWritable(c, OWNER, TYPE, List.of("obstacles.20"), lockId));
        awaitExpiry(lockId);
        refused(c -> store.checkWritable(c, OWNER, TYPE, List.of("obstacles.20"), lockId), "LockHasExpired", 403, "lockId");
        // the expired lock holds nothing: a write naming no lock passes, and another lock may take the feature
        inTransaction(c -> store.checkWritable(c, OWNER, TYPE, List.of("obstacles.20"), null));
        lock(Duration.ofMinutes(1), "obstacles.20");
        // renewing it is too late (LockFeature answers LockHasExpired for an unknown lock as well)
        assertThatThrownBy(() -> store.begin(lockId, Duration.ofMinutes(1), OWNER))
                .isInstanceOfSatisfying(OwsException.class, e -> assertThat(e.code().code()).isEqualTo("LockHasExpired"));
        assertThatThrownBy(() -> store.begin("never-given", Duration.ofMinutes(1), OWNER))
                .isInstanceOfSatisfying(OwsException.class, e -> assertThat(e.httpStatus()).isEqualTo(403));
    }

    @Test
    void anotherAccountCanNeitherUseNorRenewNorReleaseALock() throws Throwable {
        String lockId = lock(Duration.ofMinutes(5), "obstacles.90", "obstacles.91");
        String stranger = "partenaire";
        // its id, given by another account, is as unknown as an id never given: no write gets through with it
        refused(c -> store.checkWritable(c, stranger, TYPE, List.of("obstacles.90"), lockId), "InvalidLockId", 400,
                "lockId");
        refused(c -> store.checkWritable(c, stranger, TYPE, List.of(), lockId), "InvalidLockId", 400, "lockId");
        assertThatThrownBy(() -> store.begin(lockId, Duration.ofMinutes(30), stranger))
                .isInstanceOfSatisfying(OwsException.class, e -> assertThat(e.code().code()).isEqualTo("LockHasExpired"));
        try (Connection c = ds.getConnection()) {
            store.release(c, stranger, lockId, true, List.of());
            store.release(c, stranger, lockId, false, List.of("obstacles.90"));
        }
        // the owner's lock is untouched: same expiry, both features still held and opened by its owner only
        assertThat(secondsLeft(lockId, "obstacles.90")).isBetween(200L, 300L);
        List<String> held = new ArrayList<>();
        store.forEachLocked(lockId, (type, id) -> held.add(id));
        assertThat(held).containsExactly("obstacles.90", "obstacles.91");
        inTransaction(c -> store.checkWritable(c, OWNER, TYPE, List.of("obstacles.90", "obstacles.91"), lockId));
        refused(c -> store.checkWritable(c, stranger, TYPE, List.of("obstacles.91"), null), "MissingParameterValue",
                400, "lockId");
        try (Connection c = ds.getConnection()) {
            store.release(c, OWNER, lockId, true, List.of());
        }
        inTransaction(c -> store.checkWritable(c, stranger, TYPE, List.of("obstacles.90", "obstacles.91"), null));
    }

    @Test
    void aFeatureHeldByAnotherLockIsNotTakenAndANewAttemptRolledBackTakesNothing() throws Throwable {
        String first = lock(Duration.ofMinutes(5), "obstacles.30");
        try (LockAttempt a = store.begin(null, Duration.ofMinutes(5), "admin")) {
            assertThat(a.lock(TYPE, List.of("obstacles.31", "obstacles.30", "obstacles.32"))).containsExactly("obstacles.30");
            // not committed: closing rolls back
        }
        inTransaction(c -> store.checkWritable(c, OWNER, TYPE, List.of("obstacles.31", "obstacles.32"), null));
        List<String> held = new ArrayList<>();
        store.forEachLocked(first, (type, id) -> held.add(type + " " + id));
        assertThat(held).containsExactly(TYPE + " obstacles.30");
    }

    @Test
    void renewingALiveLockStartsItsExpiryAgain() throws Throwable {
        String lockId = lock(Duration.ofSeconds(1), "obstacles.40");
        try (LockAttempt a = store.begin(lockId, Duration.ofMinutes(10), OWNER)) {
            assertThat(a.lockId()).isEqualTo(lockId);
            assertThat(a.lock(TYPE, List.of("obstacles.41"))).isEmpty();
            a.commit();
        }
        assertThat(secondsLeft(lockId, "obstacles.40")).isGreaterThan(500);
        assertThat(secondsLeft(lockId, "obstacles.41")).isGreaterThan(500);
    }

    @Test
    void releaseAllFreesEveryFeatureAndEndsTheLock() throws Throwable {
        String lockId = lock(Duration.ofMinutes(5), "obstacles.50", "obstacles.51");
        try (Connection c = ds.getConnection()) {
            store.release(c, OWNER, lockId, true, List.of("obstacles.50"));
        }
        inTransaction(c -> store.checkWritable(c, OWNER, TYPE, List.of("obstacles.50", "obstacles.51"), null));
        refused(c -> store.checkWritable(c, OWNER, TYPE, List.of(), lockId), "InvalidLockId", 400, "lockId");
    }

    @Test
    void releaseSomeFreesTheTouchedFeaturesOnlyAndRestartsTheExpiry() throws Throwable {
        String lockId = lock(Duration.ofSeconds(600), "obstacles.60", "obstacles.61");
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE security.wfs_lock SET expires_at = now() + interval '10 seconds' WHERE lock_id = '"
                    + lockId + "'"); // as if most of its time had passed
            store.release(c, OWNER, lockId, false, List.of("obstacles.60"));
        }
        inTransaction(c -> store.checkWritable(c, OWNER, TYPE, List.of("obstacles.60"), null));
        refused(c -> store.checkWritable(c, OWNER, TYPE, List.of("obstacles.61"), null), "MissingParameterValue", 400, "lockId");
        assertThat(secondsLeft(lockId, "obstacles.61")).isGreaterThan(500);
        try (Connection c = ds.getConnection()) { // releasing the last feature ends the lock
            store.release(c, OWNER, lockId, false, List.of("obstacles.61"));
        }
        refused(c -> store.checkWritable(c, OWNER, TYPE, List.of(), lockId), "InvalidLockId", 400, "lockId");
        try (Connection c = ds.getConnection()) {
            store.release(c, OWNER, null, true, List.of()); // a request naming no lock releases nothing
        }
    }

    @Test
    void aTransactionsClaimHoldsOffALockUntilItEnds() throws Throwable {
        try (Connection t = ds.getConnection()) {
            t.setAutoCommit(false);
            store.checkWritable(t, OWNER, TYPE, List.of("obstacles.70"), null);
            CompletableFuture<List<String>> locking = CompletableFuture.supplyAsync(() -> {
                try (LockAttempt a = store.begin(null, Duration.ofMinutes(5), "admin")) {
                    List<String> refused = a.lock(TYPE, List.of("obstacles.70"));
                    a.commit();
                    return refused;
                }
            });
            awaitSomeoneWaitingOnALock();
            assertThat(locking).isNotDone();
            t.commit(); // the Transaction's change is in: the lock may now be taken
            assertThat(locking.get(30, TimeUnit.SECONDS)).isEmpty();
        }
        refused(c -> store.checkWritable(c, OWNER, TYPE, List.of("obstacles.70"), null), "MissingParameterValue", 400, "lockId");
    }

    @Test
    void expiredRowsArePurgedWhenLocksAreNextTaken() throws Throwable {
        String lockId = lock(Duration.ofSeconds(1), "obstacles.80");
        awaitExpiry(lockId);
        store.purgeExpired();
        assertThat(count("SELECT count(*) FROM security.wfs_locked_feature WHERE feature_id = 'obstacles.80'")).isZero();
        assertThat(count("SELECT count(*) FROM security.wfs_lock WHERE lock_id = '" + lockId + "'"))
                .as("the expired lock's id is remembered as expired").isEqualTo(1);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE security.wfs_lock SET expires_at = now() - interval '2 days' WHERE lock_id = '" + lockId + "'");
        }
        store.purgeExpired();
        assertThat(count("SELECT count(*) FROM security.wfs_lock WHERE lock_id = '" + lockId + "'")).isZero();
    }

    /** Waits (at most a few seconds) until the database says the lock has expired. */
    private static void awaitExpiry(String lockId) throws Exception {
        for (int i = 0; i < 50 && count("SELECT count(*) FROM security.wfs_lock WHERE lock_id = '" + lockId
                + "' AND expires_at > now()") > 0; i++) {
            Thread.sleep(100);
        }
        assertThat(count("SELECT count(*) FROM security.wfs_lock WHERE lock_id = '" + lockId
                + "' AND expires_at <= now()")).isEqualTo(1);
    }

    private static void awaitSomeoneWaitingOnALock() throws Exception {
        for (int i = 0; i < 300; i++) {
            if (count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND wait_event_type = 'Lock'") > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the lock attempt never waited for the Transaction");
    }

    private static long secondsLeft(String lockId, String featureId) throws Exception {
        return count("SELECT extract(epoch FROM expires_at - now())::bigint FROM security.wfs_locked_feature "
                + "WHERE lock_id = '" + lockId + "' AND feature_id = '" + featureId + "'");
    }

    private static long count(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }

}
