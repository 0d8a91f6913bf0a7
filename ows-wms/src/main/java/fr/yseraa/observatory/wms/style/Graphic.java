package fr.yseraa.observatory.wms.style;

/**
 * A point graphic.
 *
 * @param size the height in pixels
 * @param rotation clockwise, in degrees
 */
public record Graphic(GraphicSymbol symbol, double opacity, double size, double rotation) {
}
