package fr.yseraa.observatory.ext.imports;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the trigger {@code sinp.occurrence_derive} derives one row at a time, derived set-based for a whole staged
 * table by the same rules: the attachments (the commune and its département, or else the département, at the point on
 * the geometry's surface; the 10 km cell), the diffusion level (the coarser of the sensitivity and of the producer's
 * wish; a commune blur outside every commune becomes a cell blur, a département blur outside every département is not
 * diffused) and the diffusion geometry. The communes and départements are cut into small pieces once an import for
 * quick point tests, and the blurred shape of a unit is built once an import, not once a row.
 */
final class OccurrenceDerivation {

    private OccurrenceDerivation() {
    }

    /**
     * The pieces of the communes and départements ({@code import_unit_piece}), and the cells wholly inside one
     * commune's piece among those of the points on the surface of the geometries that a query gives
     * ({@code import_commune_cell}, {@link InnerCells}): working tables ({@link WorkTables}).
     *
     * @param geometries a query giving the geometries to derive as {@code geom}
     * @param count how many there are, about
     */
    static void prepare(Connection c, String geometries, long count) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(WorkTables.createAs(c, "import_unit_piece", """
                    SELECT 'commune'::text AS kind, insee AS code, departement_code AS parent, ST_Subdivide(geom, 64) AS geom
                    FROM territory.commune
                    UNION ALL
                    SELECT 'departement', code, NULL, ST_Subdivide(geom, 64) FROM territory.departement"""));
            st.execute("CREATE INDEX ON import_unit_piece USING gist (geom)");
            st.execute("ANALYZE import_unit_piece");
        }
        // the cells of the points (of the other geometries, the points on their surface fall in them or go the long way)
        InnerCells.build(c, "import_commune_cell", "SELECT geom AS pt FROM (" + geometries
                + ") g WHERE GeometryType(geom) = 'POINT'", count, "import_unit_piece p", "p.kind = 'commune'", "p.code, p.parent");
    }

    /**
     * The joins giving, for the rows of {@code alias} (with columns geom, sensi_niveau, diffusion_niveau_precision),
     * the aliases {@code a} (code_commune, code_departement, code_maille) and {@code u} (wanted level, units touched).
     * The commune of a point in a cell wholly inside a commune is that cell's; the others' is found among the pieces.
     */
    static String joins(String alias) {
        return """
                CROSS JOIN LATERAL (SELECT ST_PointOnSurface(%1$s.geom) AS pt,
                                           greatest(%1$s.sensi_niveau::smallint, sinp.diffusion_rank(%1$s.diffusion_niveau_precision)) AS wanted
                                    OFFSET 0) g
                """.formatted(alias) + InnerCells.join("import_commune_cell", "g.pt", "cc") + """
                LEFT JOIN LATERAL (SELECT p.code, p.parent FROM import_unit_piece p
                                   WHERE cc.code IS NULL AND p.kind = 'commune' AND ST_Intersects(p.geom, g.pt) LIMIT 1) ce ON true
                CROSS JOIN LATERAL (SELECT coalesce(cc.code, ce.code) AS code, coalesce(cc.parent, ce.parent) AS parent OFFSET 0) cm
                LEFT JOIN LATERAL (SELECT p.code FROM import_unit_piece p
                                   WHERE cm.code IS NULL AND p.kind = 'departement' AND ST_Intersects(p.geom, g.pt) LIMIT 1) dp ON true
                CROSS JOIN LATERAL (SELECT CASE WHEN g.wanted IN (1, 3) THEN ARRAY(
                                        SELECT DISTINCT p.code FROM import_unit_piece p
                                        WHERE p.kind = CASE g.wanted WHEN 1 THEN 'commune' ELSE 'departement' END
                                          AND ST_Intersects(p.geom, %1$s.geom)) END AS units OFFSET 0) un
                """.formatted(alias);
    }

    /**
     * The derived columns of the joins above: code_commune, code_departement, code_maille, diffusion_level, units.
     * The 10 km cell's code is {@code territory.grid_code(x, y, 10000)} written out: as an expression it costs a
     * fifteenth of the function's call (which the planner cannot inline).
     */
    static final String COLUMNS = """
            cm.code AS code_commune, CASE WHEN cm.code IS NOT NULL THEN cm.parent ELSE dp.code END AS code_departement,
            '10kmL93E' || lpad(floor(ST_X(g.pt) / 10000)::bigint::text, 3, '0')
                || 'N' || lpad(floor(ST_Y(g.pt) / 10000)::bigint::text, 3, '0') AS code_maille,
            CASE WHEN g.wanted = 1 AND cardinality(un.units) = 0 THEN 2
                 WHEN g.wanted = 3 AND cardinality(un.units) = 0 THEN 4 ELSE g.wanted END::smallint AS diffusion_level,
            un.units""";

    /**
     * The blurred shape of each commune or département that is alone under a row blurred to it
     * ({@code import_unit_shape}: level, code, shape), from a table of rows with diffusion_level and units.
     */
    static void shapes(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(WorkTables.createAs(c, "import_unit_shape", """
                    SELECT u.level, u.code, CASE u.level
                        WHEN 1 THEN (SELECT ST_Multi(ST_Union(m.geom)) FROM territory.commune m WHERE m.insee = u.code)
                        ELSE (SELECT ST_Multi(ST_Union(d.geom)) FROM territory.departement d WHERE d.code = u.code) END AS shape
                    FROM (SELECT DISTINCT diffusion_level AS level, units[1] AS code FROM %s
                          WHERE diffusion_level IN (1, 3) AND cardinality(units) = 1) u""".formatted(table)));
        }
    }

    /**
     * The diffusion geometry of a row of {@code alias} (geom, diffusion_level, units) joined to its unit's shape as
     * {@code s}: the exact geometry, the union of the communes it touches, its 10 km cells, the union of the
     * départements it touches, or none.
     */
    static String diffusionGeometry(String alias) {
        return """
                CASE %1$s.diffusion_level
                    WHEN 0 THEN %1$s.geom
                    WHEN 1 THEN coalesce(s.shape, (SELECT ST_Multi(ST_Union(m.geom)) FROM territory.commune m
                                                   WHERE ST_Intersects(m.geom, %1$s.geom)))
                    WHEN 2 THEN CASE WHEN GeometryType(%1$s.geom) = 'POINT'
                                     THEN territory.grid_cell_geometry(ST_X(%1$s.geom), ST_Y(%1$s.geom), 10000)
                                     ELSE (SELECT ST_Union(territory.grid_cell_geometry(x, y, 10000))
                                           FROM generate_series(floor(ST_XMin(%1$s.geom) / 10000)::bigint * 10000, ST_XMax(%1$s.geom)::bigint, 10000) x,
                                                generate_series(floor(ST_YMin(%1$s.geom) / 10000)::bigint * 10000, ST_YMax(%1$s.geom)::bigint, 10000) y
                                           WHERE ST_Intersects(territory.grid_cell_geometry(x, y, 10000), %1$s.geom)) END
                    WHEN 3 THEN coalesce(s.shape, (SELECT ST_Multi(ST_Union(d.geom)) FROM territory.departement d
                                                   WHERE ST_Intersects(d.geom, %1$s.geom)))
                END""".formatted(alias);
    }

    /** The join of a row of {@code alias} to its unit's shape, as {@code s}. */
    static String shapeJoin(String alias) {
        return "LEFT JOIN import_unit_shape s ON s.level = %1$s.diffusion_level AND s.code = %1$s.units[1] AND cardinality(%1$s.units) = 1"
                .formatted(alias);
    }
}
