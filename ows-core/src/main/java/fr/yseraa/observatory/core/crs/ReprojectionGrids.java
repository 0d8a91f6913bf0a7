package fr.yseraa.observatory.core.crs;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;

/**
 * The reprojection grids of the last maps, by pair of CRSs, area and tolerance ({@link ReprojectionGrid#fit}, a
 * statement of PostGIS each): the layers of one map share one, and a map asked again (a tile of a tiled WMS client)
 * finds its own. What a fit answers depends on its key alone, refusals included, so that a map is drawn the same
 * whether its grid was fitted now or before.
 */
public final class ReprojectionGrids {

    /** Grids kept: a grid is at most (32 + 1)^2 points, about 17 KiB, most of them (3 + 1)^2. */
    private static final int KEPT = 1024;

    private record Key(int sourceSrid, int targetSrid, Envelope area, double tolerance) {
    }

    private final Map<Key, Optional<ReprojectionGrid>> grids = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Optional<ReprojectionGrid>> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * The grid over an area of the target CRS within the tolerance, or empty where none holds, as
     * {@link ReprojectionGrid#fit} gives it: fitted on the connection unless kept.
     *
     * @throws SQLException when PostGIS cannot transform the area or the lattice (the transaction is then aborted)
     */
    public Optional<ReprojectionGrid> fit(Connection c, int sourceSrid, int targetSrid, Envelope area,
                                          double tolerance) throws SQLException {
        Key key = new Key(sourceSrid, targetSrid, new Envelope(area), tolerance);
        synchronized (grids) {
            Optional<ReprojectionGrid> kept = grids.get(key);
            if (kept != null) {
                return kept;
            }
        }
        Optional<ReprojectionGrid> grid = ReprojectionGrid.fit(c, sourceSrid, targetSrid, area, tolerance);
        synchronized (grids) {
            grids.put(key, grid);
        }
        return grid;
    }
}
