package fr.yseraa.observatory.wms.style;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A PNG, GIF or JPEG graphic, one unit per image pixel, smoothed when scaled. */
public record RasterImage(BufferedImage image) implements GraphicImage {

    @Override
    public double width() {
        return image.getWidth();
    }

    @Override
    public double height() {
        return image.getHeight();
    }

    @Override
    public void paint(Graphics2D g) {
        Object previous = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                previous == null ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : previous);
    }
}
