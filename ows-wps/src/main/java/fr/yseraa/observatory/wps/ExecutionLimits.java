package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.ows.ClientDeparture;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.wps.process.ExecutionBudget;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many synchronous executions run at once (fewer for the public than for everybody), how long a request waits
 * for its turn, and how long an execution may take. Beyond the wait the request is refused at once with
 * {@code ServerBusy} (503, {@code Retry-After}), so that executions never take all the database's connections and
 * the other services keep answering.
 */
public final class ExecutionLimits {

    /** What a refused client is told to wait. */
    public static final int RETRY_AFTER_SECONDS = 10;

    private final int running;
    private final int anonymous;
    private final Semaphore all;
    private final Semaphore ofThePublic;
    private final Duration queueWait;
    private final Duration timeLimit;
    private final Duration asyncTimeLimit;

    /** The engine's defaults: 4 at once, 2 for the public, a wait of 1 s, 2 minutes (30 asynchronously). */
    public static final ExecutionLimits DEFAULT = new ExecutionLimits(4, 2, Duration.ofSeconds(1),
            Duration.ofMinutes(2), Duration.ofMinutes(30));

    /**
     * @param running synchronous executions at once, all callers
     * @param anonymous of which by the public (at most {@code running})
     * @param queueWait how long a request waits for a place before ServerBusy
     * @param timeLimit how long one synchronous execution may take
     * @param asyncTimeLimit how long one asynchronous execution may take (they run a few at a time, apart)
     */
    public ExecutionLimits(int running, int anonymous, Duration queueWait, Duration timeLimit, Duration asyncTimeLimit) {
        if (running < 1 || anonymous < 0 || queueWait.isNegative() || timeLimit.isNegative() || timeLimit.isZero()
                || asyncTimeLimit.isNegative() || asyncTimeLimit.isZero()) {
            throw new IllegalArgumentException("WPS limits: running >= 1, anonymous >= 0, a positive time limit");
        }
        this.running = running;
        this.anonymous = Math.min(anonymous, running);
        this.all = new Semaphore(running, true);
        this.ofThePublic = new Semaphore(this.anonymous, true);
        this.queueWait = queueWait;
        this.timeLimit = timeLimit;
        this.asyncTimeLimit = asyncTimeLimit;
    }

    /** One place among the running executions, given back on close. */
    @FunctionalInterface
    public interface Place extends AutoCloseable {
        @Override
        void close();
    }

    /** A place for the caller's execution, waiting at most the queue wait; else ServerBusy. */
    public Place enter(Caller caller) {
        boolean publicCaller = caller.isAnonymous();
        if (publicCaller && !acquire(ofThePublic)) {
            throw busy();
        }
        if (!acquire(all)) {
            if (publicCaller) {
                ofThePublic.release();
            }
            throw busy();
        }
        return () -> {
            all.release();
            if (publicCaller) {
                ofThePublic.release();
            }
        };
    }

    private boolean acquire(Semaphore places) {
        try {
            return places.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private OwsException busy() {
        return new OwsException(OwsExceptionCode.SERVER_BUSY, null, "The server runs as many executions as it may ("
                + running + ", " + anonymous + " for the public); retry later, or execute asynchronously",
                RETRY_AFTER_SECONDS);
    }

    /**
     * The budget of a synchronous execution, whose client may leave.
     *
     * @param departure the departure of the request's client, taken on the request's thread
     *     ({@link ClientDeparture#current()}): the budget is checked on other threads too, the common pool's that run
     *     a process's parallel tasks, where the request's thread-bound departure is not seen
     */
    public ExecutionBudget synchronous(ClientDeparture departure) {
        return new ExecutionBudget(timeLimit, departure::gone, Clock.systemUTC());
    }

    /** The budget of an asynchronous execution: its longer time limit; nobody waits on the connection. */
    ExecutionBudget asynchronous() {
        return asynchronous(() -> false);
    }

    /**
     * The budget of an asynchronous execution that its client may dismiss: its longer time limit, stopped at its next
     * progress point once {@code dismissed} says so.
     */
    public ExecutionBudget asynchronous(BooleanSupplier dismissed) {
        return new ExecutionBudget(asyncTimeLimit, dismissed, Clock.systemUTC());
    }

    /** Synchronous executions running now. */
    public int running() {
        return running - all.availablePermits();
    }

    /** How many synchronous executions the public may run at once. */
    public int publicPlaces() {
        return anonymous;
    }

    /** Requests waiting for a place now. */
    public int queued() {
        return all.getQueueLength() + ofThePublic.getQueueLength();
    }
}
