package fr.yseraa.observatory.ext.corridors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The effective mesh size in PostGIS: an area cut by barriers into pieces (temporary table {@code wps_piece}, with
 * each piece's full area), and meff = Σ A_i² / A_total (Jaeger 2000).
 */
final class EffectiveMesh {

    private EffectiveMesh() {
    }

    /** The pieces of the area left between the barriers, with their full area: temporary table wps_piece. */
    static void cutPieces(Connection c, StudyArea area, List<String> barriers) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DROP TABLE IF EXISTS wps_piece;"
                + " CREATE TEMP TABLE wps_piece AS"
                + " WITH a AS (SELECT ST_GeomFromEWKB(?) AS g), b AS (" + Barriers.UNION_SQL + ")"
                + " SELECT row_number() OVER () AS id, d.geom AS geom, ST_Area(d.geom) AS full_area"
                + " FROM a, b, ST_Dump(CASE WHEN b.g IS NULL THEN a.g ELSE ST_Difference(a.g, b.g) END) d"
                + " WHERE ST_Area(d.geom) > 0;"
                + " CREATE INDEX ON wps_piece USING gist (geom); ANALYZE wps_piece")) {
            ps.setBytes(1, area.ewkb());
            Barriers.bind(ps, 2, c, barriers, area.ewkb());
            ps.execute();
        }
    }


    /** meff of the whole area, in hectares. */
    static double meff(Connection c, StudyArea area) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(full_area * full_area), 0) FROM wps_piece");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getDouble(1) / (area.areaHa() * 10000) / 10000;
        }
    }
}
