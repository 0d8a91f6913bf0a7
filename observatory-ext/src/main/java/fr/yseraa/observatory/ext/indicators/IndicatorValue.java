package fr.yseraa.observatory.ext.indicators;

/**
 * A value of an indicator for a spatial unit and a period.
 *
 * @param geoJson the unit's geometry as the caller sees it, GeoJSON in WGS 84, when it was asked for; else null
 */
public record IndicatorValue(String unitCode, String unitName, Period period, double value, String geoJson) {
}
