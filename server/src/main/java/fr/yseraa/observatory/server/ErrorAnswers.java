package fr.yseraa.observatory.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.ows.ExceptionCode;
import fr.yseraa.observatory.core.ows.ExceptionReporter;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.xml.XmlChars;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The documented error format of the main port for failures no service reports itself (request text refused at the
 * door, Tomcat's rejections, Spring's errors): under {@code /rest}, {@code /ogcapi} and {@code /api} the JSON problem
 * body {@code {"code", "description"}} the vector tiles answer; elsewhere (the OGC paths) the OWS 1.1 ExceptionReport.
 * Never HTML, never a stack trace, never a Java or parser message.
 */
public final class ErrorAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The report of the OGC paths for failures no service reports: OWS 1.1's. */
    public static final ExceptionReporter OGC_REPORTER = ExceptionReporter.ows("1.1.0");

    private ErrorAnswers() {
    }

    /** A code with the status it answers, for failures that are not one of a service's codes. */
    public record Code(String code, int httpStatus) implements ExceptionCode {
    }

    /**
     * The failure an HTTP error status stands for, in our words: 4xx the client's (NotFound, MethodNotAllowed...,
     * InvalidRequest), 5xx NoApplicableCode, but 501 (a method the servlet does not implement), MethodNotAllowed 405.
     */
    public static OwsException forStatus(int status) {
        return switch (status) {
            case 401 -> failure("AuthenticationRequired", status, "Credentials are required");
            case 403 -> failure("Forbidden", status, "The caller may not do this");
            case 404 -> failure("NotFound", status, "Nothing is served at this path");
            case 405, 501 -> failure("MethodNotAllowed", 405, "This method is not allowed at this path"); // 501: what
            // the servlet answers CONNECT or a method it does not know
            case 413 -> failure("RequestTooLarge", status, "The request is too large");
            case 429 -> failure("TooManyRequests", status, "Too many failed attempts from this address; retry later");
            case 415 -> failure("UnsupportedMediaType", status, "This content type is not accepted at this path");
            default -> status >= 500 ? failure("NoApplicableCode", status, "Internal error")
                    : failure("InvalidRequest", status, "The request is malformed (its URL, headers or body)");
        };
    }

    /**
     * The refusal of credentials (401, the same whatever was wrong) or of an address that must wait (429, with
     * {@code Retry-After}), for a report in the format of the path.
     */
    public static OwsException forAuthentication(int status, String message, long retryAfterSeconds) {
        return new OwsException(forStatus(status).code(), null, message, (int) Math.min(retryAfterSeconds, 86_400));
    }

    /** The refusal of request text holding a character XML forbids, {@code where} naming the part at fault. */
    public static OwsException forbiddenCharacter(String where) {
        return OwsException.invalidParameter(where, "The " + where + " holds a character XML does not allow"
                + " (a control character, U+FFFE, U+FFFF or a lone surrogate)");
    }

    private static OwsException failure(String code, int status, String message) {
        return new OwsException(new Code(code, status), null, message);
    }

    /** Whether a path (from the context root) answers JSON problems rather than OGC exception reports. */
    static boolean json(String path) {
        return path != null && (path.equals("/rest") || path.startsWith("/rest/")
                || path.equals("/ogcapi") || path.startsWith("/ogcapi/")
                || path.equals("/api") || path.startsWith("/api/"));
    }

    /**
     * The JSON problem of {@code /rest} and {@code /ogcapi} for a controller to answer: {@code code},
     * {@code description} and, when the failure names one, {@code locator} (the field or parameter at fault).
     */
    public static ResponseEntity<Map<String, String>> problem(OwsException e) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", e.code().code());
        body.put("description", XmlChars.allowedOnly(e.getMessage()));
        if (e.locator() != null) {
            body.put("locator", e.locator());
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.httpStatus()).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfterSeconds() > 0) {
            answer.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        return answer.body(body);
    }

    /** The problem of an HTTP status, with the controller's own description. */
    public static ResponseEntity<Map<String, String>> problem(int status, String description) {
        return problem(new OwsException(forStatus(status).code(), null, description));
    }

    /** Writes the failure in the format of the path, unless the response is committed already. */
    public static void write(HttpServletResponse response, String path, OwsException e) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(e.httpStatus());
        if (e.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        if (!json(path)) {
            OGC_REPORTER.report(e, new ServletOwsResponse(response));
            return;
        }
        response.setContentType("application/json");
        try (OutputStream out = response.getOutputStream()) {
            JSON.writeValue(out, problem(e).getBody());
        }
    }
}
