package fr.yseraa.observatory.server.tiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.server.DatabaseInitializer;
import fr.yseraa.observatory.server.ServerNode;
import fr.yseraa.observatory.server.security.RoleAliases;
import fr.yseraa.observatory.wmts.Wmts;
import fr.yseraa.observatory.wmts.cache.TileSeeder;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * The tile cache's seed jobs across replicas. Each replica keeps its own cache, so a job asked through one is recorded
 * in {@code security.tile_seed_job}, announced to the others (subject {@value TileCacheSync#SEED} of the cache
 * channel) and run by every one, each writing its progress in {@code security.tile_seed_progress} (every half
 * second while it runs). Any replica answers for any job: a job is done when every replica that took it is done. A
 * replica that starts, or hears again after missing notifications, runs the jobs of the last
 * {@code obs.tiles.seed-retention} (7 days) it has not finished; older jobs are forgotten.
 */
@Component
public class SeedJobs {

    /** A job as the admin API shows it: the whole, then each replica's part. */
    public record SeedJob(long id, String layer, String tileMatrixSet, String accessLevel, String state,
                          long metatilesDone, long metatilesTotal, String error, List<ReplicaProgress> replicas) {
    }

    /** One replica's part of a job. */
    public record ReplicaProgress(String node, String state, long metatilesDone, String error) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SeedJobs.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long REPORT_EVERY_MS = 500;
    private static final Set<String> ENDED = Set.of("done", "stopped", "failed");
    private static final String JOBS = "SELECT j.id, j.layer, j.tile_matrix_set, j.access_level, j.metatiles,"
            + " p.node, p.state, p.metatiles_done, p.error FROM security.tile_seed_job j"
            + " LEFT JOIN security.tile_seed_progress p ON p.job_id = j.id";

    private final DataSource dataSource;
    private final TileSeeder seeder;
    private final String node;
    private final Duration retention;
    /** This replica's jobs whose end is not written yet, with what was written last. */
    private final Map<Long, TileSeeder.Progress> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tile-seed-progress");
        t.setDaemon(true);
        return t;
    });

    public SeedJobs(DatabaseInitializer initialisedDatabase, DataSource dataSource, Wmts wmts,
                    @Value("${server.port:8080}") int port,
                    @Value("${obs.tiles.seed-retention:P7D}") Duration retention) {
        this.dataSource = dataSource;
        this.seeder = wmts.seeder();
        this.node = ServerNode.name(port);
        this.retention = retention;
        reporter.scheduleWithFixedDelay(this::report, REPORT_EVERY_MS, REPORT_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Checks and plans a job (an OWS exception names the field at fault), records it for every replica, starts it
     * here; returns it as queued.
     */
    public synchronized SeedJob submit(TileSeeder.SeedRequest request, String admin) {
        TileSeeder.Plan plan = seeder.plan(request, seedAs(admin));
        long id;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                id = record(c, request, admin, plan);
                progress(c, id, "queued", 0, null);
                TileCacheSync.announceSeedQueued(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot record the seed job", e);
        }
        start(id, plan);
        return new SeedJob(id, plan.layer(), request.tileMatrixSet(), plan.accessLevel(), "queued", 0,
                plan.metatiles(), null, List.of(new ReplicaProgress(node, "queued", 0, null)));
    }

    /** Runs the recent jobs this replica has not finished nor started: announced by another, or missed. */
    synchronized void pickUp() {
        List<Recorded> waiting = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement old = c.prepareStatement(
                    "DELETE FROM security.tile_seed_job WHERE created < now() - ?::interval")) {
                old.setString(1, retention.toString());
                old.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, request::text, requested_by"
                    + " FROM security.tile_seed_job j WHERE NOT EXISTS (SELECT 1 FROM security.tile_seed_progress p"
                    + " WHERE p.job_id = j.id AND p.node = ? AND p.state IN ('done', 'stopped', 'failed'))"
                    + " ORDER BY id")) {
                ps.setString(1, node);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        waiting.add(new Recorded(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            for (Recorded w : waiting) {
                long id = w.id();
                if (seeder.progress(id).isPresent()) {
                    continue; // started here already
                }
                try {
                    TileSeeder.Plan plan = seeder.plan(JSON.readValue(w.request(), TileSeeder.SeedRequest.class),
                            seedAs(w.requestedBy()));
                    progress(c, id, "queued", 0, null);
                    start(id, plan);
                    LOG.info("tile cache: seed job {} taken up here", id);
                } catch (OwsException | JsonProcessingException e) {
                    progress(c, id, "failed", 0, e.getMessage());
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot read the seed jobs", e);
        }
    }

    /** At start: the jobs this replica missed while it was down. */
    @EventListener(ApplicationReadyEvent.class)
    void started() {
        try {
            pickUp();
        } catch (RuntimeException e) {
            LOG.warn("tile cache: the recent seed jobs could not be read at start", e);
        }
    }

    public Optional<SeedJob> job(long id) {
        return jobs(" WHERE j.id = ?", id).stream().findFirst();
    }

    /** The recent jobs, newest first. */
    public List<SeedJob> all() {
        return jobs("", null);
    }

    /**
     * Who a seed job may draw as: the public, then one caller per known role, named after the admin who asked (so
     * that the audit trail of precise data says who seeded it).
     */
    static List<Caller> seedAs(String admin) {
        List<Caller> callers = new ArrayList<>();
        callers.add(Caller.anonymous());
        new TreeSet<>(RoleAliases.KNOWN).forEach(role -> callers.add(new Caller("seed by " + admin, Set.of(role))));
        return callers;
    }

    private void start(long id, TileSeeder.Plan plan) {
        running.put(id, seeder.start(id, plan));
    }

    /** Writes the progress of this replica's jobs that moved since it was last written. */
    private void report() {
        running.forEach((id, written) -> {
            TileSeeder.Progress now = seeder.progress(id).orElseThrow();
            if (now.equals(written)) {
                return;
            }
            try (Connection c = dataSource.getConnection()) {
                progress(c, id, now.state(), now.metatilesDone(), now.error());
                if (ENDED.contains(now.state())) {
                    running.remove(id);
                } else {
                    running.put(id, now);
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("tile cache: the progress of seed job {} could not be written ({})", id, e.getMessage());
            }
        });
    }

    private static long record(Connection c, TileSeeder.SeedRequest request, String admin, TileSeeder.Plan plan)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO security.tile_seed_job (request, requested_by,"
                + " layer, tile_matrix_set, access_level, metatiles) VALUES (?::json, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, JSON.writeValueAsString(request));
            ps.setString(2, admin);
            ps.setString(3, plan.layer());
            ps.setString(4, request.tileMatrixSet());
            ps.setString(5, plan.accessLevel());
            ps.setLong(6, plan.metatiles());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the seed request", e);
        }
    }

    private void progress(Connection c, long id, String state, long done, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO security.tile_seed_progress AS p"
                + " (job_id, node, state, metatiles_done, error) VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_id, node)"
                + " DO UPDATE SET state = excluded.state, metatiles_done = excluded.metatiles_done,"
                + " error = excluded.error, updated = now()")) {
            ps.setLong(1, id);
            ps.setString(2, node);
            ps.setString(3, state);
            ps.setLong(4, done);
            ps.setString(5, error);
            ps.executeUpdate();
        }
    }

    /** A job as recorded: its id, the request as posted (JSON), the admin who asked. */
    private record Recorded(long id, String request, String requestedBy) {
    }

    /** What the job table says of a job, then one replica's part of it (none yet: null). */
    private record Row(long id, String layer, String tileMatrixSet, String accessLevel, long metatiles,
                       ReplicaProgress part) {
    }

    private List<SeedJob> jobs(String where, Long id) {
        Map<Long, List<Row>> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(JOBS + where + " ORDER BY j.id DESC, p.node")) {
            if (id != null) {
                ps.setLong(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ReplicaProgress part = rs.getString(6) == null ? null : new ReplicaProgress(rs.getString(6),
                            rs.getString(7), rs.getLong(8), rs.getString(9));
                    rows.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Row(rs.getLong(1),
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), part));
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot read the seed jobs", e);
        }
        return rows.values().stream().map(SeedJobs::whole).toList();
    }

    /**
     * A job from its replicas' parts: failed (or stopped) if one is, done when all are, queued while none has begun,
     * else running; as far as the least advanced.
     */
    private static SeedJob whole(List<Row> rows) {
        List<ReplicaProgress> parts = rows.stream().map(Row::part).filter(Objects::nonNull).toList();
        Set<String> states = parts.stream().map(ReplicaProgress::state).collect(Collectors.toSet());
        String state = states.contains("failed") ? "failed" : states.contains("stopped") ? "stopped"
                : !states.isEmpty() && Set.of("done").containsAll(states) ? "done"
                : states.isEmpty() || Set.of("queued").containsAll(states) ? "queued" : "running";
        long done = parts.stream().mapToLong(ReplicaProgress::metatilesDone).min().orElse(0);
        String error = parts.stream().map(ReplicaProgress::error).filter(Objects::nonNull).findFirst().orElse(null);
        Row job = rows.get(0);
        return new SeedJob(job.id(), job.layer(), job.tileMatrixSet(), job.accessLevel(), state, done,
                job.metatiles(), error, parts);
    }

    @PreDestroy
    void stop() {
        reporter.shutdownNow();
    }
}
