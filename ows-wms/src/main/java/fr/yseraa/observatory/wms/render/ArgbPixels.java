package fr.yseraa.observatory.wms.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.util.Arrays;

/**
 * The packed non-premultiplied ARGB pixels of a map that {@link Hairlines} and {@link PolygonFills} draw into without
 * Java2D, and the scratch coverage buffer they share (one shape at a time: each leaves it all zero when done).
 */
final class ArgbPixels {

    /** Larger maps draw with Java2D: a shape's coverage takes a float a pixel (4 MiB here). */
    static final int MAX_PIXELS = 1 << 20;

    final int width;
    final int height;
    private final int[] pixels;
    private final int offset;
    private final int stride;
    private float[] scratch;

    private ArgbPixels(int[] pixels, int width, int height, int offset, int stride) {
        this.pixels = pixels;
        this.width = width;
        this.height = height;
        this.offset = offset;
        this.stride = stride;
    }

    /** The pixels of an image of packed non-premultiplied ARGB of at most {@link #MAX_PIXELS}, or null for any other. */
    static ArgbPixels of(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_ARGB || (long) image.getWidth() * image.getHeight() > MAX_PIXELS
                || !(image.getRaster().getDataBuffer() instanceof DataBufferInt data)
                || !(image.getSampleModel() instanceof SinglePixelPackedSampleModel model)
                || image.getRaster().getSampleModelTranslateX() != 0
                || image.getRaster().getSampleModelTranslateY() != 0) {
            return null;
        }
        return new ArgbPixels(data.getData(), image.getWidth(), image.getHeight(), data.getOffset(),
                model.getScanlineStride());
    }

    /** A buffer of (width + 2) × height floats, all zero, that the caller leaves all zero (made when first asked). */
    float[] scratch() {
        if (scratch == null) {
            scratch = new float[(width + 2) * height];
        }
        return scratch;
    }

    /**
     * Lays a colour over pixels x0 (included) to x1 (excluded) of row y, wholly covered: an opaque colour replaces
     * them; a translucent one is blended once for each run of equal pixels under it.
     */
    void fillRun(int x0, int x1, int y, int argb) {
        int from = offset + y * stride + x0;
        int to = from + x1 - x0;
        if (argb >>> 24 == 255) {
            Arrays.fill(pixels, from, to, argb);
            return;
        }
        int under = ~pixels[from];
        int laid = 0;
        for (int k = from; k < to; k++) {
            int d = pixels[k];
            if (d != under) {
                under = d;
                laid = over(d, 255, argb);
            }
            pixels[k] = laid;
        }
    }

    /**
     * Lays a colour over pixel (x, y), source over, non-premultiplied, as Java2D blends an anti-aliased colour into an
     * ARGB image: the colour's alpha times the pixel's coverage (capped at one, rounded to 8 bits as Java2D's masks).
     */
    void blend(int x, int y, float coverage, int argb) {
        int covered = (int) (Math.min(1f, coverage) * 255f + 0.5f);
        if (covered > 0) {
            int index = offset + y * stride + x;
            pixels[index] = over(pixels[index], covered, argb);
        }
    }

    /** A pixel d with a colour laid over it on {@code covered} 255ths of its area. */
    private static int over(int d, int covered, int argb) {
        int alpha = argb >>> 24;
        if (covered == 255 && alpha == 255) {
            return argb;
        }
        float sa = covered * alpha * (1f / (255 * 255));
        float keep = (d >>> 24) * (1f / 255) * (1 - sa);
        float outA = sa + keep;
        if (outA <= 0) {
            return d;
        }
        float scale = 1 / outA;
        int r = (int) (((argb >> 16 & 0xff) * sa + (d >> 16 & 0xff) * keep) * scale + 0.5f);
        int g = (int) (((argb >> 8 & 0xff) * sa + (d >> 8 & 0xff) * keep) * scale + 0.5f);
        int b = (int) (((argb & 0xff) * sa + (d & 0xff) * keep) * scale + 0.5f);
        return (int) (outA * 255 + 0.5f) << 24 | r << 16 | g << 8 | b;
    }
}
