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
        // the affine transform's terms, applied to each vertex without a point object for it
        double m00 = transform.getScaleX();
        double m01 = transform.getShearX();
        double m02 = transform.getTranslateX();
        double m10 = transform.getShearY();
        double m11 = transform.getScaleY();
        double m12 = transform.getTranslateY();
        this.writer = new ShapeWriter((src, dest) ->
                dest.setLocation(m00 * src.x + m01 * src.y + m02, m10 * src.x + m11 * src.y + m12));
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
