package fr.yseraa.observatory.core.ows;

/**
 * A failure a client caused (or a server fault reported as such), carrying what the exception report says:
 * its OGC code, the locator (the parameter or element at fault) and a human-readable message.
 */
public class OwsException extends RuntimeException {

    private final OwsExceptionCode code;
    private final String locator;

    public OwsException(OwsExceptionCode code, String locator, String message) {
        super(message);
        this.code = code;
        this.locator = locator;
    }

    public static OwsException missingParameter(String parameter) {
        return new OwsException(OwsExceptionCode.MISSING_PARAMETER_VALUE, parameter,
                "Parameter " + parameter + " is required");
    }

    public static OwsException invalidParameter(String parameter, String message) {
        return new OwsException(OwsExceptionCode.INVALID_PARAMETER_VALUE, parameter, message);
    }

    public OwsExceptionCode code() {
        return code;
    }

    /** The parameter or element at fault, or null. */
    public String locator() {
        return locator;
    }

    public int httpStatus() {
        return code.httpStatus();
    }
}
