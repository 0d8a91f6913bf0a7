package fr.yseraa.observatory.ext.corridors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.feature.LayerSql;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wps.process.InputValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a geometry a client sent (GeoJSON geometry, Feature or one-feature FeatureCollection, WKT/EWKT or GML 3.2) with PostGIS, into Lambert-93, and checks it: not
 * empty, valid (not self-intersecting), of the expected dimension, inside the territory. GeoJSON without a
 * {@code crs} member is WGS 84 (RFC 7946); WKT and GML without a CRS are Lambert-93 (EPSG:2154).
 */
final class GeometryInput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(GeometryInput.class);

    private GeometryInput() {
    }

    /**
     * @param dimension 1 for lines, 2 for polygons, -1 for either
     * @return the geometry as EWKB in EPSG:2154, to bind with {@code ST_GeomFromEWKB(?)}
     */
    static byte[] read(LayerSql layers, String inputId, InputValue.Complex value, int dimension) throws SQLException {
        Connection c = layers.connection();
        String parse = switch (value.mimeType()) {
            case "application/geo+json" -> "ST_GeomFromGeoJSON(?)";
            case "application/wkt" -> "ST_GeomFromEWKT(?)";
            case "application/gml+xml" -> "ST_GeomFromGML(?)";
            default -> throw OwsException.invalidParameter(inputId, "Unsupported format " + value.mimeType());
        };
        String sql = "SELECT ST_IsEmpty(g), ST_IsValid(g), ST_IsValidReason(g), ST_Dimension(g), ST_AsEWKB(g),"
                + " (SELECT bool_or(ST_Intersects(g, p.geom)) FROM " + layers.relation(ObservatoryLayers.TERRITORY) + " p),"
                + " (SELECT bool_or(ST_CoveredBy(g, ST_Buffer(p.geom, 1))) FROM " + layers.relation(ObservatoryLayers.TERRITORY)
                + " p)"
                + " FROM (SELECT ST_Transform(CASE WHEN ST_SRID(x) = 0 THEN ST_SetSRID(x, 2154) ELSE x END, 2154) AS g"
                + " FROM (SELECT " + parse + " AS x) s) t";
        String text = value.mimeType().equals("application/geo+json") ? geoJsonGeometry(inputId, value.content())
                : value.content().trim();
        Savepoint savepoint = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, text);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw OwsException.invalidParameter(inputId, "Input " + inputId + " is an empty geometry");
                }
                if (!rs.getBoolean(2)) {
                    throw OwsException.invalidParameter(inputId, "Input " + inputId + " is not a valid geometry: "
                            + rs.getString(3));
                }
                if (dimension >= 0 && rs.getInt(4) != dimension) {
                    throw OwsException.invalidParameter(inputId, "Input " + inputId + " must be a "
                            + (dimension == 2 ? "polygon" : "line"));
                }
                if (rs.getObject(6) != null && !rs.getBoolean(7)) {
                    throw OwsException.invalidParameter(inputId, "Input " + inputId + " lies "
                            + (rs.getBoolean(6) ? "partly" : "entirely") + " outside the observatory's territory");
                }
                c.releaseSavepoint(savepoint);
                return rs.getBytes(5);
            }
        } catch (SQLException e) {
            c.rollback(savepoint);
            // PostGIS's own words name its parser and internals: they stay in the log, the client gets ours
            LOG.info("input {} refused by PostGIS: {}", inputId, firstLine(e.getMessage()));
            throw OwsException.invalidParameter(inputId, "Input " + inputId + " is not a readable "
                    + value.mimeType() + " geometry");
        }
    }

    /** The geometry of GeoJSON that is a geometry, a Feature, or a FeatureCollection of one feature. */
    static String geoJsonGeometry(String inputId, String content) {
        JsonNode node;
        try {
            node = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw OwsException.invalidParameter(inputId, "Input " + inputId + " is not JSON" + (e.getLocation() == null ? ""
                    : " (at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        String type = node == null ? "" : node.path("type").asText();
        if (type.equals("FeatureCollection")) {
            JsonNode features = node.path("features");
            if (features.size() != 1) {
                throw OwsException.invalidParameter(inputId, "Input " + inputId + " must hold one feature, not "
                        + features.size());
            }
            node = features.get(0);
            type = node.path("type").asText();
        }
        if (type.equals("Feature")) {
            node = node.path("geometry");
        }
        if (node == null || !node.isObject()) {
            throw OwsException.invalidParameter(inputId, "Input " + inputId + " has no geometry");
        }
        return node.toString();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
