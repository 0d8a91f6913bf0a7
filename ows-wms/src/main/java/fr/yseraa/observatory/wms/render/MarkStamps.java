package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.wms.style.Graphic;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Point marks drawn once and stamped: a map of thousands of points copies a small image of each mark for each point
 * instead of filling and stroking a new anti-aliased shape every time. A mark's image is drawn at each of
 * {@value #PHASES} × {@value #PHASES} sub-pixel positions, so a stamp lands within 1/{@value #PHASES_TWICE} pixel of
 * where the shape would have been drawn, with the same anti-aliasing. Shared by all maps; bounded.
 */
final class MarkStamps {

    static final int PHASES = 8;
    static final int PHASES_TWICE = 2 * PHASES;
    private static final int LIMIT = 4096;
    /** Stamps by graphic and sub-pixel phase; graphics are values, so styles loaded again find theirs. */
    private static final Map<Key, Stamp> STAMPS = new ConcurrentHashMap<>();

    private record Key(Graphic graphic, int phaseX, int phaseY) {
    }

    /** An image whose pixel (0, 0) goes at the integer offset (left, top) from the floor of the centre. */
    private record Stamp(BufferedImage image, int left, int top) {
    }

    private MarkStamps() {
    }

    /** Draws a mark graphic centred on a screen position, as {@link GraphicPainter#paint} would. */
    static void paint(Graphics2D g, Graphic graphic, double x, double y) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        int px = (int) Math.round((x - fx) * PHASES);
        int py = (int) Math.round((y - fy) * PHASES);
        // a phase of a whole pixel is phase 0 of the next one
        int ix = (int) fx + px / PHASES;
        int iy = (int) fy + py / PHASES;
        if (STAMPS.size() > LIMIT) {
            STAMPS.clear();
        }
        Stamp stamp = STAMPS.computeIfAbsent(new Key(graphic, px % PHASES, py % PHASES), MarkStamps::draw);
        g.drawImage(stamp.image(), ix + stamp.left(), iy + stamp.top(), null);
    }

    private static Stamp draw(Key key) {
        double dx = key.phaseX() / (double) PHASES;
        double dy = key.phaseY() / (double) PHASES;
        Rectangle2D bounds = GraphicPainter.bounds(key.graphic());
        // a pixel of room on each side for anti-aliasing, one more for the phase
        int left = (int) Math.floor(bounds.getMinX()) - 1;
        int top = (int) Math.floor(bounds.getMinY()) - 1;
        int width = (int) Math.ceil(bounds.getMaxX()) + 2 - left;
        int height = (int) Math.ceil(bounds.getMaxY()) + 2 - top;
        BufferedImage image = new BufferedImage(Math.max(1, width), Math.max(1, height),
                BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D sg = MapRenderer.graphics(image);
        GraphicPainter.paint(sg, key.graphic(), dx - left, dy - top);
        sg.dispose();
        return new Stamp(image, left, top);
    }
}
