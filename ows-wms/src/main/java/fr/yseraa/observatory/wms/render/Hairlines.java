package fr.yseraa.observatory.wms.render;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.awt.image.BufferedImage;

/**
 * Plain strokes of at most {@value #MAX_WIDTH} pixel drawn straight into a map's ARGB pixels, without Java2D. Marlin
 * strokes such a line by building the outline of a thin band around it and rasterising that band row by sub-pixel row
 * across the whole height of the shape; on a tile of thousands of small outlined polygons that cost more than their
 * fills. Here each segment's band, of area width × length, is laid on the pixels it crosses, column by column along
 * its major axis (rows along a steep one): in each column the band is a parallelogram, whose area falls on each row
 * as much as it covers of it (what a box filter sees, as Marlin's sub-pixel counts approximate it); then the
 * pixels a shape touched are blended once each (source over), their coverage summed and capped at one, in the
 * stroke's colour. The round joins and caps of so thin a line would add at most a quarter of a pixel each (0.04 at
 * 0.3 pixel), and are left out.
 */
final class Hairlines {

    static final double MAX_WIDTH = 0.8;
    /** Curves (there are none in map shapes, which are polylines) are followed within this many pixels. */
    private static final double FLATNESS = 0.1;

    private final ArgbPixels target;
    private final int width;
    private final int height;
    /** The coverage of the shape being drawn, by pixel (the target's scratch buffer), and the pixels it touched. */
    private float[] coverage;
    private int[] touched = new int[1024];
    private int touchedCount;

    Hairlines(ArgbPixels target) {
        this.target = target;
        this.width = target.width;
        this.height = target.height;
    }

    /** The hairlines of an image {@link ArgbPixels} draws into, or null for any other image. */
    static Hairlines of(BufferedImage image) {
        ArgbPixels target = ArgbPixels.of(image);
        return target == null ? null : new Hairlines(target);
    }

    /** Whether a stroke of this width (pixels) and dashes is drawn here. */
    static boolean draws(double strokeWidth, float[] dashes) {
        return strokeWidth > 0 && strokeWidth <= MAX_WIDTH && dashes == null;
    }

    /** Strokes the outline of a shape in screen pixels (closed sub-paths closed) with a line this wide. */
    void draw(Shape shape, double lineWidth, Color color) {
        if (coverage == null) {
            coverage = target.scratch();
        }
        double[] c = new double[6];
        double startX = 0;
        double startY = 0;
        double x = 0;
        double y = 0;
        for (PathIterator it = shape.getPathIterator(null, FLATNESS); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> {
                    startX = x = c[0];
                    startY = y = c[1];
                }
                case PathIterator.SEG_LINETO -> {
                    segment(x, y, c[0], c[1], lineWidth);
                    x = c[0];
                    y = c[1];
                }
                case PathIterator.SEG_CLOSE -> {
                    segment(x, y, startX, startY, lineWidth);
                    x = startX;
                    y = startY;
                }
                default -> throw new IllegalStateException("a flattened path has only lines");
            }
        }
        blend(color);
    }

    private void segment(double x0, double y0, double x1, double y1, double lineWidth) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        if (dx == 0 && dy == 0) {
            return;
        }
        double length = Math.hypot(dx, dy);
        if (Math.abs(dx) >= Math.abs(dy)) {
            band(x0, y0, x1, y1, lineWidth, length, false);
        } else {
            band(y0, x0, y1, x1, lineWidth, length, true);
        }
    }

    /**
     * The band along a segment whose major axis is u (x, or y when transposed): in each column [i, i + 1) of u it
     * crosses, the band is a parallelogram with sides along v of the band's thickness there, shifted by the segment's
     * rise across the column; its area falls on the rows of v as that parallelogram covers them.
     */
    private void band(double u0, double v0, double u1, double v1, double lineWidth, double length, boolean transposed) {
        if (u0 > u1) {
            double t = u0;
            u0 = u1;
            u1 = t;
            t = v0;
            v0 = v1;
            v1 = t;
        }
        double du = u1 - u0;
        double slope = (v1 - v0) / du;
        // the band's extent along v at one u: width × sqrt(1 + slope²), also its area per unit of u
        double thickness = lineWidth * length / du;
        int limitU = transposed ? height : width;
        int first = Math.max(0, (int) Math.floor(u0));
        int last = Math.min(limitU - 1, (int) Math.ceil(u1) - 1);
        for (int i = first; i <= last; i++) {
            double a = Math.max(u0, i);
            double b = Math.min(u1, i + 1);
            if (b <= a) {
                continue;
            }
            double vMid = v0 + slope * ((a + b) / 2 - u0);
            spread(i, vMid, thickness, Math.abs(slope) * (b - a), thickness * (b - a), transposed);
        }
    }

    /**
     * Adds an area to column i, over the rows the parallelogram covers: centred on vMid, its sides {@code thickness}
     * long and shifted by {@code rise}, so that along v its area is the convolution of those two lengths.
     */
    private void spread(int i, double vMid, double thickness, double rise, double area, boolean transposed) {
        int limitV = transposed ? width : height;
        double half = (thickness + rise) / 2;
        int first = Math.max(0, (int) Math.floor(vMid - half));
        int last = Math.min(limitV - 1, (int) Math.floor(vMid + half));
        double below = share(first - vMid, thickness, rise);
        for (int j = first; j <= last; j++) {
            double upTo = share(j + 1 - vMid, thickness, rise);
            if (upTo > below) {
                add(transposed ? j : i, transposed ? i : j, (float) ((upTo - below) * area));
            }
            below = upTo;
        }
    }

    /** The share of the parallelogram's area below s (from its centre along v). */
    static double share(double s, double thickness, double rise) {
        double a = Math.max(thickness, rise);
        double b = Math.min(thickness, rise);
        double lo = -(a + b) / 2;
        double hi = (a + b) / 2;
        if (s <= lo) {
            return 0;
        }
        if (s >= hi) {
            return 1;
        }
        if (b < 1e-9) {
            return (s - lo) / a;
        }
        double plateau = (a - b) / 2;
        if (s <= -plateau) {
            return (s - lo) * (s - lo) / (2 * a * b);
        }
        if (s <= plateau) {
            return b / (2 * a) + (s + plateau) / a;
        }
        return 1 - (hi - s) * (hi - s) / (2 * a * b);
    }

    private void add(int x, int y, float share) {
        int p = y * width + x;
        if (coverage[p] == 0) {
            if (touchedCount == touched.length) {
                touched = java.util.Arrays.copyOf(touched, touchedCount * 2);
            }
            touched[touchedCount++] = p;
        }
        coverage[p] += share;
    }

    private void blend(Color color) {
        int argb = color.getRGB();
        for (int k = 0; k < touchedCount; k++) {
            int p = touched[k];
            target.blend(p % width, p / width, coverage[p], argb);
            coverage[p] = 0;
        }
        touchedCount = 0;
    }
}
