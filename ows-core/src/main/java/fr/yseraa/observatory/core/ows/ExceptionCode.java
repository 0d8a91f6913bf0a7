package fr.yseraa.observatory.core.ows;

/**
 * An exception code an {@link OwsException} carries: OWS Common's and the service standards' own
 * ({@link OwsExceptionCode}), or a service's set of codes (the WMS's ServiceException codes), each with its HTTP
 * status.
 */
public interface ExceptionCode {

    /** The code as written in exception reports. */
    String code();

    int httpStatus();

    /** A code no enumeration lists, e.g. NoApplicableCode with another status than 500. */
    static ExceptionCode of(String code, int httpStatus) {
        return new Of(code, httpStatus);
    }

    /** The code of {@link #of}. */
    record Of(String code, int httpStatus) implements ExceptionCode {
    }
}
