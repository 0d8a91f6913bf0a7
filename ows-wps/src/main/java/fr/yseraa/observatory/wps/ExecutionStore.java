package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous executions: runs them on a small pool of worker threads, a bounded number waiting their turn (beyond,
 * a new one is refused with ServerBusy, 503 and {@code Retry-After}), and keeps each one's latest ExecuteResponse
 * document (accepted, started with its progress, then succeeded or failed) and its outputs asked as references in
 * its {@link ExecutionRecords}, under an unguessable id. While executions run here, their lease is renewed, so that
 * those of a server that died read as failed wherever the records are shared.
 */
public final class ExecutionStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionStore.class);
    /** How often a running execution's progress is recorded at most. */
    private static final long PROGRESS_EVERY_NS = 1_000_000_000L;
    /** The length of an execution id: a UUID's text. */
    private static final int ID_LENGTH = 36;

    private final ThreadPoolExecutor workers;
    private final int queue;
    private final ExecutionRecords records;
    private final Clock clock;
    private final ScheduledExecutorService leases;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Long> lastProgress = new ConcurrentHashMap<>();

    /**
     * Executions kept in this server's memory.
     *
     * @param threads how many executions run at once (the others wait their turn, ProcessAccepted)
     * @param queue how many may wait their turn
     * @param keepFor how long a finished execution's response stays readable
     */
    public ExecutionStore(int threads, int queue, Duration keepFor, Clock clock) {
        this(threads, queue, ExecutionRecords.inMemory(keepFor, clock), clock, null);
    }

    /**
     * Executions kept in records every replica shares.
     *
     * @param renewEvery how often the lease of the executions running here is renewed (well within the lease)
     */
    public ExecutionStore(int threads, int queue, ExecutionRecords records, Duration renewEvery) {
        this(threads, queue, records, Clock.systemUTC(), renewEvery);
    }

    private ExecutionStore(int threads, int queue, ExecutionRecords records, Clock clock, Duration renewEvery) {
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "wps-execution");
                    t.setDaemon(true);
                    return t;
                });
        this.queue = queue;
        this.records = records;
        this.clock = clock;
        if (renewEvery == null) {
            this.leases = null;
        } else {
            this.leases = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "wps-execution-leases");
                t.setDaemon(true);
                return t;
            });
            leases.scheduleWithFixedDelay(this::renew, renewEvery.toMillis(), renewEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    Instant now() {
        return clock.instant();
    }

    /** Registers an execution of the process accepted here, with its first document and the one it reads as if
     * this server stopped before it ended. */
    void accept(UUID id, String processId, String owner, byte[] accepted, byte[] interrupted) {
        records.accepted(id, processId, owner, accepted, interrupted);
        held.add(id);
    }

    /** Runs the execution's work in turn; ServerBusy (and the execution forgotten) when too many wait already. */
    void submit(UUID id, Runnable work) {
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } finally {
                    held.remove(id);
                    lastProgress.remove(id);
                }
            });
        } catch (RejectedExecutionException e) {
            held.remove(id);
            records.forget(id);
            throw new OwsException(OwsExceptionCode.SERVER_BUSY, null, "The server has as many asynchronous executions"
                    + " waiting as it may (" + queue + "); retry later", ExecutionLimits.RETRY_AFTER_SECONDS);
        }
    }

    /** How far a running execution got, recorded at most once a second (its first report always). */
    void progress(UUID id, int percent, byte[] document) {
        long now = System.nanoTime();
        Long last = lastProgress.get(id);
        if (last == null || now - last >= PROGRESS_EVERY_NS) {
            lastProgress.put(id, now);
            records.running(id, percent, document);
        }
    }

    void succeeded(UUID id, byte[] document, Map<String, StoredOutput> references) {
        records.succeeded(id, document, references);
    }

    void failed(UUID id, byte[] document) {
        records.failed(id, document);
    }

    /** Keeps the outputs of a synchronous execution asked as references. */
    void outputs(UUID id, String processId, String owner, Map<String, StoredOutput> references) {
        records.outputs(id, processId, owner, references);
    }

    /** The latest document of an execution, or InvalidParameterValue when unknown or expired. */
    byte[] document(String executionId) {
        return parse(executionId).flatMap(records::document).orElseThrow(() -> OwsException.invalidParameter(
                "executionId", "No execution " + executionId + " (unknown, or its results have expired)"));
    }

    /** The id of an output asked as a reference: its execution's, then its identifier. */
    static String outputId(UUID execution, String outputIdentifier) {
        return execution + "." + outputIdentifier;
    }

    /** A stored output by its {@link #outputId}, or InvalidParameterValue when unknown or expired. */
    StoredOutput output(String outputId) {
        Optional<StoredOutput> output = Optional.empty();
        if (outputId.length() > ID_LENGTH + 1 && outputId.charAt(ID_LENGTH) == '.') {
            String identifier = outputId.substring(ID_LENGTH + 1);
            output = parse(outputId.substring(0, ID_LENGTH)).flatMap(id -> records.output(id, identifier));
        }
        return output.orElseThrow(() -> OwsException.invalidParameter("outputId", "No output " + outputId
                + " (unknown, or expired)"));
    }

    private static Optional<UUID> parse(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void renew() {
        try {
            if (!held.isEmpty()) {
                records.renew(Set.copyOf(held));
            }
        } catch (RuntimeException e) {
            LOG.warn("renewing the lease of {} WPS executions failed", held.size(), e);
        }
    }

    @Override
    public void close() {
        if (leases != null) {
            leases.shutdownNow();
        }
        workers.shutdownNow();
    }
}
