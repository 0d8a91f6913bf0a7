package fr.yseraa.observatory.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.filter.Expression;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.filter.TemporalOperator;
import fr.yseraa.observatory.core.filter.TimeValue;
import fr.yseraa.observatory.core.ows.OwsException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code datetime} parameter: instants, intervals with open ends, dates as whole days. */
class DateTimeFilterTest {

    private static final Expression.Property D = new Expression.Property("d");

    private static Filter notBefore(Object instant) {
        return new Filter.Not(new Filter.Temporal(TemporalOperator.BEFORE, D, new TimeValue.Instant(instant)));
    }

    private static Filter notAfter(Object instant) {
        return new Filter.Not(new Filter.Temporal(TemporalOperator.AFTER, D, new TimeValue.Instant(instant)));
    }

    @Test
    void aDateIsItsWholeDayAndOpenEndsAreLeftOut() {
        LocalDateTime start = LocalDate.of(2020, 1, 3).atStartOfDay();
        LocalDateTime end = LocalDate.of(2020, 1, 4).atStartOfDay().minusNanos(1000);
        assertThat(DateTimeFilter.parse("2020-01-03", "d")).isEqualTo(new Filter.And(List.of(notBefore(start),
                notAfter(end))));
        assertThat(DateTimeFilter.parse("../2020-01-03", "d")).isEqualTo(notAfter(end));
        assertThat(DateTimeFilter.parse("2020-01-03/", "d")).isEqualTo(notBefore(start));
        OffsetDateTime instant = OffsetDateTime.parse("2020-01-03T10:00:00Z");
        assertThat(DateTimeFilter.parse("2020-01-03T10:00:00Z/..", "d")).isEqualTo(notBefore(instant));
    }

    @Test
    void badValuesAnswer400OnDatetime() {
        for (String bad : List.of("yesterday", "../..", "2020-01-03/2019-01-01", "2020-01-01/2020-02-01/2020-03-01",
                "2020-13-01")) {
            assertThatThrownBy(() -> DateTimeFilter.parse(bad, "d")).as(bad)
                    .isInstanceOfSatisfying(OwsException.class, e -> assertThat(e.locator()).isEqualTo("datetime"));
        }
    }
}
