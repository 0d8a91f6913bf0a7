package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.core.feature.LayerSql;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wps.process.InputValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The landscape a process studies: the area the client drew, or else the whole observatory territory (the
 * Clim@YserAa project area). Its area is A_L of the connectivity indices.
 *
 * @param ewkb the geometry, Lambert-93
 * @param areaHa its area in hectares
 */
record StudyArea(byte[] ewkb, double areaHa) {

    static StudyArea resolve(LayerSql layers, String inputId, Optional<InputValue.Complex> drawn) throws SQLException {
        Connection c = layers.connection();
        byte[] geometry = drawn.isPresent() ? GeometryInput.read(layers, inputId, drawn.get(), 2) : territory(layers);
        try (PreparedStatement ps = c.prepareStatement("SELECT ST_Area(ST_GeomFromEWKB(?)) / 10000")) {
            ps.setBytes(1, geometry);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new StudyArea(geometry, rs.getDouble(1));
            }
        }
    }

    private static byte[] territory(LayerSql layers) throws SQLException {
        try (PreparedStatement ps = layers.connection().prepareStatement(
                "SELECT ST_AsEWKB(ST_Multi(ST_Union(geom))) FROM " + layers.relation(ObservatoryLayers.TERRITORY) + " p");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            byte[] g = rs.getBytes(1);
            if (g == null) {
                throw OwsException.invalidParameter("area", "The observatory has no territory yet: give an area");
            }
            return g;
        }
    }
}
