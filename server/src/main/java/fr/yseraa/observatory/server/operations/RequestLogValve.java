package fr.yseraa.observatory.server.operations;

import fr.yseraa.observatory.server.security.CallerFilter;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.slf4j.MDC;

/**
 * Every request of the main port in the access log and the metrics ({@link AccessLog}). An engine valve: it sees the
 * final status, error pages included. The request id is in the log's MDC ({@link AccessLog#REQUEST_ID}) while the
 * request runs, so that a server fault's report quotes the same id.
 */
public final class RequestLogValve extends ValveBase {

    private final AccessLog log;

    public RequestLogValve(RequestMetrics metrics) {
        super(true);
        this.log = AccessLog.mainPort(metrics);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        long start = System.nanoTime();
        String id = AccessLog.newRequestId();
        MDC.put(AccessLog.REQUEST_ID, id);
        try {
            getNext().invoke(request, response);
        } finally {
            MDC.remove(AccessLog.REQUEST_ID);
            log.record(new AccessLog.Entry(id, request.getRemoteAddr(), request.getMethod(), request.getRequestURI(),
                    RequestKind.of(request.getRequest()), response.getStatus(), response.getBytesWritten(false),
                    Duration.ofNanos(System.nanoTime() - start), CallerFilter.callerOf(request.getRequest()),
                    response.getHeader("X-Tile-Cache")));
        }
    }
}
