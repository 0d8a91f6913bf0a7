package fr.yseraa.observatory.wms.style;

import java.awt.image.BufferedImage;

/** An image read from the data directory when the style is loaded. */
public record ExternalGraphic(String href, BufferedImage image) implements GraphicSymbol {
}
