package fr.yseraa.observatory.ext.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.locationtech.jts.geom.Coordinate;

/** Converts WGS 84 longitude/latitude to Lambert-93 with PostGIS, for the demo's named places. */
final class Lambert93 {

    private final PreparedStatement statement;

    Lambert93(Connection c) throws SQLException {
        statement = c.prepareStatement(
                "SELECT ST_X(p), ST_Y(p) FROM ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), 2154) p");
    }

    Coordinate of(double lon, double lat) throws SQLException {
        statement.setDouble(1, lon);
        statement.setDouble(2, lat);
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return new Coordinate(rs.getDouble(1), rs.getDouble(2));
        }
    }
}
