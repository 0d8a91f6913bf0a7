package fr.yseraa.observatory.wms.style;

/** A graphic read from the data directory when the style is loaded (PNG, GIF, JPEG or SVG). */
public record ExternalGraphic(String href, GraphicImage image) implements GraphicSymbol {
}
