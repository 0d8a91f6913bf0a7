package fr.yseraa.observatory.wms.testing;

import static org.assertj.core.api.Assertions.fail;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Compares rendered maps with reference PNGs kept in {@code src/test/resources/rendering/references}, within a
 * tolerance: a pixel differs when one of its channels (alpha included) is further than a delta from every pixel of
 * the other image within a search radius, and an image fails when more than a share of its pixels differ. On
 * failure the actual, expected and difference images are written to {@code target/rendering} and named in the
 * message. A missing reference fails too: references are written only when the tests run with
 * {@code -Dwms.updateReferences=true}, which then replaces every reference the run renders.
 */
public final class ReferenceImages {

    public static final String UPDATE_PROPERTY = "wms.updateReferences";

    /**
     * @param channelDelta the largest difference on a channel (0-255) still counted as the same colour
     * @param maxDifferingShare the largest share of differing pixels an image may have and still match
     * @param searchRadius how far (pixels) a pixel may look for its match in the other image (0: same place)
     */
    public record Tolerance(int channelDelta, double maxDifferingShare, int searchRadius) {
    }

    private ReferenceImages() {
    }

    public static Path referenceDir() {
        return WmsFixture.moduleRoot().resolve("src/test/resources/rendering/references");
    }

    static Path outputDir() {
        return WmsFixture.moduleRoot().resolve("target/rendering");
    }

    /** Asserts the image matches the reference of that name (or writes it when updating references). */
    public static void assertMatchesReference(String name, BufferedImage actual, Tolerance tolerance) {
        Path reference = referenceDir().resolve(name + ".png");
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            write(actual, reference);
        }
        if (!Files.isRegularFile(reference)) {
            Path written = outputDir().resolve(name + "-actual.png");
            write(actual, written);
            fail("no reference image " + reference + "; the rendered image is in " + written + " (run the tests with -D"
                    + UPDATE_PROPERTY + "=true to make it the reference, after checking it by eye)");
        }
        BufferedImage expected = read(reference);
        double blank = differingShare(expected, uniform(expected), tolerance);
        if (blank <= 3 * tolerance.maxDifferingShare()) {
            fail("reference " + reference + " is almost blank (" + percent(blank) + " drawn): a comparison with it"
                    + " could not tell a missing feature");
        }
        assertSimilar(name, actual, expected, tolerance);
    }

    /** Asserts two renderings match within the tolerance. */
    public static void assertSimilar(String name, BufferedImage actual, BufferedImage expected, Tolerance tolerance) {
        if (actual.getWidth() != expected.getWidth() || actual.getHeight() != expected.getHeight()) {
            fail(name + ": size " + actual.getWidth() + "x" + actual.getHeight() + " instead of "
                    + expected.getWidth() + "x" + expected.getHeight());
        }
        BufferedImage diff = new BufferedImage(actual.getWidth(), actual.getHeight(), BufferedImage.TYPE_INT_ARGB);
        double share = compare(actual, expected, tolerance, diff);
        if (share > tolerance.maxDifferingShare()) {
            Path a = outputDir().resolve(name + "-actual.png");
            Path e = outputDir().resolve(name + "-expected.png");
            Path d = outputDir().resolve(name + "-diff.png");
            write(actual, a);
            write(expected, e);
            write(diff, d);
            fail(name + ": " + percent(share) + " of the pixels differ by more than " + tolerance.channelDelta()
                    + " (at most " + percent(tolerance.maxDifferingShare()) + " allowed); actual " + a + ", expected "
                    + e + ", differences in red " + d);
        }
    }

    /** The share of differing pixels, both ways (a pixel of either image without a match in the other). */
    public static double differingShare(BufferedImage a, BufferedImage b, Tolerance tolerance) {
        return compare(a, b, tolerance, null);
    }

    private static double compare(BufferedImage a, BufferedImage b, Tolerance t, BufferedImage diff) {
        int differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                boolean same = hasMatch(a.getRGB(x, y), b, x, y, t) && hasMatch(b.getRGB(x, y), a, x, y, t);
                if (!same) {
                    differing++;
                }
                if (diff != null) {
                    Color c = new Color(a.getRGB(x, y), true);
                    int grey = (c.getRed() + c.getGreen() + c.getBlue()) / 3;
                    diff.setRGB(x, y, same ? new Color(grey, grey, grey, 60).getRGB() : Color.RED.getRGB());
                }
            }
        }
        return differing / (double) (a.getWidth() * a.getHeight());
    }

    private static boolean hasMatch(int argb, BufferedImage other, int x, int y, Tolerance t) {
        int r = t.searchRadius();
        for (int j = Math.max(0, y - r); j <= Math.min(other.getHeight() - 1, y + r); j++) {
            for (int i = Math.max(0, x - r); i <= Math.min(other.getWidth() - 1, x + r); i++) {
                if (close(argb, other.getRGB(i, j), t.channelDelta())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean close(int p, int q, int delta) {
        for (int shift = 0; shift < 32; shift += 8) {
            if (Math.abs(((p >>> shift) & 0xFF) - ((q >>> shift) & 0xFF)) > delta) {
                return false;
            }
        }
        return true;
    }

    /** An image of the reference's size filled with its top-left pixel (its background). */
    private static BufferedImage uniform(BufferedImage like) {
        BufferedImage u = new BufferedImage(like.getWidth(), like.getHeight(), BufferedImage.TYPE_INT_ARGB);
        int background = like.getRGB(0, 0);
        for (int y = 0; y < u.getHeight(); y++) {
            for (int x = 0; x < u.getWidth(); x++) {
                u.setRGB(x, y, background);
            }
        }
        return u;
    }

    private static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.2f %%", share * 100);
    }

    private static BufferedImage read(Path file) {
        try {
            return ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(BufferedImage image, Path file) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
