package fr.yseraa.observatory.core.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Rows of a layer that a caller sees as an area many rows share (a blurred occurrence shown as its commune, 10 km
 * cell or département), with those areas kept once each in a relation of their own, so that a map can read each area
 * that has visible rows instead of every row. The expressions come from the access policy, never from a request.
 * In {@link #rowsOfArea} and {@link #sharedAttributes}, the area's row is named {@code a}.
 *
 * @param relation the relation holding each area once (its areas may outlive their rows: an area is only drawn while
 *     a visible row shows it)
 * @param keyColumn a column of the relation identifying an area, in the order areas are drawn (the order of their
 *     first rows keeps maps as they were when rows were read)
 * @param geometryColumn the area's geometry, in the layer's CRS: exactly the geometry the caller sees for its rows
 * @param rowsOfArea the condition "this row of the layer shows area {@code a}" (the rows shown as an area and the
 *     area they show)
 * @param otherRows the condition that selects every other row the caller may see (those shown as their own geometry)
 * @param sharedAttributes attributes whose value the caller sees the same on every row of an area, each with its SQL
 *     expression over {@code a}
 */
public record SharedAreas(String relation, String keyColumn, String geometryColumn, String rowsOfArea,
                          String otherRows, Map<String, String> sharedAttributes) {

    public SharedAreas {
        Objects.requireNonNull(relation);
        Objects.requireNonNull(keyColumn);
        Objects.requireNonNull(geometryColumn);
        Objects.requireNonNull(rowsOfArea);
        Objects.requireNonNull(otherRows);
        sharedAttributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sharedAttributes));
    }
}
