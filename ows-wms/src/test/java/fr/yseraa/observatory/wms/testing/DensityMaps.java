package fr.yseraa.observatory.wms.testing;

import fr.yseraa.observatory.core.access.Caller;
import java.awt.Color;
import java.awt.image.BufferedImage;

/** Maps of a layer whose catalog style draws a density grid at small scales, and what they draw. */
public final class DensityMaps {

    private DensityMaps() {
    }

    /** A transparent 512 x 512 Lambert-93 map of the layer in its catalog style, with extra parameters. */
    public static WmsClient.Answer map(WmsClient wms, String layer, String bbox, Caller caller, String... extra) {
        String[] base = {"SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS", layer,
            "STYLES", "", "CRS", "EPSG:2154", "BBOX", bbox, "WIDTH", "512", "HEIGHT", "512", "FORMAT", "image/png",
            "TRANSPARENT", "TRUE"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return wms.get(caller, all);
    }

    /**
     * How many pixels are drawn (not transparent), and how many of them carry one of the density classes' fill
     * colours (drawn 80 % opaque over nothing: the class colour itself once un-premultiplied).
     */
    public static int[] drawnAndClassed(BufferedImage image, Color... classes) {
        int drawn = 0;
        int classed = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y), true);
                if (c.getAlpha() == 0) {
                    continue;
                }
                drawn++;
                for (Color k : classes) {
                    if (Math.abs(c.getRed() - k.getRed()) + Math.abs(c.getGreen() - k.getGreen())
                            + Math.abs(c.getBlue() - k.getBlue()) < 30) {
                        classed++;
                        break;
                    }
                }
            }
        }
        return new int[] {drawn, classed};
    }
}
