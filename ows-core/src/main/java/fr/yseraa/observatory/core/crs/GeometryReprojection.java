package fr.yseraa.observatory.core.crs;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.BasicCoordinateTransform;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * One reprojection in the JVM between a pair of CRS that {@link JvmReprojections} found to agree with PostGIS: the
 * vertices of geometries read in the source CRS moved in place to the target CRS. Not thread-safe (proj4j's transforms
 * keep state): one per query.
 */
public final class GeometryReprojection {

    /** The two CRS, immutable once made, shared between threads. */
    record Pair(CoordinateReferenceSystem source, CoordinateReferenceSystem target) {
    }

    private final BasicCoordinateTransform forward;
    private final BasicCoordinateTransform inverse;
    private final ProjCoordinate in = new ProjCoordinate();

    GeometryReprojection(Pair pair) {
        this.forward = new BasicCoordinateTransform(pair.source(), pair.target());
        this.inverse = new BasicCoordinateTransform(pair.target(), pair.source());
    }

    void transform(double x, double y, ProjCoordinate out) {
        in.x = x;
        in.y = y;
        in.z = Double.NaN;
        forward.transform(in, out);
    }

    /** Moves the geometry's vertices from the source CRS to the target CRS. */
    public void apply(Geometry geometry) {
        ProjCoordinate out = new ProjCoordinate();
        geometry.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                transform(seq.getX(i), seq.getY(i), out);
                seq.setOrdinate(i, CoordinateSequence.X, out.x);
                seq.setOrdinate(i, CoordinateSequence.Y, out.y);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
    }

    /**
     * A distance of the source CRS no longer than {@code distance} of the target CRS anywhere in an area of the target
     * CRS (at its corners and centre): a simplification tolerance given in the target's units, for geometries
     * simplified before they are reprojected.
     */
    public double sourceDistance(Envelope targetArea, double distance) {
        double shortest = Double.POSITIVE_INFINITY;
        double[][] points = {{targetArea.getMinX(), targetArea.getMinY()}, {targetArea.getMaxX(), targetArea.getMinY()},
                {targetArea.getMinX(), targetArea.getMaxY()}, {targetArea.getMaxX(), targetArea.getMaxY()},
                {targetArea.centre().x, targetArea.centre().y}};
        for (double[] p : points) {
            ProjCoordinate origin = back(p[0], p[1]);
            ProjCoordinate east = back(p[0] + distance, p[1]);
            ProjCoordinate north = back(p[0], p[1] + distance);
            shortest = Math.min(shortest, Math.min(Math.hypot(east.x - origin.x, east.y - origin.y),
                    Math.hypot(north.x - origin.x, north.y - origin.y)));
        }
        return Double.isFinite(shortest) ? shortest : 0;
    }

    private ProjCoordinate back(double x, double y) {
        ProjCoordinate out = new ProjCoordinate();
        inverse.transform(new ProjCoordinate(x, y), out);
        return out;
    }
}
