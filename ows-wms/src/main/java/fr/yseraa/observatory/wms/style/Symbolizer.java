package fr.yseraa.observatory.wms.style;

/** How a matched feature is drawn. */
public sealed interface Symbolizer permits PointSymbolizer, LineSymbolizer, PolygonSymbolizer, TextSymbolizer {
}
