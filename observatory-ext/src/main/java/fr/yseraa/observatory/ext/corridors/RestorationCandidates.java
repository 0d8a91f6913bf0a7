package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.core.feature.LayerSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * What the restoration priorities are computed from, read in PostGIS once the reservoir graph is built (the patch
 * table of {@link LandscapeGraphBuilder}): the sub-network's corridors with the reservoirs each joins, the obstacles
 * crossing them, and the pairs of reservoirs no corridor joins that are close enough for a new one.
 *
 * @param corridors the corridors that join at least two reservoirs of the graph
 * @param crossings each obstacle crossing one of those corridors (linear obstacles where they cut its axis, point
 *     obstacles inside it), one per obstacle and corridor
 * @param newLinks the pairs of reservoirs apart by more than 0 and at most the bound, no corridor joining them
 */
record RestorationCandidates(List<CorridorLinks> corridors, List<Crossing> crossings, List<NewLink> newLinks) {

    /** @param joined the indexes of the reservoirs the corridor touches, ascending */
    record CorridorLinks(long id, String name, List<Integer> joined) {
    }

    /**
     * @param count how many times the obstacle crosses the corridor's axis (1 for a point obstacle)
     * @param place where: the crossing points, Lambert-93
     * @param placeGeoJson the same in WGS 84, as GeoJSON
     */
    record Crossing(long corridor, long obstacle, String obstacleClass, String name, int count, Geometry place,
                    String placeGeoJson) {
    }

    /** @param line the shortest line between the two reservoirs, Lambert-93, and in GeoJSON (WGS 84) */
    record NewLink(int from, int to, double distance, Geometry line, String lineGeoJson) {
    }

    static RestorationCandidates read(LayerSql layers, String subNetwork, StudyArea area, double maxNewLinkDistance)
            throws SQLException {
        List<CorridorLinks> corridors = corridors(layers, subNetwork, area);
        return new RestorationCandidates(corridors, crossings(layers, corridors), newLinks(layers.connection(),
                corridors, maxNewLinkDistance));
    }

    private static List<CorridorLinks> corridors(LayerSql layers, String subNetwork, StudyArea area) throws SQLException {
        List<CorridorLinks> out = new ArrayList<>();
        try (PreparedStatement ps = layers.connection().prepareStatement("SELECT k.id, k.name, array_agg(p.idx ORDER BY p.idx)"
                + " FROM " + layers.relation(ObservatoryLayers.CORRIDORS) + " k JOIN " + LandscapeGraphBuilder.PATCH_TABLE
                + " p ON ST_DWithin(p.geom, k.geom, ?) WHERE k.sub_network = ? AND ST_Intersects(k.geom, ST_GeomFromEWKB(?))"
                + " GROUP BY k.id, k.name HAVING count(*) >= 2 ORDER BY k.id")) {
            ps.setDouble(1, CorridorIndicatorsProcess.TOUCH_DISTANCE_M);
            ps.setString(2, subNetwork);
            ps.setBytes(3, area.ewkb());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer[] joined = (Integer[]) rs.getArray(3).getArray();
                    out.add(new CorridorLinks(rs.getLong(1), rs.getString(2), List.of(joined)));
                }
            }
        }
        return out;
    }

    /** The corridor's axis is the table's, read only for the corridors the layer gave (as {@link Corridor#byId}). */
    private static List<Crossing> crossings(LayerSql layers, List<CorridorLinks> corridors) throws SQLException {
        List<Crossing> out = new ArrayList<>();
        Connection c = layers.connection();
        try (PreparedStatement ps = c.prepareStatement("""
                WITH k AS (SELECT k.id, k.geom, a.axis FROM %s k JOIN landscape.corridor a ON a.id = k.id
                           WHERE k.id = ANY (?))
                SELECT k.id, o.id, o.class, coalesce(o.name, ''), ST_NumGeometries(x.place), ST_AsBinary(x.place),
                       ST_AsGeoJSON(ST_Transform(x.place, 4326), 7)
                FROM k JOIN %s o ON ST_Intersects(o.geom, k.geom)
                CROSS JOIN LATERAL (SELECT CASE WHEN ST_Dimension(o.geom) = 0 THEN o.geom
                    ELSE (SELECT ST_Collect(d.geom) FROM ST_Dump(ST_Intersection(o.geom, k.axis)) d
                          WHERE ST_Dimension(d.geom) = 0) END AS place) x
                WHERE x.place IS NOT NULL
                ORDER BY 1, 2""".formatted(layers.relation(ObservatoryLayers.CORRIDORS),
                layers.relation(ObservatoryLayers.OBSTACLES)))) {
            ps.setArray(1, c.createArrayOf("bigint", corridors.stream().map(CorridorLinks::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Crossing(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            geometry(rs.getBytes(6)), rs.getString(7)));
                }
            }
        }
        return out;
    }

    private static List<NewLink> newLinks(Connection c, List<CorridorLinks> corridors, double maxDistance)
            throws SQLException {
        Set<Long> joined = new HashSet<>();
        for (CorridorLinks k : corridors) {
            for (int i : k.joined()) {
                for (int j : k.joined()) {
                    joined.add(pair(i, j));
                }
            }
        }
        List<NewLink> out = new ArrayList<>();
        String patches = LandscapeGraphBuilder.PATCH_TABLE;
        try (PreparedStatement ps = c.prepareStatement("SELECT a.idx, b.idx, ST_Distance(a.geom, b.geom), ST_AsBinary(l.g),"
                + " ST_AsGeoJSON(ST_Transform(l.g, 4326), 7) FROM " + patches + " a JOIN " + patches + " b"
                + " ON a.idx < b.idx AND ST_DWithin(a.geom, b.geom, ?) AND NOT ST_DWithin(a.geom, b.geom, 0)"
                + " CROSS JOIN LATERAL (SELECT ST_ShortestLine(a.geom, b.geom) AS g) l ORDER BY 1, 2")) {
            ps.setDouble(1, maxDistance);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!joined.contains(pair(rs.getInt(1), rs.getInt(2)))) {
                        out.add(new NewLink(rs.getInt(1), rs.getInt(2), rs.getDouble(3), geometry(rs.getBytes(4)),
                                rs.getString(5)));
                    }
                }
            }
        }
        return out;
    }

    private static long pair(int i, int j) {
        return (long) Math.min(i, j) << 32 | Math.max(i, j);
    }

    private static Geometry geometry(byte[] wkb) {
        try {
            return new WKBReader().read(wkb);
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS wrote a geometry JTS cannot read", e);
        }
    }
}
