package fr.yseraa.observatory.wms.capabilities;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The first and last time of a layer's data, as a caller sees it. */
public record TimeExtent(LocalDateTime first, LocalDateTime last) {

    /** Dates when both ends fall at midnight (date columns), else date-times in UTC. */
    private String format(LocalDateTime t) {
        boolean dates = first.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                && last.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
        return dates ? t.toLocalDate().toString() : t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "Z";
    }

    /** The extent as WMS writes a continuous interval with a resolution of a day: {@code start/end/P1D}. */
    public String interval() {
        return format(first) + "/" + format(last) + "/P1D";
    }

    /** The default TIME: the whole extent (a request without TIME shows every date). */
    public String defaultValue() {
        return format(first) + "/" + format(last);
    }
}
