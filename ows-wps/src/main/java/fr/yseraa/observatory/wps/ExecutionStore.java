package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous executions: runs them on a small pool of worker threads, a bounded number waiting their turn (beyond,
 * a new one is refused with ServerBusy, 503 and {@code Retry-After}), and keeps each one's latest ExecuteResponse
 * document (accepted, started with its progress, then succeeded or failed) under an unguessable id, for a
 * configurable time after it finished.
 */
public final class ExecutionStore implements AutoCloseable {

    private final ThreadPoolExecutor workers;
    private final int queue;
    private final Duration keepFor;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private static final class Entry {
        volatile byte[] document;
        volatile StoredOutput output;
        volatile Instant finishedAt;
    }

    /** An output asked as a reference ({@code asReference}): its bytes and content type. */
    record StoredOutput(byte[] content, String contentType) {
    }

    /**
     * @param threads how many executions run at once (the others wait their turn, ProcessAccepted)
     * @param queue how many may wait their turn
     * @param keepFor how long a finished execution's response stays readable
     */
    public ExecutionStore(int threads, int queue, Duration keepFor, Clock clock) {
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "wps-execution");
                    t.setDaemon(true);
                    return t;
                });
        this.queue = queue;
        this.keepFor = keepFor;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** Registers an execution with its first document; returns its id. */
    String create(byte[] firstDocument) {
        purge();
        String id = UUID.randomUUID().toString();
        Entry e = new Entry();
        e.document = firstDocument;
        entries.put(id, e);
        return id;
    }

    /** Runs the execution's work in turn; ServerBusy (and the execution forgotten) when too many wait already. */
    void submit(String id, Runnable work) {
        try {
            workers.execute(work);
        } catch (RejectedExecutionException e) {
            entries.remove(id);
            throw new OwsException(OwsExceptionCode.SERVER_BUSY, null, "The server has as many asynchronous executions"
                    + " waiting as it may (" + queue + "); retry later", ExecutionLimits.RETRY_AFTER_SECONDS);
        }
    }

    /** Replaces the document of an execution; {@code finished} starts its retention time. */
    void update(String id, byte[] document, boolean finished) {
        Entry e = entries.get(id);
        if (e != null) {
            e.document = document;
            if (finished) {
                e.finishedAt = clock.instant();
            }
        }
    }

    /** The latest document of an execution, or InvalidParameterValue when unknown or expired. */
    byte[] document(String id) {
        Entry e = entry(id);
        if (e == null || e.document == null) {
            throw OwsException.invalidParameter("executionId", "No execution " + id + " (unknown, or its results have expired)");
        }
        return e.document;
    }

    /** Keeps an output for the same retention time as a finished execution; returns its id. */
    String storeOutput(StoredOutput output) {
        purge();
        String id = UUID.randomUUID().toString();
        Entry e = new Entry();
        e.output = output;
        e.finishedAt = clock.instant();
        entries.put(id, e);
        return id;
    }

    /** A stored output, or InvalidParameterValue when unknown or expired. */
    StoredOutput output(String id) {
        Entry e = entry(id);
        if (e == null || e.output == null) {
            throw OwsException.invalidParameter("outputId", "No output " + id + " (unknown, or expired)");
        }
        return e.output;
    }

    private Entry entry(String id) {
        purge();
        return id == null ? null : entries.get(id);
    }

    private void purge() {
        Instant limit = clock.instant().minus(keepFor);
        entries.values().removeIf(e -> e.finishedAt != null && e.finishedAt.isBefore(limit));
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
