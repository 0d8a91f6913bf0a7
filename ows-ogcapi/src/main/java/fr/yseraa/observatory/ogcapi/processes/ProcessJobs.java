package fr.yseraa.observatory.ogcapi.processes;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.wps.ChosenOutput;
import fr.yseraa.observatory.wps.ExecutionLimits;
import fr.yseraa.observatory.wps.ProcessRunner;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import fr.yseraa.observatory.wps.process.ProcessResult;
import fr.yseraa.observatory.wps.process.ProgressListener;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs asynchronous jobs in the background, a few at a time (the others wait in a bounded queue; beyond it a new job
 * is refused with ServerBusy), each within the WPS's asynchronous time limit, and keeps their state in the shared
 * {@link JobStore}: progress, then the outputs or the failure. While this server holds jobs it renews their lease, so
 * that the jobs of a server that died read as failed on every replica. A dismissed job stops at its next progress
 * point, whichever replica dismissed it.
 */
public final class ProcessJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessJobs.class);
    /** How often a running job looks whether it was dismissed, and reports its progress at most. */
    private static final long CHECK_EVERY_NS = 1_000_000_000L;

    private final JobStore store;
    private final ProcessRunner runner;
    private final ExecutionLimits limits;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService leases;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();

    /**
     * @param threads how many jobs run at once
     * @param queue how many more may wait their turn
     * @param renewEvery how often the lease of the jobs held is renewed (well within the store's lease)
     */
    public ProcessJobs(JobStore store, ProcessRunner runner, ExecutionLimits limits, int threads, int queue,
                       Duration renewEvery) {
        this.store = store;
        this.runner = runner;
        this.limits = limits;
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "ogcapi-job-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.leases = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ogcapi-job-leases");
            t.setDaemon(true);
            return t;
        });
        leases.scheduleWithFixedDelay(this::renew, renewEvery.toMillis(), renewEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Accepts a job for the caller and queues it; returns its id.
     *
     * @throws OwsException ServerBusy (503, Retry-After) when as many jobs wait as may
     */
    UUID submit(WpsProcess process, ProcessInputs inputs, List<ChosenOutput> outputs, Caller caller) {
        if (workers.getQueue().remainingCapacity() == 0) {
            throw busy();
        }
        UUID id = UUID.randomUUID();
        store.accepted(id, process.description().identifier(), caller.user());
        held.add(id);
        try {
            workers.execute(() -> run(id, process, inputs, outputs, caller));
        } catch (RejectedExecutionException e) {
            held.remove(id);
            OwsException busy = busy();
            store.failed(id, busy);
            throw busy;
        }
        return id;
    }

    private OwsException busy() {
        return new OwsException(OwsExceptionCode.SERVER_BUSY, null, "As many jobs wait as may ("
                + workers.getQueue().size() + "); retry later", ExecutionLimits.RETRY_AFTER_SECONDS);
    }

    private void run(UUID id, WpsProcess process, ProcessInputs inputs, List<ChosenOutput> outputs, Caller caller) {
        try {
            if (!store.started(id)) {
                return;
            }
            ProcessResult result = runner.run(process, inputs, caller, progress(id),
                    limits.asynchronous(dismissed(id)));
            Map<String, JobOutput> stored = new LinkedHashMap<>();
            for (ChosenOutput o : outputs) {
                stored.put(o.description().identifier(), new JobOutput(o.mediaType(), o.text(result)));
            }
            store.succeeded(id, stored);
        } catch (OwsException e) {
            store.failed(id, e);
        } catch (RuntimeException e) {
            LOG.error("job {} of {} failed", id, process.description().identifier(), e);
            store.failed(id, new OwsException(OwsExceptionCode.NO_APPLICABLE_CODE, null, "The job failed on the"
                    + " server; quote job id " + id + " to the administrator"));
        } finally {
            held.remove(id);
        }
    }

    /** Tells the store how far the job got, at most once a second. */
    private ProgressListener progress(UUID id) {
        long[] last = {0};
        return (percent, message) -> {
            long now = System.nanoTime();
            if (now - last[0] >= CHECK_EVERY_NS) {
                last[0] = now;
                store.progress(id, percent, message);
            }
        };
    }

    /** Whether the job was dismissed, read from the store at most once a second. */
    private BooleanSupplier dismissed(UUID id) {
        long[] last = {System.nanoTime()};
        boolean[] dismissed = {false};
        return () -> {
            long now = System.nanoTime();
            if (!dismissed[0] && now - last[0] >= CHECK_EVERY_NS) {
                last[0] = now;
                dismissed[0] = store.dismissed(id);
            }
            return dismissed[0];
        };
    }

    private void renew() {
        try {
            if (!held.isEmpty()) {
                store.renew(Set.copyOf(held));
            }
        } catch (RuntimeException e) {
            LOG.warn("renewing the lease of {} jobs failed", held.size(), e);
        }
    }

    /** Jobs running or waiting on this server now. */
    public int held() {
        return held.size();
    }

    @Override
    public void close() {
        leases.shutdownNow();
        workers.shutdownNow();
    }
}
