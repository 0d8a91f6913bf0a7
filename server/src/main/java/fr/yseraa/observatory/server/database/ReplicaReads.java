package fr.yseraa.observatory.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * Where read-only work runs: on the streaming replica while it is usable, else on the primary. Which work may go to
 * the replica is the feature repository's rule (its caller-bound reads: WMS, WMTS, vector tiles, WFS GetFeature, OGC
 * API items, CSW, counts and extents); everything else — writes, imports, admin, WFS-T and locks, jobs, security
 * tables — is given the primary and never sees this.
 *
 * <p>The replica is usable when a check (every {@code check-interval}, on a thread of its own, never per request)
 * found it up, in recovery, and not behind the primary by more than {@code max-lag} (its replay position against
 * the primary's flushed positions sampled over time, {@link PrimaryPositions}), and it has replayed what the primary
 * had written when this server last needed its reads to see the latest writes ({@link #awaitLatestWrites}: an invalidation of
 * cached tiles, so that no tile drawn after it comes from older data). A replica that fails to give a working
 * connection is left at once: the read takes the primary, no error reaches the client, and the next check decides
 * when it is used again. A read already running on a replica that stops fails as one on a primary that stops would.
 */
public final class ReplicaReads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaReads.class);
    /** What the check asks the replica; its log shows no other statement of this server when no read goes there. */
    static final String REPLAY_QUERY = "SELECT pg_is_in_recovery(), (pg_last_wal_replay_lsn() - '0/0')::bigint";
    /**
     * The end of what the primary has flushed, the most a replica can have received. Not the insert position: WAL
     * that no commit asks to flush (a page pruned by a read, a hint) may wait there for seconds on a quiet primary,
     * and a replica would look behind while it has every committed change.
     */
    private static final String FLUSHED_QUERY = "SELECT (pg_current_wal_flush_lsn() - '0/0')::bigint";
    /**
     * The end of what the primary has inserted, read in a transaction whose commit is then flushed at once: all of it
     * reaches the replicas, whatever {@code synchronous_commit} the writers had.
     */
    private static final String INSERTED_QUERY = "SELECT (pg_current_wal_insert_lsn() - '0/0')::bigint, txid_current()";
    static final String APPLICATION_NAME = "observatory replica reads";

    private final DataSource primary;
    private final HikariDataSource replica;
    private final PrimaryPositions positions;
    private final Clock clock;
    private final ScheduledExecutorService checks;
    private final DataSource reads;
    /** Why the reads are on the primary, or null while they go to the replica. */
    private volatile String onPrimaryBecause;
    /** The replica's replay position at the last check (-1: unknown). */
    private long replayed = -1;
    /** The primary's position the replica must have replayed before it takes reads again. */
    private long floor;
    private volatile Duration lag = Duration.ZERO;
    /** How many times the reads left the replica for the primary. */
    private final AtomicLong departures = new AtomicLong();

    /** Every read on the primary: no replica configured. */
    public static ReplicaReads none(DataSource primary) {
        return new ReplicaReads(primary);
    }

    private ReplicaReads(DataSource primary) {
        this.primary = primary;
        this.replica = null;
        this.positions = null;
        this.clock = Clock.systemUTC();
        this.checks = null;
        this.reads = primary;
        this.onPrimaryBecause = "no replica configured";
    }

    /**
     * @param primary the primary's pool
     * @param settings the replica's URL, login, bound on its lag, check interval and pool size
     * @param primaryUser the primary's login and password, used for the replica when the settings name none
     */
    public ReplicaReads(DataSource primary, ReplicaSettings settings, String primaryUser, String primaryPassword) {
        this.primary = primary;
        this.positions = new PrimaryPositions(settings.maxLag());
        this.clock = Clock.systemUTC();
        this.onPrimaryBecause = "the replica was not checked yet";
        HikariConfig config = new HikariConfig();
        config.setPoolName("replica");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username() != null ? settings.username() : primaryUser);
        config.setPassword(settings.password() != null ? settings.password() : primaryPassword);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(1000); // a replica out of reach costs a read this at most, once: then it is left
        config.setInitializationFailTimeout(-1); // the server starts whether the replica is up or not
        config.setReadOnly(true);
        config.setConnectionInitSql("SET jit = off"); // as the primary's pool (application.yml)
        config.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
        config.addDataSourceProperty("connectTimeout", "2");
        this.replica = new HikariDataSource(config);
        this.reads = new Routing();
        this.checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "replica-check");
            t.setDaemon(true);
            return t;
        });
        long every = settings.checkInterval().toMillis();
        checks.scheduleWithFixedDelay(this::check, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Where the read-only work gets its connections. */
    public DataSource reads() {
        return reads;
    }

    /** Whether reads go to the replica now. */
    public boolean replicaInUse() {
        return onPrimaryBecause == null;
    }

    /** Why reads go to the primary now, or null when they go to the replica. */
    public String onPrimaryBecause() {
        return onPrimaryBecause;
    }

    /** How many times the reads have left the replica for the primary since the server started. */
    public long departures() {
        return departures.get();
    }

    /** How far behind the primary the replica was at the last check (at least). */
    public Duration lag() {
        return lag;
    }

    /**
     * From now on, reads see what the primary has written so far: they stay on the primary until the replica has
     * replayed it. Called before cached tiles are dropped (here or on another replica of the server), so that a tile
     * drawn afterwards never comes from data older than the change.
     */
    public void awaitLatestWrites() {
        if (replica == null) {
            return;
        }
        try {
            long written = latestWrites();
            synchronized (this) {
                floor = Math.max(floor, written);
                if (replayed < floor) {
                    leave("catching up with the latest writes");
                }
            }
        } catch (SQLException e) {
            leave("the primary's position is unknown: " + e.getMessage());
        }
    }

    /** Compares the replica's replay position with the primary's; decides whether it takes the reads. */
    void check() {
        try {
            long written;
            try {
                written = flushedPosition();
            } catch (SQLException e) {
                leave("the primary's position is unknown: " + e.getMessage());
                return;
            }
            positions.sampled(clock.instant(), written);
            boolean inRecovery;
            long replay;
            try (Connection c = replica.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(REPLAY_QUERY)) {
                rs.next();
                inRecovery = rs.getBoolean(1);
                replay = rs.getLong(2);
            } catch (SQLException e) {
                leave("the replica is out of reach: " + e.getMessage());
                return;
            }
            if (!inRecovery) {
                leave("the replica is not in recovery (a primary, or promoted): it cannot follow this primary");
                return;
            }
            lag = positions.lag(replay, clock.instant());
            synchronized (this) {
                replayed = replay;
                if (replay < floor) {
                    leave("catching up with the latest writes");
                } else if (positions.tooFarBehind(replay, clock.instant())) {
                    leave("the replica lags more than max-lag (" + lag.toMillis() + " ms at least)");
                } else {
                    if (onPrimaryBecause != null) {
                        LOG.info("reads go to the replica again (was: {})", onPrimaryBecause);
                    }
                    onPrimaryBecause = null;
                }
            }
        } catch (RuntimeException e) {
            leave("checking the replica failed: " + e);
        }
    }

    private long flushedPosition() throws SQLException {
        try (Connection c = primary.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(FLUSHED_QUERY)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Where the primary's WAL ends now, once flushed: the position a replica holding every write so far reached. */
    private long latestWrites() throws SQLException {
        try (Connection c = primary.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL synchronous_commit = on");
                long position;
                try (ResultSet rs = st.executeQuery(INSERTED_QUERY)) {
                    rs.next();
                    position = rs.getLong(1);
                }
                c.commit(); // a transaction id makes a commit record, flushed with everything before it
                return position;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private void leave(String why) {
        String was = onPrimaryBecause;
        onPrimaryBecause = why;
        if (was == null) {
            departures.incrementAndGet();
        }
        if (was == null || (!why.startsWith("catching up") && !why.equals(was))) {
            LOG.warn("reads go to the primary: {}", why);
        }
    }

    @Override
    public void close() {
        if (checks != null) {
            checks.shutdownNow();
        }
        if (replica != null) {
            replica.close();
        }
    }

    /** The replica's connection while it is usable and answers, else the primary's. */
    private final class Routing extends AbstractDataSource {

        @Override
        public Connection getConnection() throws SQLException {
            if (onPrimaryBecause == null) {
                Connection c = null;
                try {
                    c = replica.getConnection();
                    if (c.isValid(1)) {
                        return c;
                    }
                    leave("the replica's connection is broken");
                } catch (SQLException e) {
                    leave("the replica is out of reach: " + e.getMessage());
                }
                if (c != null) {
                    replica.evictConnection(c);
                }
            }
            return primary.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLException("the reads' connections are the pools' own");
        }
    }
}
