package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.core.feature.LayerSql;
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
    static void cutPieces(LayerSql layers, StudyArea area, List<String> barriers) throws SQLException {
        Connection c = layers.connection();
        try (PreparedStatement ps = c.prepareStatement("DROP TABLE IF EXISTS wps_piece;"
                + " CREATE TEMP TABLE wps_piece AS"
                + " WITH a AS (SELECT ST_GeomFromEWKB(?) AS g), b AS (" + Barriers.unionSql(layers) + ")"
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

    /**
     * meff (cutting-out) and meff CBC of each commune or 10 km cell of the area, from the pieces {@link #cutPieces}
     * left: a piece's parts inside a unit count at their size for the first, weighted by the whole piece for the second.
     */
    static FeatureTable byUnit(LayerSql layers, StudyArea area, String unitType) throws SQLException {
        String units = unitType.equals("commune")
                ? "SELECT insee AS code, name, geom FROM " + layers.relation(ObservatoryLayers.COMMUNES) + " m"
                : "SELECT code, code AS name, geom FROM " + layers.relation(ObservatoryLayers.GRID_10KM) + " m";
        FeatureTable table = new FeatureTable(List.of("name", "area_ha", "meff_ha", "meff_cbc_ha", "pieces"));
        try (PreparedStatement ps = layers.connection().prepareStatement("""
                WITH a AS (SELECT ST_GeomFromEWKB(?) AS g),
                u AS (SELECT s.code, s.name, ST_Intersection(s.geom, a.g) AS g FROM (%s) s, a WHERE ST_Intersects(s.geom, a.g)),
                parts AS (
                    SELECT u.code, ST_Area(d.geom) AS part, p.full_area
                    FROM u JOIN wps_piece p ON ST_Intersects(u.g, p.geom)
                    CROSS JOIN LATERAL ST_Dump(ST_CollectionExtract(ST_Intersection(u.g, p.geom), 3)) d)
                SELECT u.code, u.name, ST_Area(u.g) / 10000,
                       coalesce((SELECT sum(part * part) FROM parts WHERE parts.code = u.code), 0) / ST_Area(u.g) / 10000,
                       coalesce((SELECT sum(part * full_area) FROM parts WHERE parts.code = u.code), 0) / ST_Area(u.g) / 10000,
                       (SELECT count(*) FROM parts WHERE parts.code = u.code AND part > 0),
                       ST_AsGeoJSON(ST_Transform(u.g, 4326), 7)
                FROM u WHERE ST_Area(u.g) > 0 ORDER BY u.code""".formatted(units))) {
            ps.setBytes(1, area.ewkb());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    table.add(rs.getString(1), List.of(rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                            rs.getLong(6)), rs.getString(7));
                }
            }
        }
        return table;
    }
}
