package fr.yseraa.observatory.wms.render;

import java.awt.Color;
import java.awt.geom.AffineTransform;
import java.util.Arrays;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;

/**
 * Polygons filled with one colour straight into a map's ARGB pixels, without Java2D. Marlin rasterises a shape
 * sub-pixel row by sub-pixel row (8 of them a pixel) and counts, in each, where edges cross it; on a tile of thousands
 * of small polygons that was half of the drawing. Here each edge, clipped to the image, leaves in each pixel row it
 * crosses the exact area it covers, as font and AGG-style rasterisers do: in each cell (a pixel of that row) it
 * crosses, its signed height there times the part of the cell right of it, and the rest of that height in the next
 * cell, so that the running sum of a row's cells, left to right, is the area of each pixel inside the polygon. Each
 * shell is counted one way and each hole the other, whichever way their rings turn, so that inside a valid polygon
 * that sum is the pixel's exact coverage; polygons overlapping one another (invalid multipolygons) cancel where they
 * overlap, as the even-odd rule of Java2D's shapes of them does ({@code ShapeWriter}'s paths are even-odd). The
 * coverage is rounded to 8 bits as Java2D's masks are, and the colour laid source over (once for each run of equal
 * pixels under a wholly covered span). Only the cells a polygon's edges reach and the spans between them are read, so a
 * tiny polygon costs a few cells.
 */
final class PolygonFills {

    /** The coverage from which a pixel is wholly the colour (it rounds to 255 of 255). */
    private static final float FULL = 254.5f / 255;

    private final ArgbPixels target;
    private final int width;
    private final int height;
    /** Cells of a row: the image's width, and two more where edges at or past its right border leave their rest. */
    private final int stride;
    /** The world-to-screen transform's terms. */
    private final double m00;
    private final double m01;
    private final double m02;
    private final double m10;
    private final double m11;
    private final double m12;
    /** The signed areas of the polygon being filled, by cell (the target's scratch buffer, all zero between them). */
    private float[] cells;
    /** The first and last cell of each row the polygon's edges reached (MAX_VALUE and -1 where none), and its rows. */
    private final int[] rowStart;
    private final int[] rowEnd;
    private int top;
    private int bottom;

    PolygonFills(ArgbPixels target, AffineTransform worldToScreen) {
        this.target = target;
        this.width = target.width;
        this.height = target.height;
        this.stride = width + 2;
        this.m00 = worldToScreen.getScaleX();
        this.m01 = worldToScreen.getShearX();
        this.m02 = worldToScreen.getTranslateX();
        this.m10 = worldToScreen.getShearY();
        this.m11 = worldToScreen.getScaleY();
        this.m12 = worldToScreen.getTranslateY();
        this.rowStart = new int[height];
        this.rowEnd = new int[height];
        Arrays.fill(rowStart, Integer.MAX_VALUE);
        Arrays.fill(rowEnd, -1);
        this.top = height;
        this.bottom = -1;
    }

