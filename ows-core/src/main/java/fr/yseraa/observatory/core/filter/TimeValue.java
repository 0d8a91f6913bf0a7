package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.ows.OwsException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** The right-hand side of a temporal predicate: an instant or a period. */
public sealed interface TimeValue {

    /**
     * An instant: a {@link LocalDate}, a {@link LocalDateTime} (no zone: the database's) or an
     * {@link OffsetDateTime}.
     */
    record Instant(Object value) implements TimeValue {
        public Instant {
            Objects.requireNonNull(value);
            if (!(value instanceof LocalDate || value instanceof LocalDateTime || value instanceof OffsetDateTime)) {
                throw new IllegalArgumentException("not a date or timestamp: " + value.getClass().getName());
            }
        }
    }

    /** From begin to end, begin not after end. */
    record Period(Instant begin, Instant end) implements TimeValue {
        public Period {
            Objects.requireNonNull(begin);
            Objects.requireNonNull(end);
        }
    }

    /** An ISO 8601 date or date-time: 2020-05-01, 2020-05-01T10:00:00, 2020-05-01T10:00:00Z, ...+02:00. */
    static Object parseTemporal(String text, String locator) {
        String t = text == null ? "" : text.trim();
        try {
            if (t.length() <= 10) {
                return LocalDate.parse(t);
            }
            if (t.endsWith("Z") || t.endsWith("z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(t.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2").toUpperCase());
            }
            return LocalDateTime.parse(t);
        } catch (DateTimeParseException e) {
            throw OwsException.invalidParameter(locator, "'" + text + "' is not an ISO 8601 date or timestamp");
        }
    }

    static Instant instant(String text, String locator) {
        return new Instant(parseTemporal(text, locator));
    }
}
