package fr.yseraa.observatory.wms.render;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small drawing made once for each sub-pixel position it is asked at, then copied: a map that shows the same mark
 * or label thousands of times copies a small image each time instead of rasterising the same shapes again. The
 * drawing is made at {@code phases} × {@code phases} sub-pixel positions, so a copy lands within 1/(2 × phases) pixel
 * of where the drawing would have been made, with the same anti-aliasing. Safe to share between maps drawn at once
 * (two of them may both make an image: the same image).
 */
final class SubPixelStamps {

    /** What is stamped: drawn with its origin at (x, y) it stays within {@link #bounds} moved by (x, y). */
    interface Drawing {

        Rectangle2D bounds();

        void draw(Graphics2D g, double x, double y);
    }

    /** An image whose pixel (0, 0) goes at the integer offset (left, top) from the floor of the origin. */
    private record Stamp(BufferedImage image, int left, int top) {

        long pixels() {
            return (long) image.getWidth() * image.getHeight();
        }
    }

    private final Drawing drawing;
    private final int phases;
    /** By phase, y major; made when first needed. */
    private final AtomicReferenceArray<Stamp> stamps;

    SubPixelStamps(Drawing drawing, int phases) {
        this.drawing = drawing;
        this.phases = phases;
        this.stamps = new AtomicReferenceArray<>(phases * phases);
    }

    /**
     * Draws the drawing with its origin at a screen position, as {@link Drawing#draw} would.
     *
     * @return the pixels of the image made for this call, 0 when it was made before
     */
    long paint(Graphics2D g, double x, double y) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        int px = (int) Math.round((x - fx) * phases);
        int py = (int) Math.round((y - fy) * phases);
        // a phase of a whole pixel is phase 0 of the next one
        int ix = (int) fx + px / phases;
        int iy = (int) fy + py / phases;
        int phase = (py % phases) * phases + px % phases;
        Stamp stamp = stamps.get(phase);
        long made = 0;
        if (stamp == null) {
            stamp = make(px % phases, py % phases);
            stamps.set(phase, stamp);
            made = stamp.pixels();
        }
        g.drawImage(stamp.image(), ix + stamp.left(), iy + stamp.top(), null);
        return made;
    }

    private Stamp make(int phaseX, int phaseY) {
        double dx = phaseX / (double) phases;
        double dy = phaseY / (double) phases;
        Rectangle2D bounds = drawing.bounds();
        // a pixel of room on each side for anti-aliasing, one more for the phase
        int left = (int) Math.floor(bounds.getMinX()) - 1;
        int top = (int) Math.floor(bounds.getMinY()) - 1;
        int width = (int) Math.ceil(bounds.getMaxX()) + 2 - left;
        int height = (int) Math.ceil(bounds.getMaxY()) + 2 - top;
        BufferedImage image = new BufferedImage(Math.max(1, width), Math.max(1, height),
                BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D sg = MapRenderer.graphics(image);
        drawing.draw(sg, dx - left, dy - top);
        sg.dispose();
        return new Stamp(image, left, top);
    }
}
