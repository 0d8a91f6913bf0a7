package fr.yseraa.observatory.server;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's own rejections (a malformed request line or URL encoding, a request line or headers beyond
 * {@code server.max-http-request-header-size}, a failure before any servlet) in the documented format
 * ({@link ErrorAnswers}) instead of Tomcat's HTML page: installed on the host in place of Tomcat's valve
 * ({@link WebServerConfiguration}).
 */
public class ErrorReportValve extends org.apache.catalina.valves.ErrorReportValve {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReportValve.class);

    public ErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (throwable != null) {
            LOG.warn("request rejected with status {}: {}", status, throwable.toString());
        }
        try {
            String uri = request.getRequestURI();
            ErrorAnswers.write(response, uri == null ? "" : uri.substring(Math.min(uri.length(),
                    request.getContextPath() == null ? 0 : request.getContextPath().length())),
                    ErrorAnswers.forStatus(status));
        } catch (IOException | IllegalStateException e) {
            LOG.debug("cannot write the error report: {}", e.toString());
        }
    }
}
