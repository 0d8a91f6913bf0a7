package fr.yseraa.observatory.server.imports;

import fr.yseraa.observatory.ext.imports.ImportProgress;
import fr.yseraa.observatory.ext.imports.ImportReport;
import fr.yseraa.observatory.ext.imports.ImportRequest;
import fr.yseraa.observatory.ext.imports.OccurrenceImport;
import fr.yseraa.observatory.server.ObservatoryProperties;
import fr.yseraa.observatory.server.ServerNode;
import fr.yseraa.observatory.server.tiles.OccurrenceTiles;
import fr.yseraa.observatory.server.tiles.TileCacheSync;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs the imports sent through {@code /rest/imports} in the background, a few at a time ({@code obs.imports.concurrency},
 * 2 by default; up to {@code obs.imports.queue} more wait, then new ones are refused). The file is spooled to
 * {@code obs.imports.spool-dir} first; the job's state, progress and report are kept in {@code security.import_job}.
 * After an import that changed rows, the tiles that follow the occurrences over the changed area are dropped and the
 * catalog is reloaded (layer extents and counts follow).
 */
@Component
public class ImportJobs {

    /** How many rejections a job's report lists (the counts per reason are always complete). */
    static final int LISTED_REJECTIONS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
    private static final long PROGRESS_EVERY_NS = 1_000_000_000L;

    private final ImportJobStore store;
    private final OccurrenceImport importer;
    private final ObservatoryProperties properties;
    private final TileCacheSync sync;
    private final OccurrenceTiles tiles;
    private final Path spool;
    private final String node;
    private final ThreadPoolExecutor executor;

    public ImportJobs(DataSource dataSource, ObservatoryProperties properties, TileCacheSync sync, OccurrenceTiles tiles,
                      @Value("${obs.imports.concurrency:2}") int concurrency, @Value("${obs.imports.queue:20}") int queue,
                      @Value("${obs.imports.spool-dir:.local/imports}") Path spool, @Value("${server.port:8080}") int port)
            throws IOException {
        this.store = new ImportJobStore(dataSource);
        this.importer = new OccurrenceImport(dataSource);
        this.properties = properties;
        this.sync = sync;
        this.tiles = tiles;
        this.spool = Files.createDirectories(spool);
        this.node = ServerNode.name(port);
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "import-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        int interrupted = store.interrupted(node);
        if (interrupted > 0) {
            LOG.warn("{} import jobs of {} were interrupted by the last stop", interrupted, node);
        }
    }

    /** Whether a job sent now would wait in a full queue. */
    boolean full() {
        return executor.getQueue().remainingCapacity() == 0;
    }

    /**
     * Spools the file and queues its import; returns the job's id.
     *
     * @param extension the file's format, as the extension its name would have ({@code csv}, {@code geojson}...)
     * @param asked the import (its file is replaced by the spooled one)
     * @throws RejectedExecutionException when the queue is full
     */
    UUID submit(String login, InputStream file, String fileName, String extension, ImportRequest asked) throws IOException {
        UUID id = UUID.randomUUID();
        Path spooled = spool.resolve(id + "." + extension);
        Files.copy(file, spooled, StandardCopyOption.REPLACE_EXISTING);
        ImportRequest request = new ImportRequest(spooled, asked.dataset(), asked.mapping(), asked.mode(), asked.dryRun(),
                asked.maxRejected());
        store.queued(id, login, request, fileName, node);
        try {
            executor.execute(() -> run(id, request));
        } catch (RejectedExecutionException e) {
            store.failed(id, "refused: too many imports are waiting");
            Files.deleteIfExists(spooled);
            throw e;
        }
        return id;
    }

    Optional<Integer> producerOf(UUID dataset) {
        return store.producerOf(dataset);
    }

    Optional<String> owner(UUID id) {
        return store.owner(id);
    }

    Optional<Map<String, Object>> describe(UUID id) {
        return store.describe(id);
    }

    private void run(UUID id, ImportRequest request) {
        Path report = spool.resolve(id + ".report.json");
        try {
            store.started(id);
            ImportReport result = importer.run(request, properties.dataDir(), report, LISTED_REJECTIONS, progress(id));
            if (result.changedArea() != null) {
                afterChange(result.changedArea()); // before the job is seen done: its client then finds fresh tiles
            }
            if (result.refusal() != null) {
                store.refused(id, report, "refused: " + result.refusal() + "; nothing was written");
            } else {
                store.done(id, report);
            }
            LOG.info("import job {} into dataset {}: {}", id, request.dataset(), result.summary().lines().findFirst().orElse(""));
        } catch (IllegalArgumentException | IllegalStateException | IOException | UncheckedIOException e) {
            // our own messages: a mapping, a file or a dataset that does not fit, another import running
            LOG.info("import job {} failed: {}", id, e.getMessage());
            store.failed(id, e.getMessage());
        } catch (SQLException | RuntimeException e) {
            LOG.error("import job {} failed", id, e);
            store.failed(id, "the import failed on the server (logged as job " + id + "); nothing was written");
        } finally {
            try {
                Files.deleteIfExists(request.file());
                Files.deleteIfExists(report);
            } catch (IOException e) {
                LOG.warn("could not delete the spooled files of import job {}", id, e);
            }
        }
    }

    /** Tells the job's row the phase at once, and the progress within it at most once a second. */
    private ImportProgress progress(UUID id) {
        return new ImportProgress() {
            private String phase;
            private long rows;
            private long last;

            @Override
            public void phase(Phase p) {
                phase = p.name().toLowerCase(Locale.ROOT);
                store.progress(id, phase, rows, 0, 0);
                last = System.nanoTime();
            }

            @Override
            public void advanced(long done, long position, long total) {
                if (phase.equals("reading")) {
                    rows = done;
                }
                long now = System.nanoTime();
                if (now - last >= PROGRESS_EVERY_NS || position >= total) {
                    store.progress(id, phase, rows, position, total);
                    last = now;
                }
            }
        };
    }

    /**
     * What follows a committed import that changed rows: the tiles over the changed area dropped, the catalog given a
     * new update sequence (extents and counts follow). A failure here is logged: the import itself is done.
     */
    private void afterChange(Envelope changed) {
        try {
            tiles.dropOver(changed);
            sync.dataChanged();
        } catch (RuntimeException e) {
            LOG.error("after an import, dropping the tiles over {} or renewing the catalog's update sequence failed", changed, e);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
