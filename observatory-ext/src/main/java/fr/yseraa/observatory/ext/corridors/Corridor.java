package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.core.feature.LayerSql;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wps.process.InputValue;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The corridor a report is about: one of the obs:corridors layer, or a geometry the user drew. A drawn line is the axis
 * and is widened to the given width; a drawn polygon is the corridor itself and its axis is approximated by the
 * longest straight line inside it, unless it is exactly one of obs:corridors (e.g. given by reference to a
 * feature of obs:corridors): then it is that corridor, with its own axis.
 *
 * @param id the corridor's id, or null for a drawn one
 * @param subNetwork its sub-network, or null when drawn and not said
 * @param geom the corridor's polygon, EWKB in EPSG:2154
 * @param axis its axis line, EWKB in EPSG:2154
 */
record Corridor(Integer id, String name, String subNetwork, byte[] geom, byte[] axis) {

    /**
     * A corridor of the layer. Its axis is a second geometry column of the layer's table, which the layer does not
     * publish: it is read for the corridor the layer gives, never for another.
     */
    static Corridor byId(LayerSql layers, String inputId, long id) throws SQLException {
        try (PreparedStatement ps = layers.connection().prepareStatement("SELECT k.id, k.name, k.sub_network,"
                + " ST_AsEWKB(k.geom), ST_AsEWKB(a.axis) FROM " + layers.relation(ObservatoryLayers.CORRIDORS) + " k"
                + " JOIN landscape.corridor a ON a.id = k.id WHERE k.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw OwsException.invalidParameter(inputId, "There is no corridor " + id);
                }
                return new Corridor(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getBytes(5));
            }
        }
    }

    static Corridor drawn(LayerSql layers, String inputId, InputValue.Complex value, double width, String subNetwork)
            throws SQLException {
        byte[] g = GeometryInput.read(layers, inputId, value, -1);
        Integer known = knownCorridor(layers, g);
        if (known != null) {
            return byId(layers, inputId, known);
        }
        try (PreparedStatement ps = layers.connection().prepareStatement("""
                WITH g AS (SELECT ST_GeomFromEWKB(?) AS g)
                SELECT ST_AsEWKB(ST_Multi(CASE WHEN ST_Dimension(g) = 1 THEN ST_Buffer(g, ? / 2, 'endcap=flat') ELSE g END)),
                       ST_AsEWKB(CASE WHEN ST_Dimension(g) = 1 THEN ST_LineMerge(g) ELSE
                           (SELECT d.geom FROM ST_Dump(ST_Intersection(ST_LongestLine(g, g), g)) d
                            WHERE ST_Dimension(d.geom) = 1 ORDER BY ST_Length(d.geom) DESC LIMIT 1) END),
                       ST_Dimension(g), GeometryType(ST_LineMerge(g))
                FROM g""")) {
            ps.setBytes(1, g);
            ps.setDouble(2, width);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(3) == 0) {
                    throw OwsException.invalidParameter(inputId, "Input " + inputId + " must be a line (the axis) or a polygon");
                }
                if (rs.getInt(3) == 1 && !"LINESTRING".equals(rs.getString(4))) {
                    throw OwsException.invalidParameter(inputId, "Input " + inputId + " must be a single continuous line");
                }
                return new Corridor(null, "Corridor dessiné", subNetwork, rs.getBytes(1), rs.getBytes(2));
            }
        }
    }

    /** The id of the stored corridor whose polygon is exactly {@code g}, or null. */
    private static Integer knownCorridor(LayerSql layers, byte[] g) throws SQLException {
        try (PreparedStatement ps = layers.connection().prepareStatement("""
                WITH g AS (SELECT ST_GeomFromEWKB(?) AS g)
                SELECT k.id FROM %s k, g
                WHERE ST_Dimension(g.g) = 2 AND k.geom && g.g AND ST_Equals(k.geom, g.g) ORDER BY k.id LIMIT 1"""
                .formatted(layers.relation(ObservatoryLayers.CORRIDORS)))) {
            ps.setBytes(1, g);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }
}
