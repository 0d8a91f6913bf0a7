package fr.yseraa.observatory.ogcapi.processes;

import fr.yseraa.observatory.core.ows.ExceptionCode;
import fr.yseraa.observatory.core.ows.OwsException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The failures of OGC API - Processes as JSON problems (RFC 7807): the standard's exception types for an unknown
 * process, an unknown job and results not ready; any other failure has its OWS exception code as type
 * ({@code InvalidParameterValue} for a wrong input, {@code ServerBusy}...), and the input or parameter at fault as
 * {@code locator}.
 */
public final class ProcessProblems {

    /** The media type of a problem. */
    public static final String CONTENT_TYPE = "application/problem+json";

    private static final String TYPES = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";

    static final ExceptionCode NO_SUCH_PROCESS = ExceptionCode.of("no-such-process", 404);
    static final ExceptionCode NO_SUCH_JOB = ExceptionCode.of("no-such-job", 404);
    static final ExceptionCode RESULT_NOT_READY = ExceptionCode.of("result-not-ready", 404);

    private ProcessProblems() {
    }

    /** The problem document of a failure. */
    public static Map<String, Object> of(OwsException e) {
        return of(e.code().code(), e.httpStatus(), e.getMessage(), e.locator());
    }

    static Map<String, Object> of(JobInfo.Failure f) {
        return of(f.code(), f.status(), f.description(), f.locator());
    }

    private static Map<String, Object> of(String code, int status, String detail, String locator) {
        boolean standard = code.equals(NO_SUCH_PROCESS.code()) || code.equals(NO_SUCH_JOB.code())
                || code.equals(RESULT_NOT_READY.code());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", standard ? TYPES + code : code);
        problem.put("title", code);
        problem.put("status", status);
        problem.put("detail", detail);
        if (locator != null) {
            problem.put("locator", locator);
        }
        return problem;
    }
}
