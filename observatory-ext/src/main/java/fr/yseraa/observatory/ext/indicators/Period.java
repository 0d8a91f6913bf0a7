package fr.yseraa.observatory.ext.indicators;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The period of an indicator value: first and last day, named in the API as the ISO 8601 interval {@code start/end}. */
public record Period(LocalDate start, LocalDate end) {

    /** {@code 2020-01-01/2024-12-31}. */
    public String id() {
        return start + "/" + end;
    }

    /** In French words: {@code 2024} for one calendar year, {@code 2020-2024} for whole years, else the two dates. */
    public String label() {
        boolean wholeYears = start.getDayOfYear() == 1 && end.plusDays(1).getDayOfYear() == 1;
        if (!wholeYears) {
            return "du " + start + " au " + end;
        }
        return start.getYear() == end.getYear() ? Integer.toString(start.getYear()) : start.getYear() + "-" + end.getYear();
    }

    /** The period an id names, if it is one ({@code start/end}, start not after end). */
    public static Optional<Period> parse(String id) {
        int slash = id.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        try {
            LocalDate start = LocalDate.parse(id.substring(0, slash));
            LocalDate end = LocalDate.parse(id.substring(slash + 1));
            return start.isAfter(end) ? Optional.empty() : Optional.of(new Period(start, end));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
