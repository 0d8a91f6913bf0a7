package fr.yseraa.observatory.ogcapi;

import fr.yseraa.observatory.core.filter.Expression;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.filter.TemporalOperator;
import fr.yseraa.observatory.core.filter.TimeValue;
import fr.yseraa.observatory.core.ows.OwsException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code datetime} parameter of an items request (OGC API Features, requirement 25): an instant, or an interval
 * {@code start/end} whose ends may be open ({@code ..} or empty), as a filter on the layer's time property. Both ends
 * are included; a date names its whole day.
 */
final class DateTimeFilter {

    static final String PARAMETER = "datetime";

    private DateTimeFilter() {
    }

    static Filter parse(String value, String property) {
        Expression.Property p = new Expression.Property(property);
        String[] ends = value.strip().split("/", -1);
        if (ends.length > 2) {
            throw invalid(value);
        }
        Object start = instant(ends[0], value, false);
        Object end = instant(ends[ends.length - 1], value, true);
        if (start == null && end == null) {
            throw OwsException.invalidParameter(PARAMETER, "datetime " + value + " is open at both ends");
        }
        if (start != null && end != null && comparable(start).isAfter(comparable(end))) {
            throw OwsException.invalidParameter(PARAMETER, "datetime " + value + " starts after its end");
        }
        List<Filter> bounds = new ArrayList<>();
        if (start != null) {
            bounds.add(new Filter.Not(new Filter.Temporal(TemporalOperator.BEFORE, p, new TimeValue.Instant(start))));
        }
        if (end != null) {
            bounds.add(new Filter.Not(new Filter.Temporal(TemporalOperator.AFTER, p, new TimeValue.Instant(end))));
        }
        return Filter.and(bounds);
    }

    /** An end of the interval: null when open; a date is its whole day (its start, or the last instant of it). */
    private static Object instant(String text, String value, boolean end) {
        String t = text.strip();
        if (t.isEmpty() || t.equals("..")) {
            return null;
        }
        try {
            if (t.length() == 10) {
                LocalDate d = LocalDate.parse(t);
                return end ? d.plusDays(1).atStartOfDay().minusNanos(1000) : d.atStartOfDay();
            }
            if (t.endsWith("Z") || t.endsWith("z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(t.toUpperCase(java.util.Locale.ROOT));
            }
            return LocalDateTime.parse(t);
        } catch (DateTimeException e) {
            throw invalid(value);
        }
    }

    private static LocalDateTime comparable(Object instant) {
        return instant instanceof OffsetDateTime o ? o.atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime()
                : (LocalDateTime) instant;
    }

    private static OwsException invalid(String value) {
        return OwsException.invalidParameter(PARAMETER, "datetime " + value
                + " is neither an RFC 3339 instant nor an interval start/end (an open end is ..)");
    }
}