    /** Fills a polygon or multipolygon (in world coordinates) with a colour. */
    void fill(Geometry polygonal, Color color) {
        if (!(polygonal instanceof Polygonal)) {
            throw new IllegalArgumentException("not a polygon: " + polygonal.getGeometryType());
        }
        if (cells == null) {
            cells = target.scratch();
        }
        for (int n = 0; n < polygonal.getNumGeometries(); n++) {
            Polygon polygon = (Polygon) polygonal.getGeometryN(n);
            ring(polygon.getExteriorRing(), false);
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                ring(polygon.getInteriorRingN(h), true);
            }
        }
        sweep(color.getRGB());
    }

    /** A ring's edges, counted positive inside a shell and negative inside a hole, whichever way the ring turns. */
    private void ring(LineString ring, boolean hole) {
        CoordinateSequence s = ring.getCoordinateSequence();
        int n = s.size();
        if (n < 3) {
            return;
        }
        double x0 = s.getX(0);
        double y0 = s.getY(0);
        double twiceArea = 0;
        for (int i = 1; i < n - 1; i++) {
            twiceArea += (s.getX(i) - x0) * (s.getY(i + 1) - y0) - (s.getX(i + 1) - x0) * (s.getY(i) - y0);
        }
        float sign = (twiceArea > 0) != hole ? 1 : -1;
        double px = m00 * x0 + m01 * y0 + m02;
        double py = m10 * x0 + m11 * y0 + m12;
        double startX = px;
        double startY = py;
        for (int i = 1; i < n; i++) {
            double x = s.getX(i);
            double y = s.getY(i);
            double qx = m00 * x + m01 * y + m02;
            double qy = m10 * x + m11 * y + m12;
            edge(px, py, qx, qy, sign);
            px = qx;
            py = qy;
        }
        edge(px, py, startX, startY, sign);
    }

    /**
     * An edge, clipped to the image: nothing of it above or below; its parts left or right of the image laid along the
     * border they are beyond (they cover the whole, or none, of a row to their right there).
     */
    private void edge(double x0, double y0, double x1, double y1, float sign) {
        if (y0 == y1 || !Double.isFinite(x0 + y0 + x1 + y1)) {
            return;
        }
        if (y0 > y1) {
            edge(x1, y1, x0, y0, -sign);
            return;
        }
        if (y1 <= 0 || y0 >= height) {
            return;
        }
        double dxdy = (x1 - x0) / (y1 - y0);
        if (y0 < 0) {
            x0 -= dxdy * y0;
            y0 = 0;
        }
        if (y1 > height) {
            x1 -= dxdy * (y1 - height);
            y1 = height;
        }
        // where the edge crosses the left and right borders, in the order it meets them going down
        double cutA = Double.NaN;
        double cutB = Double.NaN;
        if ((x0 < 0) != (x1 < 0) && x0 != x1) {
            cutA = y0 - x0 / dxdy;
        }
        if ((x0 > width) != (x1 > width) && x0 != x1) {
            cutB = y0 + (width - x0) / dxdy;
        }
        if (cutA > cutB) {
            double t = cutA;
            cutA = cutB;
            cutB = t;
        }
        double ya = y0;
        if (cutA > ya && cutA < y1) {
            rows(clampX(x0 + dxdy * (ya - y0)), ya, clampX(x0 + dxdy * (cutA - y0)), cutA, sign);
            ya = cutA;
        }
        if (cutB > ya && cutB < y1) {
            rows(clampX(x0 + dxdy * (ya - y0)), ya, clampX(x0 + dxdy * (cutB - y0)), cutB, sign);
            ya = cutB;
        }
        rows(clampX(x0 + dxdy * (ya - y0)), ya, clampX(x1), y1, sign);
    }

    private double clampX(double x) {
        return Math.max(0, Math.min(width, x));
    }

    /** An edge within the image (0 ≤ x ≤ width, 0 ≤ ya < yb ≤ height), row by row. */
    private void rows(double xa, double ya, double xb, double yb, float dir) {
        double dxdy = (xb - xa) / (yb - ya);
        int last = Math.min(height - 1, (int) Math.ceil(yb) - 1);
        for (int j = (int) ya; j <= last; j++) {
            double ys = Math.max(ya, j);
            double ye = Math.min(yb, j + 1);
            if (ye > ys) {
                cells(j, clampX(xa + dxdy * (ys - ya)), clampX(xa + dxdy * (ye - ya)), (ye - ys) * dir);
            }
        }
    }

    /**
     * The part of an edge in row j, from x = xs to x = xe, of signed height dy: in each cell it crosses, the area right
     * of it (in that cell), and the rest of its height there in the next cell.
     */
    private void cells(int j, double xs, double xe, double dy) {
        double l = Math.min(xs, xe);
        double r = Math.max(xs, xe);
        int first = (int) l;
        int last = (int) r;
        int row = j * stride;
        if (first == last) {
            double mid = (l + r) / 2 - first;
            cells[row + first] += (float) (dy * (1 - mid));
            cells[row + first + 1] += (float) (dy * mid);
        } else {
            double perX = dy / (r - l);
            for (int i = first; i <= last; i++) {
                double a = Math.max(l, i);
                double b = Math.min(r, i + 1);
                if (b > a) {
                    double part = perX * (b - a);
                    double mid = (a + b) / 2 - i;
                    cells[row + i] += (float) (part * (1 - mid));
                    cells[row + i + 1] += (float) (part * mid);
                }
            }
        }
        rowStart[j] = Math.min(rowStart[j], first);
        rowEnd[j] = Math.max(rowEnd[j], last + 1);
        top = Math.min(top, j);
        bottom = Math.max(bottom, j);
    }

    /** Sums each touched row's cells left to right into coverage, lays the colour, and leaves the cells zero. */
    private void sweep(int argb) {
        for (int j = top; j <= bottom; j++) {
            int start = rowStart[j];
            int end = rowEnd[j];
            if (end < 0) {
                continue;
            }
            rowStart[j] = Integer.MAX_VALUE;
            rowEnd[j] = -1;
            int row = j * stride;
            int visible = Math.min(end, width - 1);
            float area = 0;
            for (int i = start; i <= visible; i++) {
                area += cells[row + i];
                cells[row + i] = 0;
                float coverage = Math.abs(area);
                if (coverage > 1.001f) {
                    // even-odd, where overlapping polygons count twice (a sum just over 1 is 1, and blend caps it)
                    coverage %= 2;
                    if (coverage > 1) {
                        coverage = 2 - coverage;
                    }
                }
                if (coverage >= FULL) {
                    // wholly covered up to the next cell an edge reaches
                    int run = i + 1;
                    while (run <= visible && cells[row + run] == 0) {
                        run++;
                    }
                    target.fillRun(i, run, j, argb);
                    i = run - 1;
                } else {
                    target.blend(i, j, coverage, argb);
                }
            }
            for (int i = Math.max(start, width); i <= end; i++) {
                cells[row + i] = 0;
            }
        }
        top = height;
        bottom = -1;
    }
}
