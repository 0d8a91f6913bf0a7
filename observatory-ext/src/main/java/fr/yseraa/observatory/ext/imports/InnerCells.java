package fr.yseraa.observatory.ext.imports;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A square grid over the points of some staged rows, keeping the cells that lie wholly inside one piece of a set of
 * small polygons (a working table {@code <name>}, {@link WorkTables}: srid, cx, cy and what the piece tells): a point
 * in such a cell is in that piece by arithmetic (its cell's key) and a hash join, and only the points of the other
 * cells, near a piece's edge, need a point-in-polygon test. The cells are those the points fall in (never more cells
 * than points), sized for about sixteen points a cell over the pieces' extent, in each CRS of the pieces; a cell is
 * taken when a piece contains it properly (a point on the cell's edge is then inside the piece, not on its boundary).
 */
final class InnerCells {

    /** Points a cell, on average over the extent of the points: enough to pay for the cell's own test. */
    private static final int POINTS_A_CELL = 16;

    private InnerCells() {
    }

    /**
     * Builds the cells.
     *
     * @param name the working table to create ({@code <name>_size} too: the cell size in each CRS)
     * @param points a query giving points as {@code pt} (no other geometry type)
     * @param count how many points there are, about (the cells' size follows: about sixteen points a cell over the
     *     pieces' extent)
     * @param pieces a relation of polygons aliased {@code p}, e.g. {@code import_area p}
     * @param filter which of them, over {@code p}, e.g. {@code p.kind = 'commune'}
     * @param told what a cell keeps of its piece, over {@code p}, e.g. {@code p.code, p.parent}
     */
    static void build(Connection c, String name, String points, long count, String pieces, String filter, String told)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(WorkTables.createAs(c, name + "_size", """
                    SELECT srid, greatest(sqrt(greatest((ST_XMax(e) - ST_XMin(e)) * (ST_YMax(e) - ST_YMin(e)), 0)
                                               * %2$d / %3$d), 1e-9) AS size
                    FROM (SELECT ST_SRID(p.geom) AS srid, ST_Extent(p.geom) AS e FROM %4$s WHERE %5$s GROUP BY 1) x"""
                    .formatted(name, POINTS_A_CELL, Math.max(count, 1), pieces, filter)));
            // known small: else the joins to it are planned for ten times the rows, and sort instead of hash
            st.execute("ANALYZE " + name + "_size");
            st.execute(WorkTables.createAs(c, name, """
                    SELECT k.srid, k.cx, k.cy, %5$s
                    FROM (SELECT DISTINCT z.srid, z.size, floor(ST_X(q.pt) / z.size)::bigint AS cx,
                                          floor(ST_Y(q.pt) / z.size)::bigint AS cy
                          FROM (%2$s) q JOIN %1$s_size z ON z.srid = ST_SRID(q.pt) WHERE NOT ST_IsEmpty(q.pt)) k
                    CROSS JOIN LATERAL (SELECT %5$s FROM %3$s WHERE %4$s AND ST_SRID(p.geom) = k.srid
                        AND ST_ContainsProperly(p.geom, ST_Expand(ST_MakeEnvelope(k.cx * k.size, k.cy * k.size,
                            (k.cx + 1) * k.size, (k.cy + 1) * k.size, k.srid), k.size / 1024)) LIMIT 1) p"""
                    .formatted(name, points, pieces, filter, told)));
            st.execute("ANALYZE " + name);
        }
    }

    /**
     * The join giving, as {@code alias}, the cell of table {@code name} that a point (an expression; null, or not a
     * point: no cell) is in, if it is one of the cells kept.
     */
    static String join(String name, String point, String alias) {
        return """
                LEFT JOIN %1$s_size %3$s_z ON %3$s_z.srid = ST_SRID(%2$s)
                LEFT JOIN %1$s %3$s ON %3$s.srid = %3$s_z.srid
                    AND %3$s.cx = CASE WHEN GeometryType(%2$s) = 'POINT' THEN floor(ST_X(%2$s) / %3$s_z.size)::bigint END
                    AND %3$s.cy = CASE WHEN GeometryType(%2$s) = 'POINT' THEN floor(ST_Y(%2$s) / %3$s_z.size)::bigint END
                """.formatted(name, point, alias);
    }
}
