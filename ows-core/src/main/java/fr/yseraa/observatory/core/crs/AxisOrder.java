package fr.yseraa.observatory.core.crs;

import org.locationtech.jts.geom.Envelope;

/**
 * The order in which coordinates are written. PostGIS, JTS and GeoJSON always work in {@link #EAST_NORTH} (x =
 * easting or longitude, y = northing or latitude); a document or a request may write them {@link #NORTH_EAST}.
 * {@link Epsg#axisOrder(int)} tells which CRSs are officially north first, {@link CrsName} which notations follow it.
 */
public enum AxisOrder {

    /** x (easting, longitude) first. */
    EAST_NORTH,
    /** y (northing, latitude) first. */
    NORTH_EAST;

    /** Whether coordinates are written y (latitude, northing) first. */
    public boolean northFirst() {
        return this == NORTH_EAST;
    }

    /** Four numbers written in this order (two corners), as an envelope in (x, y). */
    public Envelope envelope(double a, double b, double c, double d) {
        return northFirst() ? new Envelope(b, d, a, c) : new Envelope(a, c, b, d);
    }

    /** The two corners of an envelope in (x, y), written in this order: min first, then max. */
    public double[] corners(Envelope e) {
        return northFirst()
                ? new double[] {e.getMinY(), e.getMinX(), e.getMaxY(), e.getMaxX()}
                : new double[] {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()};
    }
}
