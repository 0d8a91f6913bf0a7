package fr.yseraa.observatory.server.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.ext.imports.ImportRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The import jobs' rows in {@code security.import_job}: state, phase, progress and the JSON report, kept in the
 * database so that any server on it can tell a job's state.
 */
final class ImportJobStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource dataSource;

    ImportJobStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void queued(UUID id, String login, ImportRequest request, String fileName, String node) {
        update("INSERT INTO security.import_job (id, login, dataset, mapping, mode, dry_run, file_name, node, state) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued')", id, login, request.dataset(), request.mapping(),
                request.mode().toString(), request.dryRun(), fileName, node);
    }

    void started(UUID id) {
        update("UPDATE security.import_job SET state = 'running', started_at = now() WHERE id = ?", id);
    }

    void progress(UUID id, String phase, long rows, long position, long total) {
        update("UPDATE security.import_job SET phase = ?, rows_read = greatest(rows_read, ?), position = ?, total = ? "
                + "WHERE id = ?", phase, rows, position, total, id);
    }

    /** The job ended; its report is the JSON file the import wrote. */
    void done(UUID id, Path report) {
        try {
            update("UPDATE security.import_job SET state = 'done', phase = null, finished_at = now(), report = ?::json "
                    + "WHERE id = ?", Files.readString(report, StandardCharsets.UTF_8), id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job ended refused (more rejections than its limit): failed, with its report. */
    void refused(UUID id, Path report, String error) {
        try {
            update("UPDATE security.import_job SET state = 'failed', phase = null, finished_at = now(), report = ?::json, "
                    + "error = ? WHERE id = ?", Files.readString(report, StandardCharsets.UTF_8), error, id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void failed(UUID id, String error) {
        update("UPDATE security.import_job SET state = 'failed', finished_at = now(), error = ? WHERE id = ?", error, id);
    }

    /** Jobs this server had queued or was running when it stopped will never end: they failed. */
    int interrupted(String node) {
        return update("UPDATE security.import_job SET state = 'failed', finished_at = now(), "
                + "error = 'interrupted: the server stopped before the import ended (nothing was written)' "
                + "WHERE node = ? AND state IN ('queued', 'running')", node);
    }

    /** The organisation producing a dataset of {@code ref.dataset}, or empty when there is no such dataset. */
    Optional<Integer> producerOf(UUID dataset) {
        return row("SELECT producer_id FROM ref.dataset WHERE uuid = ?", dataset, rs -> rs.getInt(1));
    }

    /** The login that sent a job, if there is such a job. */
    Optional<String> owner(UUID id) {
        return row("SELECT login FROM security.import_job WHERE id = ?", id, rs -> rs.getString(1));
    }

    /** A job as the API shows it: what was asked, its state and progress, then its report or its error. */
    Optional<Map<String, Object>> describe(UUID id) {
        return row("SELECT id, state, phase, file_name, dataset, mapping, mode, dry_run, login, submitted_at, started_at, "
                + "finished_at, rows_read, position, total, report::text, error FROM security.import_job WHERE id = ?", id, rs -> {
                    Map<String, Object> job = new LinkedHashMap<>();
                    job.put("id", rs.getString("id"));
                    job.put("state", rs.getString("state"));
                    job.put("file", rs.getString("file_name"));
                    job.put("dataset", rs.getString("dataset"));
                    job.put("mapping", rs.getString("mapping"));
                    job.put("mode", rs.getString("mode"));
                    job.put("dryRun", rs.getBoolean("dry_run"));
                    job.put("submittedBy", rs.getString("login"));
                    job.put("submitted", instant(rs.getTimestamp("submitted_at")));
                    job.put("started", instant(rs.getTimestamp("started_at")));
                    job.put("finished", instant(rs.getTimestamp("finished_at")));
                    if ("running".equals(rs.getString("state"))) {
                        Map<String, Object> progress = new LinkedHashMap<>();
                        String phase = rs.getString("phase");
                        progress.put("phase", phase == null ? null : phase.toLowerCase(Locale.ROOT));
                        progress.put("rowsRead", rs.getLong("rows_read"));
                        long total = rs.getLong("total");
                        progress.put("percent", total > 0 ? Math.min(100, 100 * rs.getLong("position") / total) : null);
                        job.put("progress", progress);
                    }
                    String report = rs.getString(16);
                    if (report != null) {
                        try {
                            job.put("report", JSON.readTree(report));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    job.put("error", rs.getString("error"));
                    return job;
                });
    }

    private static String instant(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> row(String sql, UUID id, RowReader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading import job " + id + " failed", e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing an import job failed", e);
        }
    }
}
