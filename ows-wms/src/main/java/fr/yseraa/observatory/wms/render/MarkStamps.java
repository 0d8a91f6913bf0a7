package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.wms.style.Graphic;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Point marks drawn once and stamped ({@link SubPixelStamps}, 8 × 8 sub-pixel positions: within 1/16 pixel of where
 * the shape would have been drawn). The stamps of a graphic are shared by all maps (graphics are values, so styles
 * loaded again find theirs; bounded); a map looks its graphics' stamps up once each ({@link #of}), not once a point
 * (hashing a graphic's whole value for every point cost more than the copy).
 */
final class MarkStamps {

    private static final int PHASES = 8;
    /** Graphics kept. */
    private static final int LIMIT = 64;
    private static final Map<Graphic, SubPixelStamps> STAMPS = new ConcurrentHashMap<>();

    private MarkStamps() {
    }

    /** The stamps of a mark graphic, drawn centred on the position given, as {@link GraphicPainter#paint} would. */
    static SubPixelStamps of(Graphic graphic) {
        if (STAMPS.size() > LIMIT) {
            STAMPS.clear();
        }
        return STAMPS.computeIfAbsent(graphic, g -> new SubPixelStamps(new SubPixelStamps.Drawing() {
            @Override
            public Rectangle2D bounds() {
                return GraphicPainter.bounds(g);
            }

            @Override
            public void draw(Graphics2D sg, double x, double y) {
                GraphicPainter.paint(sg, g, x, y);
            }
        }, PHASES));
    }
}
