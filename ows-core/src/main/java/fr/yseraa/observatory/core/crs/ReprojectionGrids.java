package fr.yseraa.observatory.core.crs;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Envelope;

/**
 * Reprojection grids fitted by PostGIS ({@link ReprojectionGrid#fit}), each first lattice sized from the lattices
 * fitted before for the same pair of CRSs: the error of a lattice falls as the square of its cells' size in a
 * proportion that depends on the mapping and changes little within a region, so the maps before tell how many cells a
 * map's lattice needs. A tile then costs one statement, of a lattice of a few points where it holds few vertices.
 */
public final class ReprojectionGrids {

    /** Cells a side of the first lattice for a pair of CRSs not seen before. */
    static final int FIRST_CELLS = 4;
    /** A margin on the cells a side the lattices before call for. */
    private static final double MARGIN = 1.15;

    /** By pair of CRSs, the last lattice's error times its cells a side squared, over its area's size squared. */
    private final Map<Long, Double> curvatures = new ConcurrentHashMap<>();

    /**
     * A grid over an area of the target CRS, within the bounds of the source CRS, that holds within the tolerance, or
     * empty (see {@link ReprojectionGrid#fit}).
     *
     * @throws SQLException when PostGIS cannot transform the area or the lattice (the transaction is then aborted)
     */
    public Optional<ReprojectionGrid> fit(Connection c, int sourceSrid, int targetSrid, Envelope area, Envelope bounds,
                                          double tolerance) throws SQLException {
        long pair = ((long) sourceSrid << 32) | (targetSrid & 0xffffffffL);
        double size = Math.max(area.getWidth(), area.getHeight());
        Double curvature = curvatures.get(pair);
        int cells = curvature == null || !(tolerance > 0) ? FIRST_CELLS
                : (int) Math.min(ReprojectionGrid.MAX_CELLS, Math.ceil(size * Math.sqrt(curvature / tolerance) * MARGIN));
        return ReprojectionGrid.fit(c, sourceSrid, targetSrid, area, bounds, tolerance, cells,
                (n, error) -> curvatures.put(pair, error * n * n / (size * size)));
    }
}
