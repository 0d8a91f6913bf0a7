package fr.yseraa.observatory.ext.indicators;

/**
 * A value of an indicator for a spatial unit and a period.
 *
 * @param geoJson the unit's geometry as the caller sees it, GeoJSON in WGS 84, when it was asked for; else null
 * @param effort the sampling effort in the same unit and period, for an indicator counted from occurrences; else null
 */
public record IndicatorValue(String unitCode, String unitName, Period period, double value, String geoJson,
                             Effort effort) {

    /**
     * The sampling effort behind a value: the occurrences observed ({@code occurrence_count}), the distinct observers
     * ({@code effort_observers}) and observation days ({@code effort_days}).
     */
    public record Effort(long observations, long observers, long days) {
    }
}
