package fr.yseraa.observatory.wms.style;

/** A fill and an outline for polygons; either may be null. */
public record PolygonSymbolizer(Fill fill, Stroke stroke) implements Symbolizer {
}
