package fr.yseraa.observatory.server.processes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.ogcapi.processes.JobInfo;
import fr.yseraa.observatory.ogcapi.processes.JobOutput;
import fr.yseraa.observatory.ogcapi.processes.JobState;
import fr.yseraa.observatory.ogcapi.processes.JobStore;
import fr.yseraa.observatory.wps.ExecutionRecords;
import fr.yseraa.observatory.wps.StoredOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The jobs of OGC API - Processes and the asynchronous executions of the WPS 1.0.0 in {@code security.process_job},
 * shared by every replica on the database: one store, one lease, one retention for both interfaces, each row a job of
 * one of them ({@code api}). A job is held by the server ({@code node}) that runs it under a lease it renews; before
 * any read, the unfinished jobs whose lease ran out are marked failed (their server died; a WPS execution then reads
 * as the ProcessFailed document it was given for that case), and the finished jobs older than the retention are
 * deleted when a new one comes.
 */
public final class JdbcJobStore implements JobStore, ExecutionRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, process_id, owner, status, message, progress, created, started, "
            + "finished, updated, failure::text";
    private static final String UNFINISHED = "status IN ('accepted', 'running')";
    private static final String OGCAPI = "api = 'ogcapi'";
    private static final String WPS = "api = 'wps'";
    /** A job's failure when its server stopped first: the WPS face reads as its own document for that case. */
    private static final String STOPPED_COLUMNS = "status = 'failed', finished = now(), updated = now(), message = ?, "
            + "failure = ?::json, wps_document = coalesce(wps_interrupted, wps_document)";

    private final DataSource dataSource;
    private final String node;
    private final Duration lease;
    private final Duration retention;

    /**
     * @param node the name of this server among the replicas (host:port)
     * @param lease how long this server vouches for a job it holds without renewing the lease
     * @param retention how long a finished job stays
     */
    public JdbcJobStore(DataSource dataSource, String node, Duration lease, Duration retention) {
        this.dataSource = dataSource;
        this.node = node;
        this.lease = lease;
        this.retention = retention;
    }

    /** The jobs this server held when it stopped will never end: failed. Returns how many. */
    public int interrupted() {
        return update("UPDATE security.process_job SET " + STOPPED_COLUMNS + " WHERE node = ? AND " + UNFINISHED,
                STOPPED, stoppedFailure(), node);
    }

    private static final String STOPPED = "the server running the job stopped before it ended";

    private static String stoppedFailure() {
        return json(Map.of("code", "NoApplicableCode", "status", 500, "description",
                "The job did not end: " + STOPPED + "; run it again"));
    }

    @Override
    public void accepted(UUID id, String processId, String owner) {
        dropExpired();
        update("INSERT INTO security.process_job (id, process_id, owner, status, node, lease_until) "
                + "VALUES (?, ?, ?, 'accepted', ?, now() + ?::interval)", id, processId, owner, node, lease.toString());
    }

    private void dropExpired() {
        update("DELETE FROM security.process_job WHERE finished < now() - ?::interval", retention.toString());
    }

    @Override
    public boolean started(UUID id) {
        return update("UPDATE security.process_job SET status = 'running', started = now(), updated = now(), "
                + "progress = 0 WHERE id = ? AND status = 'accepted'", id) == 1;
    }

    @Override
    public void progress(UUID id, int percent, String message) {
        update("UPDATE security.process_job SET progress = ?, message = ?, updated = now() "
                + "WHERE id = ? AND status = 'running'", Math.max(0, Math.min(100, percent)), message, id);
    }

    @Override
    public void succeeded(UUID id, Map<String, JobOutput> outputs) {
        update("UPDATE security.process_job SET status = 'successful', progress = 100, message = null, "
                + "finished = now(), updated = now(), results = ?::json WHERE id = ? AND status = 'running'",
                resultsJson(outputs), id);
    }

    /** Outputs as the {@code results} column keeps them: {"id": {"mediaType": ..., "text": ...}}, in order. */
    private static String resultsJson(Map<String, JobOutput> outputs) {
        Map<String, Object> results = new LinkedHashMap<>();
        outputs.forEach((k, v) -> results.put(k, Map.of("mediaType", v.mediaType(), "text", v.text())));
        return json(results);
    }

    @Override
    public void failed(UUID id, OwsException error) {
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("code", error.code().code());
        failure.put("status", error.httpStatus());
        failure.put("description", error.getMessage());
        if (error.locator() != null) {
            failure.put("locator", error.locator());
        }
        update("UPDATE security.process_job SET status = 'failed', message = ?, finished = now(), updated = now(), "
                + "failure = ?::json WHERE id = ? AND " + UNFINISHED, error.getMessage(), json(failure), id);
    }

    @Override
    public boolean dismissed(UUID id) {
        return query("SELECT status = 'dismissed' FROM security.process_job WHERE id = ?", rs -> rs.getBoolean(1), id)
                .stream().findFirst().orElse(true);
    }

    @Override
    public void renew(Collection<UUID> held) {
        update("UPDATE security.process_job SET lease_until = now() + ?::interval WHERE id = ANY (?) AND " + UNFINISHED,
                lease.toString(), held.toArray(UUID[]::new));
    }

    @Override
    public Optional<JobInfo> find(UUID id) {
        expireLeases();
        return query("SELECT " + COLUMNS + " FROM security.process_job WHERE id = ? AND " + OGCAPI, JdbcJobStore::job,
                id).stream().findFirst();
    }

    @Override
    public List<JobInfo> list(String owner, int limit) {
        expireLeases();
        return query("SELECT " + COLUMNS + " FROM security.process_job WHERE owner = ? AND " + OGCAPI
                + " ORDER BY created DESC, id LIMIT ?", JdbcJobStore::job, owner, limit);
    }

    @Override
    public Map<String, JobOutput> results(UUID id) {
        return storedResults("id = ? AND " + OGCAPI, id);
    }

    /** The results of the successful job the condition selects; none when there are none. */
    private Map<String, JobOutput> storedResults(String condition, Object... params) {
        String text = query("SELECT results::text FROM security.process_job WHERE status = 'successful' AND "
                + condition, rs -> rs.getString(1), params).stream().findFirst().orElse(null);
        Map<String, JobOutput> outputs = new LinkedHashMap<>();
        if (text != null) {
            try {
                Map<String, Map<String, String>> stored = JSON.readValue(text, new TypeReference<LinkedHashMap<String,
                        Map<String, String>>>() {
                });
                stored.forEach((k, v) -> outputs.put(k, new JobOutput(v.get("mediaType"), v.get("text"))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return outputs;
    }

    @Override
    public void dismiss(UUID id) {
        update("UPDATE security.process_job SET status = 'dismissed', message = 'dismissed by its client', "
                + "finished = coalesce(finished, now()), updated = now(), results = null WHERE id = ? AND " + OGCAPI,
                id);
    }

    // --- the WPS 1.0.0 face: an execution's latest ExecuteResponse, its outputs asked as references

    @Override
    public void accepted(UUID id, String processId, String owner, byte[] document, byte[] interrupted) {
        dropExpired();
        update("INSERT INTO security.process_job (id, process_id, owner, status, node, lease_until, api, wps_document, "
                + "wps_interrupted) VALUES (?, ?, ?, 'accepted', ?, now() + ?::interval, 'wps', ?, ?)", id, processId,
                owner, node, lease.toString(), document, interrupted);
    }

    @Override
    public void running(UUID id, int percent, byte[] document) {
        update("UPDATE security.process_job SET status = 'running', started = coalesce(started, now()), progress = ?, "
                + "updated = now(), wps_document = ? WHERE id = ? AND " + UNFINISHED,
                Math.max(0, Math.min(100, percent)), document, id);
    }

    @Override
    public void succeeded(UUID id, byte[] document, Map<String, StoredOutput> references) {
        update("UPDATE security.process_job SET status = 'successful', progress = 100, finished = now(), "
                + "updated = now(), wps_document = ?, results = ?::json WHERE id = ? AND " + UNFINISHED, document,
                resultsJson(jobOutputs(references)), id);
    }

    @Override
    public void failed(UUID id, byte[] document) {
        update("UPDATE security.process_job SET status = 'failed', finished = now(), updated = now(), "
                + "wps_document = ? WHERE id = ? AND " + UNFINISHED, document, id);
    }

    @Override
    public void outputs(UUID id, String processId, String owner, Map<String, StoredOutput> references) {
        dropExpired();
        update("INSERT INTO security.process_job (id, process_id, owner, status, node, lease_until, api, finished, "
                + "progress, results) VALUES (?, ?, ?, 'successful', ?, now(), 'wps', now(), 100, ?::json)", id,
                processId, owner, node, resultsJson(jobOutputs(references)));
    }

    @Override
    public Optional<byte[]> document(UUID id) {
        expireLeases();
        return query("SELECT wps_document FROM security.process_job WHERE id = ? AND " + WPS + " AND "
                + "wps_document IS NOT NULL AND (finished IS NULL OR finished >= now() - ?::interval)",
                rs -> rs.getBytes(1), id, retention.toString()).stream().findFirst();
    }

    @Override
    public Optional<StoredOutput> output(UUID id, String outputIdentifier) {
        JobOutput o = storedResults("id = ? AND " + WPS + " AND finished >= now() - ?::interval", id,
                retention.toString()).get(outputIdentifier);
        return Optional.ofNullable(o).map(v -> new StoredOutput(v.text(), v.mediaType()));
    }

    @Override
    public void forget(UUID id) {
        update("DELETE FROM security.process_job WHERE id = ? AND " + WPS, id);
    }

    private static Map<String, JobOutput> jobOutputs(Map<String, StoredOutput> references) {
        Map<String, JobOutput> outputs = new LinkedHashMap<>();
        references.forEach((k, v) -> outputs.put(k, new JobOutput(v.contentType(), v.text())));
        return outputs;
    }

    /** The unfinished jobs whose server stopped renewing their lease failed. */
    private void expireLeases() {
        update("UPDATE security.process_job SET " + STOPPED_COLUMNS + " WHERE " + UNFINISHED
                + " AND lease_until < now()", STOPPED, stoppedFailure());
    }

    private static JobInfo job(ResultSet rs) throws SQLException {
        JobInfo.Failure failure = null;
        String f = rs.getString(11);
        if (f != null) {
            try {
                var node = JSON.readTree(f);
                failure = new JobInfo.Failure(node.path("code").asText(), node.path("status").asInt(500),
                        node.path("description").asText(), node.hasNonNull("locator") ? node.get("locator").asText() : null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        int percent = rs.getInt(6);
        Integer progress = rs.wasNull() ? null : percent;
        return new JobInfo(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), JobState.of(rs.getString(4)),
                rs.getString(5), progress, instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), failure);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, RowReader<T> reader, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading process jobs failed", e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing a process job failed", e);
        }
    }

    private static void bind(Connection c, PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof UUID[] ids) {
                ps.setArray(i + 1, c.createArrayOf("uuid", ids));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
