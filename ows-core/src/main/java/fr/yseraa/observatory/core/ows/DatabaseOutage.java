package fr.yseraa.observatory.core.ows;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises the failures that mean the database cannot be reached now — down or restarting, its connection
 * broken or its backend terminated, no connection to be had from the pool in time — as opposed to a fault of the
 * server: those answer 503 with {@code Retry-After}, and the next request finds the database again by itself.
 */
public final class DatabaseOutage {

    /** What clients are told to wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** The code of an outage's report: no OGC code fits better than NoApplicableCode, with 503. */
    static final ExceptionCode UNAVAILABLE = ExceptionCode.of(OwsExceptionCode.NO_APPLICABLE_CODE.code(), 503);

    private DatabaseOutage() {
    }

    /** Whether {@code failure}, or one of its causes, is the database being out of reach. */
    public static boolean causes(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException e && unreachable(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01-57P03 (terminated by an administrator, crash, cannot connect
     * now: starting or stopping), 53300 (too many connections).
     */
    private static boolean unreachable(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("53300"));
    }

    /** The report of an outage. */
    public static OwsException report() {
        return new OwsException(UNAVAILABLE, null,
                "The service is temporarily unavailable (its database cannot be reached); retry later",
                RETRY_AFTER_SECONDS);
    }
}
