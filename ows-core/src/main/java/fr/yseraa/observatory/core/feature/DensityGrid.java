package fr.yseraa.observatory.core.feature;

import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalInt;
import org.locationtech.jts.geom.Envelope;

/**
 * The precomputed density grids ({@code obs.density_grid}, see {@code sql/V24__density_grid.sql}): per layer source
 * and access class, how many features have their point in each cell of 2<sup>level</sup> CRS units. A grid stands
 * for the live count only when it counts exactly what the live count would: the caller's view of the layer is the
 * class's own (same access level, geometry and row predicate, so a policy changed since the grid was defined is
 * counted live, never read from a stale definition), the query has no filter of its own, the cell size is one of the
 * class's levels.
 */
final class DensityGrid {

    /** Whether the grid's tables exist (databases without the migration count live); true once seen. */
    private volatile boolean present;

    /** The level of a cell size that is a power of two (2<sup>level</sup> units); empty for any other size. */
    static OptionalInt level(double cellSize) {
        int exponent = Math.getExponent(cellSize);
        return cellSize > 0 && Math.scalb(1.0, exponent) == cellSize ? OptionalInt.of(exponent) : OptionalInt.empty();
    }

    /**
     * Delivers the grid's cells of the level that meet the query's box (each cell as a polygon in the query's output
     * SRID, as WKB, with its count) and returns true; or returns false, delivering nothing, when no grid stands for
     * this caller's view, query and cell size (the caller then counts live).
     */
    boolean read(Connection c, LayerInfo layer, LayerAccess access, FeatureQuery query, double cellSize,
                 CellSink sink) throws SQLException {
        OptionalInt level = level(cellSize);
        if (query.filter() != null || level.isEmpty() || !present(c)) {
            return false;
        }
        Integer classId = classOf(c, layer, access, level.getAsInt());
        if (classId == null) {
            return false;
        }
        StringBuilder sql = new StringBuilder("SELECT ST_AsBinary(ST_Transform(ST_MakeEnvelope(ix * s, iy * s, "
                + "(ix + 1) * s, (iy + 1) * s, ").append(layer.srid()).append("), ").append(query.outputSrid())
                .append(")), n FROM obs.density_grid, (SELECT CAST(? AS float8) AS s) grid");
        Envelope box = query.bbox();
        if (box != null) {
            sql.append(", (SELECT ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, ?), ").append(layer.srid()).append(") AS b) area");
        }
        sql.append(" WHERE class_id = ? AND level = ?");
        if (box != null) {
            sql.append(" AND ix BETWEEN floor(ST_XMin(b) / s) AND floor(ST_XMax(b) / s)"
                    + " AND iy BETWEEN floor(ST_YMin(b) / s) AND floor(ST_YMax(b) / s)");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setDouble(i++, cellSize);
            if (box != null) {
                for (double v : List.of(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY())) {
                    ps.setDouble(i++, v);
                }
                ps.setInt(i++, query.bboxSrid());
            }
            ps.setInt(i++, classId);
            ps.setInt(i, level.getAsInt());
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

    /** Where the cells of a grid go: each cell's polygon as WKB and its count. */
    interface CellSink {
        void accept(byte[] wkb, long count) throws SQLException;
    }
}
