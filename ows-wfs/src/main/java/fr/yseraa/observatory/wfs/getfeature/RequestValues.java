package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import java.util.Locale;

/** Parsing of the scalar GetFeature parameters shared by the KVP and XML encodings. */
public final class RequestValues {

    private RequestValues() {
    }

    /** COUNT / MAXFEATURES: a positive integer, or null when absent. */
    public static Integer count(String value, String locator) {
        if (value == null || value.isBlank()) {
            return null;
        }
        long n = integer(value, locator);
        if (n < 1) {
            throw OwsException.invalidParameter(locator, locator + " must be a positive integer, not " + value);
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** STARTINDEX: a non-negative integer, 0 when absent. */
    public static long startIndex(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        long n = integer(value, "startIndex");
        if (n < 0) {
            throw OwsException.invalidParameter("startIndex", "startIndex must not be negative");
        }
        return n;
    }

    private static long integer(String value, String locator) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw OwsException.invalidParameter(locator, locator + " must be an integer, not " + value);
        }
    }

    /** RESULTTYPE: true for hits, false for results (the default). */
    public static boolean hits(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "hits" -> true;
            case "results" -> false;
            default -> throw OwsException.invalidParameter("resultType", "resultType must be results or hits");
        };
    }
}
