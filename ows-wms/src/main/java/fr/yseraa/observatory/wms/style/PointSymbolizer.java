package fr.yseraa.observatory.wms.style;

/** A graphic at each point (at an interior point of lines and polygons). */
public record PointSymbolizer(Graphic graphic) implements Symbolizer {
}
