package fr.yseraa.observatory.wms.render;

import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import org.locationtech.jts.geom.Envelope;

/**
 * The part of the world a map shows and the image it is drawn on: the world-to-screen transform (y down), the size
 * of a pixel and the scale denominator as OGC defines it (a standardised pixel of 0.28 mm).
 *
 * @param world the bounding box in the map CRS, in (x = easting or longitude, y = northing or latitude) order
 * @param geographic whether the CRS measures in degrees
 */
public record MapViewport(Envelope world, int width, int height, boolean geographic) {

    /** The OGC standardised rendering pixel, in metres (WMS 1.3.0, 7.2.4.6.9). */
    public static final double STANDARD_PIXEL_METRES = 0.00028;
    /** Metres in one degree along the equator of the WGS 84 ellipsoid's semi-major axis, as OGC uses. */
    public static final double METRES_PER_DEGREE = 6378137.0 * 2 * Math.PI / 360;

    public MapViewport {
        if (width <= 0 || height <= 0 || world.getWidth() <= 0 || world.getHeight() <= 0) {
            throw new IllegalArgumentException("a map needs a positive size and a non-empty bounding box");
        }
        world = new Envelope(world);
    }

    @Override
    public Envelope world() {
        return new Envelope(world);
    }

    public AffineTransform worldToScreen() {
        AffineTransform t = new AffineTransform();
        t.scale(width / world.getWidth(), -height / world.getHeight());
        t.translate(-world.getMinX(), -world.getMaxY());
        return t;
    }

    /** Screen position of a world point. */
    public Point2D toScreen(double x, double y) {
        return worldToScreen().transform(new Point2D.Double(x, y), null);
    }

    /** World position of the centre of a pixel. */
    public Point2D toWorld(double column, double row) {
        return new Point2D.Double(world.getMinX() + (column + 0.5) * world.getWidth() / width,
                world.getMaxY() - (row + 0.5) * world.getHeight() / height);
    }

    /** The width of a pixel in CRS units. */
    public double pixelSize() {
        return world.getWidth() / width;
    }

    /** The scale denominator: ground size of a pixel over the standard pixel size. */
    public double scaleDenominator() {
        double metres = geographic ? pixelSize() * METRES_PER_DEGREE : pixelSize();
        return metres / STANDARD_PIXEL_METRES;
    }

    /** The world box grown by a margin of pixels on each side (so symbols across the edge are drawn). */
    public Envelope worldWithMargin(int pixels) {
        Envelope e = new Envelope(world);
        e.expandBy(pixels * pixelSize(), pixels * world.getHeight() / height);
        return e;
    }
}
