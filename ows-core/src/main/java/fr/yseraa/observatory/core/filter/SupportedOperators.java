package fr.yseraa.observatory.core.filter;

import java.util.List;
import java.util.Map;

/**
 * What the filter model supports, in the names of Filter Encoding 2.0, for the Filter_Capabilities of service
 * capabilities documents: what they claim stays what {@link FesParser} reads and {@link FilterSqlCompiler} runs.
 */
public final class SupportedOperators {

    /** Comparison operators (all with matchCase, Like with its wildcard characters). */
    public static final List<String> COMPARISON = List.of("PropertyIsEqualTo", "PropertyIsNotEqualTo",
            "PropertyIsLessThan", "PropertyIsGreaterThan", "PropertyIsLessThanOrEqualTo",
            "PropertyIsGreaterThanOrEqualTo", "PropertyIsLike", "PropertyIsNull", "PropertyIsNil", "PropertyIsBetween");

    /** Spatial operators; their geometry operands are {@link #GEOMETRY_OPERANDS}. */
    public static final List<String> SPATIAL = List.of("BBOX", "Equals", "Disjoint", "Touches", "Within", "Overlaps",
            "Crosses", "Intersects", "Contains", "DWithin", "Beyond");

    /** Temporal operators; their operands are gml:TimeInstant and gml:TimePeriod. */
    public static final List<String> TEMPORAL = List.of("After", "Before", "During", "TEquals");

    public static final List<String> GEOMETRY_OPERANDS = List.of("gml:Envelope", "gml:Point", "gml:LineString",
            "gml:Polygon", "gml:LinearRing", "gml:MultiPoint", "gml:MultiLineString", "gml:MultiCurve",
            "gml:MultiPolygon", "gml:MultiSurface");

    public static final List<String> TEMPORAL_OPERANDS = List.of("gml:TimeInstant", "gml:TimePeriod");

    /**
     * The FES 2.0 conformance constraints (OGC 09-026r2, table 1) that depend on the filter model, and whether it
     * meets them; the query ones (ImplementsQuery, ImplementsAdHocQuery, ImplementsSorting) are the service's.
     */
    public static final Map<String, Boolean> FES20_CONFORMANCE = Map.ofEntries(
            Map.entry("ImplementsFunctions", false),
            Map.entry("ImplementsResourceId", true),
            Map.entry("ImplementsMinStandardFilter", true),
            Map.entry("ImplementsStandardFilter", true),
            Map.entry("ImplementsMinSpatialFilter", true),
            Map.entry("ImplementsSpatialFilter", true),
            Map.entry("ImplementsMinTemporalFilter", true),
            Map.entry("ImplementsTemporalFilter", false),
            Map.entry("ImplementsVersionNav", false),
            Map.entry("ImplementsExtendedOperators", false),
            Map.entry("ImplementsMinimumXPath", true),
            Map.entry("ImplementsSchemaElementFunc", false));

    private SupportedOperators() {
    }
}
