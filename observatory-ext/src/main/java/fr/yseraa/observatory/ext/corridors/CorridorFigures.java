package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.core.feature.LayerSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of a corridor computed in PostGIS: geometry, habitat composition and continuity, barrier crossings. */
final class CorridorFigures {

    /** Transects across the axis where the width is measured. */
    static final int TRANSECTS = 20;

    private CorridorFigures() {
    }

    /** Axis length (m), area (ha), mean and narrowest width (m) over transects perpendicular to the axis. */
    static Map<String, Object> geometry(Connection c, Corridor corridor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH c AS (SELECT ST_GeomFromEWKB(?) AS geom, ST_GeomFromEWKB(?) AS axis),
                r AS (SELECT greatest(ST_XMax(geom) - ST_XMin(geom), ST_YMax(geom) - ST_YMin(geom)) AS reach FROM c),
                s AS (SELECT ST_LineInterpolatePoint(c.axis, f) AS p,
                             ST_LineInterpolatePoint(c.axis, greatest(f - 0.002, 0)) AS a,
                             ST_LineInterpolatePoint(c.axis, least(f + 0.002, 1)) AS b
                      FROM c, generate_series(1, ? - 1) AS i, LATERAL (SELECT i::double precision / ? AS f) x),
                t AS (SELECT s.p, ST_MakeLine(
                          ST_Translate(s.p, -(ST_Y(s.b) - ST_Y(s.a)) / d * r.reach, (ST_X(s.b) - ST_X(s.a)) / d * r.reach),
                          ST_Translate(s.p, (ST_Y(s.b) - ST_Y(s.a)) / d * r.reach, -(ST_X(s.b) - ST_X(s.a)) / d * r.reach)) AS line
                      FROM s, r, LATERAL (SELECT greatest(ST_Distance(s.a, s.b), 1e-9) AS d) k),
                w AS (SELECT (SELECT ST_Length(d.geom) FROM ST_Dump(ST_Intersection(c.geom, t.line)) d
                              WHERE ST_Dimension(d.geom) = 1 AND ST_DWithin(d.geom, t.p, 0.01) LIMIT 1) AS width
                      FROM t, c)
                SELECT ST_Length(c.axis), ST_Area(c.geom) / 10000, (SELECT avg(width) FROM w), (SELECT min(width) FROM w)
                FROM c""")) {
            ps.setBytes(1, corridor.geom());
            ps.setBytes(2, corridor.axis());
            ps.setInt(3, TRANSECTS);
            ps.setInt(4, TRANSECTS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("axisLength_m", rs.getDouble(1));
                g.put("area_ha", rs.getDouble(2));
                g.put("meanWidth_m", rs.getObject(3) == null ? null : rs.getDouble(3));
                g.put("narrowestWidth_m", rs.getObject(4) == null ? null : rs.getDouble(4));
                return g;
            }
        }
    }

    /** The share of the corridor's area in each habitat class, largest first. */
    static List<Map<String, Object>> composition(LayerSql layers, Corridor corridor, List<String> favourable)
            throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = layers.connection().prepareStatement("""
                WITH c AS (SELECT ST_GeomFromEWKB(?) AS geom)
                SELECT h.class_code, h.class_label, sum(ST_Area(ST_Intersection(h.geom, c.geom))) / ST_Area(c.geom)
                FROM %s h, c
                WHERE ST_Intersects(h.geom, c.geom)
                GROUP BY h.class_code, h.class_label, c.geom ORDER BY 3 DESC, 1"""
                .formatted(layers.relation(ObservatoryLayers.HABITATS)))) {
            ps.setBytes(1, corridor.geom());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("class", rs.getString(1));
                    row.put("label", rs.getString(2));
                    row.put("share", rs.getDouble(3));
                    row.put("favourable", favourable.contains(rs.getString(1)));
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** The share of the axis running through favourable habitat. */
    static double continuity(LayerSql layers, Corridor corridor, List<String> favourable) throws SQLException {
        Connection c = layers.connection();
        try (PreparedStatement ps = c.prepareStatement("""
                WITH c AS (SELECT ST_GeomFromEWKB(?) AS axis)
                SELECT coalesce((SELECT ST_Length(ST_Intersection(c.axis, ST_Union(h.geom)))
                                 FROM %s h WHERE h.class_code = ANY (?) AND ST_Intersects(h.geom, c.axis)), 0)
                       / nullif(ST_Length(c.axis), 0)
                FROM c""".formatted(layers.relation(ObservatoryLayers.HABITATS)))) {
            ps.setBytes(1, corridor.axis());
            ps.setArray(2, c.createArrayOf("text", favourable.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    /**
     * Where obstacles cross the corridor: linear obstacles (roads, railways) where they cut the axis, point obstacles
     * (weirs, locks) inside the corridor.
     */
    static FeatureTable crossings(LayerSql layers, Corridor corridor) throws SQLException {
        FeatureTable table = new FeatureTable(List.of("kind", "class", "name"));
        String obstacles = layers.relation(ObservatoryLayers.OBSTACLES);
        try (PreparedStatement ps = layers.connection().prepareStatement("""
                WITH c AS (SELECT ST_GeomFromEWKB(?) AS geom, ST_GeomFromEWKB(?) AS axis)
                SELECT o.id, o.kind, o.class, o.name, ST_AsGeoJSON(ST_Transform(d.geom, 4326), 7), ST_LineLocatePoint(c.axis, d.geom)
                FROM %1$s o, c, LATERAL ST_Dump(ST_Intersection(o.geom, c.axis)) d
                WHERE ST_Dimension(o.geom) = 1 AND ST_Intersects(o.geom, c.axis) AND ST_Dimension(d.geom) = 0
                UNION ALL
                SELECT o.id, o.kind, o.class, o.name, ST_AsGeoJSON(ST_Transform(o.geom, 4326), 7),
                       ST_LineLocatePoint(c.axis, ST_ClosestPoint(c.axis, o.geom))
                FROM %1$s o, c
                WHERE ST_Dimension(o.geom) = 0 AND ST_Intersects(o.geom, c.geom)
                ORDER BY 6, 1""".formatted(obstacles))) {
            ps.setBytes(1, corridor.geom());
            ps.setBytes(2, corridor.axis());
            try (ResultSet rs = ps.executeQuery()) {
                int n = 0;
                while (rs.next()) {
                    table.add("x" + n++ + "-obstacle" + rs.getInt(1), List.of(rs.getString(2), rs.getString(3),
                            rs.getString(4) == null ? "" : rs.getString(4)), rs.getString(5));
                }
            }
        }
        return table;
    }
}
