package fr.yseraa.observatory.core.ows;

import fr.yseraa.observatory.core.xml.XmlChars;

/**
 * A failure a client caused (or a server fault reported as such), carrying what the exception report says:
 * its OGC code, the locator (the parameter or element at fault) and a human-readable message. One type for every
 * service: the code is OWS Common's ({@link OwsExceptionCode}) or a service's own (the WMS's); how the report is
 * written is the service's {@link ExceptionReporter}.
 */
public class OwsException extends RuntimeException {

    private final ExceptionCode code;
    private final String locator;
    private final int retryAfterSeconds;

    /** The longest message a report carries: messages quote what the client sent, which may be megabytes. */
    static final int MESSAGE_LIMIT = 1000;

    /** The message and the locator are cut to a bounded length ({@link XmlChars#cut}). */
    public OwsException(ExceptionCode code, String locator, String message) {
        this(code, locator, message, 0);
    }

    /**
     * A failure the client may retry after a while (the server is busy or its database unreachable): the report
     * carries {@code Retry-After}.
     *
     * @param retryAfterSeconds seconds the client should wait before trying again; 0 for no {@code Retry-After}
     */
    public OwsException(ExceptionCode code, String locator, String message, int retryAfterSeconds) {
        super(XmlChars.cut(message, MESSAGE_LIMIT));
        this.code = code;
        this.locator = XmlChars.cut(locator, XmlChars.ECHO_LIMIT);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static OwsException missingParameter(String parameter) {
        return new OwsException(OwsExceptionCode.MISSING_PARAMETER_VALUE, parameter,
                "Parameter " + parameter + " is required");
    }

    public static OwsException invalidParameter(String parameter, String message) {
        return new OwsException(OwsExceptionCode.INVALID_PARAMETER_VALUE, parameter, message);
    }

    public ExceptionCode code() {
        return code;
    }

    /** The parameter or element at fault, or null. */
    public String locator() {
        return locator;
    }

    /** Seconds the client should wait before retrying (the report's {@code Retry-After}), or 0. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int httpStatus() {
        return code.httpStatus();
    }
}
