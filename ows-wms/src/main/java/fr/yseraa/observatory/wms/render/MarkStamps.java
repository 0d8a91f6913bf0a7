package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.wms.style.Graphic;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Point marks drawn once and stamped: a map of thousands of points copies a small image of each mark for each point
 * instead of filling and stroking a new anti-aliased shape every time. A mark's image is drawn at each of
 * {@value #PHASES} × {@value #PHASES} sub-pixel positions, so a stamp lands within 1/{@value #PHASES_TWICE} pixel of
 * where the shape would have been drawn, with the same anti-aliasing. The stamps of a graphic are shared by all maps
 * (graphics are values, so styles loaded again find theirs; bounded); a map looks its graphics' stamps up once each
 * ({@link #of}), not once a point (hashing a graphic's whole value for every point cost more than the copy).
 */
final class MarkStamps {

    static final int PHASES = 8;
    static final int PHASES_TWICE = 2 * PHASES;
    /** Graphics kept. */
    private static final int LIMIT = 64;
    private static final Map<Graphic, MarkStamps> STAMPS = new ConcurrentHashMap<>();

    /** An image whose pixel (0, 0) goes at the integer offset (left, top) from the floor of the centre. */
    private record Stamp(BufferedImage image, int left, int top) {
    }

    private final Graphic graphic;
    /** By phase, y major; drawn when first needed (two maps may both draw one: the same image). */
    private final AtomicReferenceArray<Stamp> stamps = new AtomicReferenceArray<>(PHASES * PHASES);

    private MarkStamps(Graphic graphic) {
        this.graphic = graphic;
    }

    /** The stamps of a mark graphic. */
    static MarkStamps of(Graphic graphic) {
        if (STAMPS.size() > LIMIT) {
            STAMPS.clear();
        }
        return STAMPS.computeIfAbsent(graphic, MarkStamps::new);
    }

    /** Draws the mark centred on a screen position, as {@link GraphicPainter#paint} would. */
    void paint(Graphics2D g, double x, double y) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        int px = (int) Math.round((x - fx) * PHASES);
        int py = (int) Math.round((y - fy) * PHASES);
        // a phase of a whole pixel is phase 0 of the next one
        int ix = (int) fx + px / PHASES;
        int iy = (int) fy + py / PHASES;
        int phase = (py % PHASES) * PHASES + px % PHASES;
        Stamp stamp = stamps.get(phase);
        if (stamp == null) {
            stamp = draw(px % PHASES, py % PHASES);
            stamps.set(phase, stamp);
        }
        g.drawImage(stamp.image(), ix + stamp.left(), iy + stamp.top(), null);
    }

    private Stamp draw(int phaseX, int phaseY) {
        double dx = phaseX / (double) PHASES;
        double dy = phaseY / (double) PHASES;
        Rectangle2D bounds = GraphicPainter.bounds(graphic);
        // a pixel of room on each side for anti-aliasing, one more for the phase
        int left = (int) Math.floor(bounds.getMinX()) - 1;
        int top = (int) Math.floor(bounds.getMinY()) - 1;
        int width = (int) Math.ceil(bounds.getMaxX()) + 2 - left;
        int height = (int) Math.ceil(bounds.getMaxY()) + 2 - top;
        BufferedImage image = new BufferedImage(Math.max(1, width), Math.max(1, height),
                BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D sg = MapRenderer.graphics(image);
        GraphicPainter.paint(sg, graphic, dx - left, dy - top);
        sg.dispose();
        return new Stamp(image, left, top);
    }
}
