package fr.yseraa.observatory.wms.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.filter.FilterEvaluator;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wms.WmsExceptionCode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeSelectionTest {

    static Date day(String iso) {
        return Date.valueOf(LocalDate.parse(iso));
    }

    /** Whether the selection's filter (which the database runs) keeps a feature with that date. */
    static boolean selects(TimeSelection time, Object value) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("d", value);
        return FilterEvaluator.matches(time.toFilter("d"), new Feature("t.1", attributes, null));
    }

    @Test
    void instantsIntervalsAndListsIncludeBothEnds() {
        TimeSelection day = TimeSelection.parse("2020-05-01");
        assertThat(selects(day, day("2020-05-01"))).isTrue();
        assertThat(selects(day, day("2020-05-02"))).isFalse();
        assertThat(selects(day, Timestamp.valueOf("2020-05-01 23:30:00"))).isTrue();
        TimeSelection interval = TimeSelection.parse("2019-01-01/2019-12-31/P1D");
        assertThat(selects(interval, day("2019-12-31"))).isTrue();
        assertThat(selects(interval, day("2020-01-01"))).isFalse();
        TimeSelection years = TimeSelection.parse("2001,2005-06");
        assertThat(selects(years, day("2001-12-31"))).isTrue();
        assertThat(selects(years, day("2005-06-15"))).isTrue();
        assertThat(selects(years, day("2005-07-01"))).isFalse();
        assertThat(selects(TimeSelection.parse("2020-05-01T10:00:00Z/2020-05-01T12:00:00Z"),
                Timestamp.valueOf("2020-05-01 11:00:00"))).isTrue();
        assertThat(selects(day, null)).isFalse();
    }

    @Test
    void selectionsMeetExtentsUpToTheirLastDay() {
        LocalDateTime first = LocalDate.parse("1990-01-01").atStartOfDay();
        LocalDateTime last = LocalDate.parse("2025-12-31").atStartOfDay();
        assertThat(TimeSelection.parse("2025-12-31").meets(first, last)).isTrue();
        assertThat(TimeSelection.parse("1980/1990-01-01").meets(first, last)).isTrue();
        assertThat(TimeSelection.parse("2026").meets(first, last)).isFalse();
        assertThat(TimeSelection.parse("1900,2026").meets(first, last)).isFalse();
        assertThat(TimeSelection.parse("1900,2000").meets(first, last)).isTrue();
    }

    @Test
    void invalidValuesAreInvalidDimensionValues() {
        for (String bad : new String[] {"yesterday", "2020-02-30", "2021/2020", "a/b/c/d"}) {
            assertThatThrownBy(() -> TimeSelection.parse(bad)).as(bad).isInstanceOfSatisfying(OwsException.class,
                    e -> assertThat(e.code()).isEqualTo(WmsExceptionCode.INVALID_DIMENSION_VALUE));
        }
    }
}
