package fr.yseraa.observatory.server.imports;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Forgets finished import jobs: every hour, the jobs done or failed more than {@code obs.imports.retention} ago (30
 * days by default; 0 keeps them for ever) leave {@code security.import_job}, and the spool folder loses their files and
 * any file older than that which belongs to no queued or running job (left by a crash). Every replica may run it: it
 * only deletes.
 */
@Component
public class ImportJobRetention {

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobRetention.class);

    private final JdbcTemplate db;
    private final Duration retention;
    private final Path spool;
    private final ScheduledExecutorService timer;

    /** What a purge removed. */
    record Purged(int jobs, int files) {
    }

    public ImportJobRetention(DataSource dataSource, @Value("${obs.imports.retention:30d}") Duration retention,
                              @Value("${obs.imports.spool-dir:.local/imports}") Path spool) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("obs.imports.retention cannot be negative: " + retention);
        }
        this.db = new JdbcTemplate(dataSource);
        this.retention = retention;
        this.spool = spool;
        if (retention.isZero()) {
            timer = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "import-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::purgeQuietly, 1, 60, TimeUnit.MINUTES);
    }

    private void purgeQuietly() {
        try {
            Purged purged = purge();
            if (purged.jobs() + purged.files() > 0) {
                LOG.info("import jobs finished more than {} ago: {} forgotten, {} spooled files deleted", retention,
                        purged.jobs(), purged.files());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not forget the old import jobs: {}", e.getMessage());
        }
    }

    /** Forgets the jobs finished before the retention and deletes their files and the spool's stale ones. */
    Purged purge() {
        if (retention.isZero()) {
            return new Purged(0, 0);
        }
        List<String> forgotten = db.queryForList("DELETE FROM security.import_job WHERE state IN ('done', 'failed') "
                + "AND finished_at < now() - make_interval(secs => ?) RETURNING id::text", String.class,
                (double) retention.toSeconds());
        Set<String> active = new HashSet<>(db.queryForList(
                "SELECT id::text FROM security.import_job WHERE state IN ('queued', 'running')", String.class));
        Instant stale = Instant.now().minus(retention);
        int files = 0;
        if (Files.isDirectory(spool)) {
            try (DirectoryStream<Path> spooled = Files.newDirectoryStream(spool)) {
                for (Path file : spooled) {
                    String name = file.getFileName().toString();
                    String job = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                    boolean old = Files.getLastModifiedTime(file).toInstant().isBefore(stale);
                    if (Files.isRegularFile(file) && !active.contains(job) && (forgotten.contains(job) || old)) {
                        Files.deleteIfExists(file);
                        files++;
                    }
                }
            } catch (IOException e) {
                LOG.warn("could not clean the import spool {}: {}", spool, e.getMessage());
            }
        }
        return new Purged(forgotten.size(), files);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
