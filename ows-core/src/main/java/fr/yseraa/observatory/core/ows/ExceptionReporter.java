package fr.yseraa.observatory.core.ows;

import java.io.IOException;
import java.io.OutputStream;

/**
 * How a service, at a version, reports a failure: the HTTP status, the content type and the document. WFS, WMTS,
 * WPS and the dispatcher answer OWS Common's ExceptionReport ({@link #ows}); the WMS its ServiceExceptionReport.
 * {@link ExceptionReports} is the one place that calls it.
 */
@FunctionalInterface
public interface ExceptionReporter {

    /** Sets the status and content type of the report of {@code e}, and writes it. */
    void report(OwsException e, OwsResponse response) throws IOException;

    /** The OWS Common 1.1 {@code ows:ExceptionReport}, with the exception's status. */
    static ExceptionReporter ows(String reportVersion) {
        return ows(reportVersion, OwsCommonWriter.OWS_1_1);
    }

    /** The OWS Common {@code ows:ExceptionReport} of a namespace (1.1's, or 1.0's for CSW 2.0.2). */
    static ExceptionReporter ows(String reportVersion, String owsNamespace) {
        return (e, response) -> {
            response.setStatus(e.httpStatus());
            response.setContentType(ExceptionReportWriter.CONTENT_TYPE);
            try (OutputStream out = response.body()) {
                ExceptionReportWriter.write(e, reportVersion, owsNamespace, out);
            }
        };
    }
}
