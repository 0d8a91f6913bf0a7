package fr.yseraa.observatory.wps.process;

import fr.yseraa.observatory.core.ows.ClientGoneException;
import fr.yseraa.observatory.core.ows.ExceptionCode;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * How long an execution may still run, and whether anybody still waits for it. Checked at each of the process's
 * progress points ({@link ProcessContext#progress()}, {@link ProcessContext#checkpoint()}) and bounding each of its
 * statements' timeout, so that an execution stops by its time limit, or at its next progress point once its client
 * has gone.
 */
public final class ExecutionBudget {

    /** No time limit, nobody to leave: tests and tools. */
    public static final ExecutionBudget UNLIMITED = new ExecutionBudget(null, () -> false, Clock.systemUTC());

    /** The report of an execution stopped by its time limit: the server's limit, not a fault; 503, no retry. */
    static final ExceptionCode TIME_LIMIT = ExceptionCode.of(OwsExceptionCode.NO_APPLICABLE_CODE.code(), 503);

    private final Duration limit;
    private final Instant deadline;
    private final BooleanSupplier abandoned;
    private final Clock clock;

    /**
     * @param limit the time the execution may take from now, or null for none
     * @param abandoned whether the client that waits for the execution has gone
     */
    public ExecutionBudget(Duration limit, BooleanSupplier abandoned, Clock clock) {
        this.limit = limit;
        this.deadline = limit == null ? null : clock.instant().plus(limit);
        this.abandoned = abandoned;
        this.clock = clock;
    }

    /** Fails when the time limit has passed (a report naming it) or the client has gone ({@link ClientGoneException}). */
    public void check() {
        if (abandoned.getAsBoolean()) {
            throw new ClientGoneException();
        }
        if (expired()) {
            throw timeLimitExceeded();
        }
    }

    /** Whether the time limit has passed. */
    public boolean expired() {
        return deadline != null && !clock.instant().isBefore(deadline);
    }

    /** The report of an execution stopped by its limit. */
    public OwsException timeLimitExceeded() {
        return new OwsException(TIME_LIMIT, null, "The execution was stopped at its time limit of "
                + limit.toSeconds() + " s; narrow the area or the inputs, or execute it asynchronously");
    }

    /** A statement's timeout: {@code most} seconds, or less when the time limit comes first (at least 1). */
    public int statementTimeoutSeconds(int most) {
        if (deadline == null) {
            return most;
        }
        long left = Duration.between(clock.instant(), deadline).toMillis();
        return (int) Math.max(1, Math.min(most, (left + 999) / 1000));
    }
}
