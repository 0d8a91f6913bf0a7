package fr.yseraa.observatory.wms.style;

/**
 * A stroke along lines and polygon outlines.
 *
 * @param perpendicularOffset pixels to the left of the line direction (negative: to the right)
 */
public record LineSymbolizer(Stroke stroke, double perpendicularOffset) implements Symbolizer {
}
