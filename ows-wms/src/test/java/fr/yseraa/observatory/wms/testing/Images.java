package fr.yseraa.observatory.wms.testing;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Image comparisons with tolerances. */
public final class Images {

    private Images() {
    }

    /** Whether a pixel is close to a colour (each channel within the tolerance, alpha included). */
    public static boolean near(BufferedImage image, int x, int y, Color expected, int tolerance) {
        Color c = new Color(image.getRGB(x, y), true);
        return Math.abs(c.getRed() - expected.getRed()) <= tolerance
                && Math.abs(c.getGreen() - expected.getGreen()) <= tolerance
                && Math.abs(c.getBlue() - expected.getBlue()) <= tolerance
                && Math.abs(c.getAlpha() - expected.getAlpha()) <= tolerance;
    }

    /** Whether any pixel within a radius of (x, y) is close to a colour. */
    public static boolean nearAround(BufferedImage image, int x, int y, int radius, Color expected, int tolerance) {
        for (int j = Math.max(0, y - radius); j <= Math.min(image.getHeight() - 1, y + radius); j++) {
            for (int i = Math.max(0, x - radius); i <= Math.min(image.getWidth() - 1, x + radius); i++) {
                if (near(image, i, j, expected, tolerance)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many pixels are close to a colour. */
    public static int count(BufferedImage image, Color expected, int tolerance) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (near(image, x, y, expected, tolerance)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The share of pixels whose colours differ by more than the tolerance on any channel. */
    public static double differingShare(BufferedImage a, BufferedImage b, int tolerance) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return 1;
        }
        int differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (!near(a, x, y, new Color(b.getRGB(x, y), true), tolerance)) {
                    differing++;
                }
            }
        }
        return differing / (double) (a.getWidth() * a.getHeight());
    }

    /** How many pixels are drawn (not fully transparent). */
    public static int drawn(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) != 0) {
                    n++;
                }
            }
        }
        return n;
    }

    /** How many distinct fully opaque colours one pixel in three along each axis has. */
    public static int opaqueColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                int argb = image.getRGB(x, y);
                if ((argb >>> 24) == 255) {
                    colours.add(argb);
                }
            }
        }
        return colours.size();
    }
}
