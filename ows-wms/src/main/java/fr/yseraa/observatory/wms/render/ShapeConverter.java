package fr.yseraa.observatory.wms.render;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import org.locationtech.jts.awt.ShapeWriter;
import org.locationtech.jts.geom.Geometry;

/** Turns JTS geometries in map coordinates into screen shapes (PostGIS has generalised them to the resolution). */
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
