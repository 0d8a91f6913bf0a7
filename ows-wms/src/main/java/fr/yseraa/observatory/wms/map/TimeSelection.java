package fr.yseraa.observatory.wms.map;

import fr.yseraa.observatory.core.filter.Expression;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.filter.TemporalOperator;
import fr.yseraa.observatory.core.filter.TimeValue;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wms.WmsExceptionCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The TIME of a request (WMS 1.3.0 annex C): instants and intervals ({@code start/end}, an optional
 * {@code /period} ignored), comma-separated. A date names the whole day. Values are compared in UTC.
 */
public final class TimeSelection {

    private record Range(LocalDateTime start, LocalDateTime end) {
    }

    private final List<Range> ranges;

    private TimeSelection(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static TimeSelection parse(String value) {
        List<Range> ranges = new ArrayList<>();
        for (String part : value.split(",")) {
            String[] bounds = part.strip().split("/");
            if (bounds.length == 1) {
                ranges.add(new Range(start(bounds[0]), end(bounds[0])));
            } else if (bounds.length == 2 || bounds.length == 3) {
                Range r = new Range(start(bounds[0]), end(bounds[1]));
                if (r.start().isAfter(r.end())) {
                    throw invalid(part, "its start is after its end");
                }
                ranges.add(r);
            } else {
                throw invalid(part, "it is neither an instant nor an interval");
            }
        }
        return new TimeSelection(ranges);
    }

    /**
     * The selection as a filter of the shared model on a date or timestamp property, for the database to apply:
     * each instant or interval includes both its ends; null values are never selected.
     */
    public Filter toFilter(String property) {
        Expression.Property p = new Expression.Property(property);
        List<Filter> any = new ArrayList<>();
        for (Range r : ranges) {
            any.add(new Filter.And(List.of(
                    new Filter.Not(new Filter.Temporal(TemporalOperator.BEFORE, p, new TimeValue.Instant(r.start()))),
                    new Filter.Not(new Filter.Temporal(TemporalOperator.AFTER, p, new TimeValue.Instant(r.end()))))));
        }
        return Filter.or(any);
    }

    /** Whether any instant or interval asked for meets the period from first to last (both included). */
    public boolean meets(LocalDateTime first, LocalDateTime last) {
        // a date extent ends with its last day, not at its midnight
        LocalDateTime end = last.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? last.plusDays(1).minusNanos(1) : last;
        return ranges.stream().anyMatch(r -> !r.end().isBefore(first) && !r.start().isAfter(end));
    }

    /** A date or time attribute value as a UTC date-time; null for other values. */
    public static LocalDateTime toDateTime(Object value) {
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay();
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (value instanceof LocalDateTime t) {
            return t;
        }
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return null;
    }

    private static LocalDateTime start(String text) {
        return parseInstant(text.strip(), false);
    }

    private static LocalDateTime end(String text) {
        return parseInstant(text.strip(), true);
    }

    private static LocalDateTime parseInstant(String text, boolean end) {
        try {
            if (text.equalsIgnoreCase("current") || text.equalsIgnoreCase("present")) {
                return end ? LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().minusNanos(1)
                        : LocalDateTime.now(ZoneOffset.UTC);
            }
            if (text.matches("\\d{4}")) {
                LocalDate d = LocalDate.of(Integer.parseInt(text), 1, 1);
                return end ? d.plusYears(1).atStartOfDay().minusNanos(1) : d.atStartOfDay();
            }
            if (text.matches("\\d{4}-\\d{2}")) {
                LocalDate d = LocalDate.parse(text + "-01");
                return end ? d.plusMonths(1).atStartOfDay().minusNanos(1) : d.atStartOfDay();
            }
            if (text.length() == 10) {
                LocalDate d = LocalDate.parse(text);
                return end ? d.plusDays(1).atStartOfDay().minusNanos(1) : d.atStartOfDay();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return LocalDateTime.ofInstant(Instant.from(OffsetDateTime.parse(text)), ZoneOffset.UTC);
            }
            return LocalDateTime.parse(text);
        } catch (java.time.DateTimeException e) {
            throw invalid(text, "it is not an ISO 8601 date or time");
        }
    }

    private static OwsException invalid(String value, String why) {
        return new OwsException(WmsExceptionCode.INVALID_DIMENSION_VALUE, "time",
                "TIME value " + value + " is invalid: " + why);
    }
}
