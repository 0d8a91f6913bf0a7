package fr.yseraa.observatory.server.operations;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.server.security.CallerFilter;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line per request of the main port in the log {@code access} — request id, client address, method, path (never
 * its query, where an API key may be), service, operation, status, bytes sent, time, caller (login and roles, or
 * anonymous) — and the request in the metrics ({@link RequestMetrics}). An engine valve: it sees the final status,
 * error pages included. The request id is in the log's MDC ({@code requestId}) while the request runs, so that a
 * server fault's report quotes the same id.
 */
public final class RequestLogValve extends ValveBase {

    /** The MDC key of the request id. */
    public static final String REQUEST_ID = "requestId";
    private static final Logger ACCESS = LoggerFactory.getLogger("access");

    private final RequestMetrics metrics;

    public RequestLogValve(RequestMetrics metrics) {
        super(true);
        this.metrics = metrics;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        long start = System.nanoTime();
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        MDC.put(REQUEST_ID, id);
        try {
            getNext().invoke(request, response);
        } finally {
            MDC.remove(REQUEST_ID);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            RequestKind kind = RequestKind.of(request.getRequest());
            Caller caller = CallerFilter.callerOf(request.getRequest());
            long bytes = response.getBytesWritten(false);
            int status = response.getStatus();
            metrics.record(kind, status, caller, took, response.getHeader("X-Tile-Cache"));
            if (ACCESS.isInfoEnabled()) {
                ACCESS.info("{} {} {} {} {} {} {} {}B {}ms {}", id, request.getRemoteAddr(), request.getMethod(),
                        request.getRequestURI(), kind.service(), kind.operation(), status, bytes, took.toMillis(),
                        caller.isAnonymous() ? "anonymous" : caller.user() + " " + String.join(",", new TreeSet<>(caller.roles())));
            }
        }
    }
}
