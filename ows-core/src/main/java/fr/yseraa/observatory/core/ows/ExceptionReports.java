package fr.yseraa.observatory.core.ows;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one place that turns a failure into a service's exception report (for the dispatcher's endpoints, the
 * services that report themselves, and the tile endpoint): an {@link OwsException} is reported as it is; any other
 * failure is a server fault, logged with a request id that the NoApplicableCode report quotes, never a stack trace.
 */
public final class ExceptionReports {

    private static final Logger LOG = LoggerFactory.getLogger(ExceptionReports.class);

    /** The status of an answer whose client left before it started (nginx's "client closed request"). */
    public static final int CLIENT_CLOSED_REQUEST = 499;

    private ExceptionReports() {
    }

    /** Work answering an OGC request, which may throw what the client got wrong as an {@link OwsException}. */
    @FunctionalInterface
    public interface Work {
        void run() throws IOException;
    }

    /**
     * Runs the work, reporting its failure with the reporter.
     *
     * @param request what the request was, for the log of a server fault
     */
    public static void answer(ExceptionReporter reporter, OwsResponse response, Supplier<String> request, Work work)
            throws IOException {
        try {
            work.run();
        } catch (OwsException e) {
            report(reporter, e, response);
        } catch (ClientGoneException e) {
            LOG.info("client gone, work stopped: {}", request.get());
            if (!response.committed()) {
                response.setStatus(CLIENT_CLOSED_REQUEST);
            }
        } catch (RuntimeException e) {
            report(reporter, internalError(e, request.get()), response);
        }
    }

    /** Reports a failure, unless the answer already started (then it can only be logged). */
    public static void report(ExceptionReporter reporter, OwsException e, OwsResponse response) throws IOException {
        if (response.committed()) {
            LOG.warn("cannot report {} after the response started: {}", e.code().code(), e.getMessage());
            return;
        }
        reporter.report(e, e.retryAfterSeconds() > 0 ? retryingAfter(response, e.retryAfterSeconds()) : response);
    }

    /** The response, with {@code Retry-After} set when the report's body opens (after the reporter reset it). */
    private static OwsResponse retryingAfter(OwsResponse response, int seconds) {
        return new ForwardingOwsResponse(response) {
            @Override
            public java.io.OutputStream body() throws IOException {
                setHeader("Retry-After", Integer.toString(seconds));
                return super.body();
            }
        };
    }

    /**
     * A server fault, logged with its stack trace under the request's id (the server's access log's, MDC
     * {@code requestId}, else a new one); the NoApplicableCode failure quotes it. A
     * database out of reach is no fault of the server: 503 with {@code Retry-After} ({@link DatabaseOutage}), logged
     * without a stack trace.
     */
    public static OwsException internalError(RuntimeException e, String request) {
        if (DatabaseOutage.causes(e)) {
            LOG.warn("database unavailable for {}: {}", request, e.toString());
            return DatabaseOutage.report();
        }
        String id = Optional.ofNullable(MDC.get("requestId")).orElseGet(() -> UUID.randomUUID().toString());
        LOG.error("request {} failed: {}", id, request, e);
        return new OwsException(OwsExceptionCode.NO_APPLICABLE_CODE, null,
                "Internal error; quote request id " + id + " to the administrator");
    }
}
