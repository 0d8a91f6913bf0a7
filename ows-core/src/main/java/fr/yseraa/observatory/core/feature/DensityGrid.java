package fr.yseraa.observatory.core.feature;

import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;
import org.locationtech.jts.geom.Envelope;

/**
 * The precomputed density grids ({@code obs.density_grid}, see {@code sql/V24__density_grid.sql}): per layer source
 * and access class, how many features have their point in each cell of 2<sup>level</sup> CRS units. A grid stands
 * for the live count only when it counts exactly what the live count would: the caller's view of the layer is the
 * class's own (same access level, geometry and row predicate, so a policy changed since the grid was defined is
 * counted live, never read from a stale definition), the query has no filter of its own, the cell size is one of the
 * class's levels. A repository may also be told never to read them ({@code enabled} false): every grid is then
 * counted live, as before they existed, to measure what they bring on one database.
 */
final class DensityGrid {

    /** Whether precomputed grids may be read at all. */
    private final boolean enabled;
    /** Whether the grid's tables exist (databases without the migration count live); true once seen. */
    private volatile boolean present;

    DensityGrid(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    /** The level of a cell size that is a power of two (2<sup>level</sup> units); empty for any other size. */
    static OptionalInt level(double cellSize) {
        int exponent = Math.getExponent(cellSize);
        return cellSize > 0 && Math.scalb(1.0, exponent) == cellSize ? OptionalInt.of(exponent) : OptionalInt.empty();
    }

    /**
     * The cells of {@code cellSize} units a query's box meets (its box in the layer's CRS, as PostGIS transforms it);
     * null when the query has no box.
     */
    static CellRange range(Connection c, LayerInfo layer, FeatureQuery query, double cellSize) throws SQLException {
        Envelope box = query.bbox();
        if (box == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT floor(ST_XMin(b) / s)::bigint, floor(ST_YMin(b) / s)::bigint,"
                + " floor(ST_XMax(b) / s)::bigint, floor(ST_YMax(b) / s)::bigint FROM (SELECT CAST(? AS float8) AS s,"
                + " ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, ?), " + layer.srid() + ") AS b) area")) {
            ps.setDouble(1, cellSize);
            ps.setDouble(2, box.getMinX());
            ps.setDouble(3, box.getMinY());
            ps.setDouble(4, box.getMaxX());
            ps.setDouble(5, box.getMaxY());
            ps.setInt(6, query.bboxSrid());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new CellRange(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    /**
     * Delivers the grid's cells of the level in the range (all when it is null), each cell as a polygon in the query's
     * output SRID, as WKB, with its count, and returns true; or returns false, delivering nothing, when no grid stands
     * for this caller's view, query and cell size, or grids are not to be read (the caller then counts live).
     */
    boolean read(Connection c, LayerInfo layer, LayerAccess access, FeatureQuery query, CellRange range,
                 double cellSize, CellSink sink) throws SQLException {
        OptionalInt level = level(cellSize);
        if (!enabled || query.filter() != null || level.isEmpty() || !present(c)) {
            return false;
        }
        Integer classId = classOf(c, layer, access, level.getAsInt());
        if (classId == null) {
            return false;
        }
        String sql = "SELECT ST_AsBinary(ST_Transform(ST_MakeEnvelope(ix * s, iy * s, (ix + 1) * s, (iy + 1) * s, "
                + layer.srid() + "), " + query.outputSrid() + ")), n FROM obs.density_grid, (SELECT CAST(? AS float8) AS s)"
                + " grid WHERE class_id = ? AND level = ?"
                + (range == null ? "" : " AND ix BETWEEN ? AND ? AND iy BETWEEN ? AND ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDouble(1, cellSize);
            ps.setInt(2, classId);
            ps.setInt(3, level.getAsInt());
            if (range != null) {
                ps.setLong(4, range.x0());
                ps.setLong(5, range.x1());
                ps.setLong(6, range.y0());
                ps.setLong(7, range.y1());
            }
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getBytes(1), rs.getLong(2));
                }
            }
        }
        return true;
    }

    /** The class whose definition is exactly the caller's view of the layer and that holds the level, or null. */
    private static Integer classOf(Connection c, LayerInfo layer, LayerAccess access, int level) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM obs.density_grid_class "
                + "WHERE source = ? AND access_level = ? AND srid = ? AND geometry_sql = ? "
                + "AND predicate_sql IS NOT DISTINCT FROM ? AND ? BETWEEN finest AND coarsest")) {
            ps.setString(1, layer.source());
            ps.setString(2, access.accessLevel());
            ps.setInt(3, layer.srid());
            ps.setString(4, access.geometryExpression());
            ps.setString(5, access.rowPredicate());
            ps.setInt(6, level);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    private boolean present(Connection c) throws SQLException {
        if (!present) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT to_regclass('obs.density_grid_class') IS NOT NULL")) {
                rs.next();
                present = rs.getBoolean(1);
            }
        }
        return present;
    }

    /** Cells by their indexes, from (x0, y0) to (x1, y1) included: cell (i, j) spans [i s, (i + 1) s[ x [j s, (j + 1) s[. */
    record CellRange(long x0, long y0, long x1, long y1) {

        /** The cells' union in the layer's CRS. */
        Envelope envelope(double cellSize) {
            return new Envelope(x0 * cellSize, (x1 + 1) * cellSize, y0 * cellSize, (y1 + 1) * cellSize);
        }
    }

    /** Where the cells of a grid go: each cell's polygon as WKB and its count. */
    interface CellSink {
        void accept(byte[] wkb, long count) throws SQLException;
    }
}
