package fr.yseraa.observatory.wms.render;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import org.locationtech.jts.awt.ShapeWriter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * Turns JTS geometries in map coordinates into screen shapes, generalised first to the output resolution: vertices
 * closer than half a pixel to the simplified line are dropped, since they cannot be seen.
 */
public final class ShapeConverter {

    private final MapViewport viewport;
    private final AffineTransform transform;
    private final ShapeWriter writer;

    public ShapeConverter(MapViewport viewport) {
        this.viewport = viewport;
        this.transform = viewport.worldToScreen();
        this.writer = new ShapeWriter((src, dest) -> {
            Point2D p = transform.transform(new Point2D.Double(src.x, src.y), null);
            dest.setLocation(p.getX(), p.getY());
        });
    }

    /**
     * The geometry simplified to half a pixel. Points, tiny geometries and those that would vanish (smaller than a
     * pixel) stay as they are, so that they still show as a speck or carry their point symbol.
     */
    public Geometry generalise(Geometry g) {
        if (g instanceof Point || g.getNumPoints() < 4) {
            return g;
        }
        Geometry simplified = DouglasPeuckerSimplifier.simplify(g, viewport.pixelSize() / 2);
        return simplified.isEmpty() ? g : simplified;
    }

    public Shape toShape(Geometry g) {
        return writer.toShape(g);
    }

    public Point2D toScreen(double x, double y) {
        return transform.transform(new Point2D.Double(x, y), null);
    }

    public MapViewport viewport() {
        return viewport;
    }
}
