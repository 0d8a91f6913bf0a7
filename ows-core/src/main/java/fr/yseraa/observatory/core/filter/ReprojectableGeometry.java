package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.crs.Epsg;
import fr.yseraa.observatory.core.ows.OwsException;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.TopologyException;

/**
 * Prepares a literal geometry for PostGIS to transform into another CRS. It is densified, so that its edges stay
 * straight in its own CRS once transformed (a longitude / latitude box stays a box); and, when the predicate allows
 * it, a longitude / latitude literal is first cut to the area of use of the target CRS, so that a world-wide box can
 * be transformed into a national projection, which cannot hold the whole world.
 */
final class ReprojectableGeometry {

    private static final int DENSIFY_STEPS = 64;

    private ReprojectableGeometry() {
    }

    /**
     * @param clip whether cutting the literal to the target CRS's area of use leaves the predicate's answer unchanged
     * @param marginDegrees how much to grow that area first (the distance of DWithin / Beyond)
     */
    static Geometry prepare(Geometry geometry, int srid, int targetSrid, boolean clip, double marginDegrees,
                            String locator) {
        if (srid == targetSrid) {
            return geometry;
        }
        Geometry g = geometry;
        if (clip && Epsg.isGeographic(srid) && Epsg.areaOfUse(targetSrid).isPresent()) {
            Envelope area = new Envelope(Epsg.areaOfUse(targetSrid).get());
            double maxLatitude = Math.min(89, Math.max(Math.abs(area.getMinY()), Math.abs(area.getMaxY())));
            area.expandBy(marginDegrees / Math.cos(Math.toRadians(maxLatitude)));
            g = clip(g, area.intersection(new Envelope(-180, 180, -90, 90)), locator);
        }
        Envelope e = g.getEnvelopeInternal();
        double step = Math.max(e.getWidth(), e.getHeight()) / DENSIFY_STEPS;
        return step > 0 ? Densifier.densify(g, step) : g;
    }

    private static Geometry clip(Geometry geometry, Envelope area, String locator) {
        if (area.contains(geometry.getEnvelopeInternal())) {
            return geometry;
        }
        try {
            return geometry.intersection(geometry.getFactory().toGeometry(area));
        } catch (TopologyException e) {
            // JTS's message names its noding internals: the client is told what is wrong in our words
            throw OwsException.invalidParameter(locator, "Invalid geometry: it cannot be clipped to the area of its CRS"
                    + " (does it cross itself?)");
        }
    }
}
