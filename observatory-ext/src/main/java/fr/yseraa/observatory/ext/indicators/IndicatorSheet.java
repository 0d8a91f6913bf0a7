package fr.yseraa.observatory.ext.indicators;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An indicator's methodology sheet (obs.indicator) with what the caller may read of its values: the spatial units,
 * the periods and the last update (the latest computation of those values; null when none is published).
 */
public record IndicatorSheet(String code, String title, String theme, String unit, String definition, String objective,
                             String method, String spatialUnits, String sources, String updateFrequency,
                             String interpretation, String limits, Protocol protocol, List<SpatialUnit> units,
                             List<Period> periods, OffsetDateTime lastUpdate) {

    /** The feeding protocol: who provides the source data, how they are obtained, the steps to the values. */
    public record Protocol(String provider, String access, String steps) {
    }

    public IndicatorSheet {
        units = List.copyOf(units);
        periods = List.copyOf(periods);
    }
}
