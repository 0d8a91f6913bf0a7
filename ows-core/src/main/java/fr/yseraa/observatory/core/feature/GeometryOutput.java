package fr.yseraa.observatory.core.feature;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.crs.ReprojectionGrid;
import fr.yseraa.observatory.core.crs.ReprojectionGrids;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * How a query's geometries come out of PostGIS: transformed to the output SRID by PostGIS, then simplified when the
 * query asks for it ({@link #exact}); or, where the query allows an interpolated reprojection and a
 * {@link ReprojectionGrid} holds over its box ({@link #fit}), every geometry wholly within the grid's domain simplified
 * in the layer's CRS, read as it is stored and reprojected by the grid in the JVM — no PostGIS transform per vertex —
 * and the others as before. The tolerance of the simplification in the layer's CRS is the query's divided by the
 * largest scale of the mapping over the domain, so that no vertex is dropped that the output's tolerance would keep
 * (to first order: Douglas-Peucker in one CRS or the other does not keep exactly the same vertices).
 */
final class GeometryOutput {

    private final FeatureQuery query;
    /** The grid, or null where PostGIS reprojects every geometry. */
    private final ReprojectionGrid grid;

    private GeometryOutput(FeatureQuery query, ReprojectionGrid grid) {
        this.query = query;
        this.grid = grid;
    }

    /** Every geometry reprojected by PostGIS. */
    static GeometryOutput exact(FeatureQuery query) {
        return new GeometryOutput(query, null);
    }

    /**
     * The output of the query's geometries from the layer: with a grid fitted by PostGIS on the connection when the
     * query allows one (a reprojection tolerance, a box in the output SRID, a layer of another SRID) and one holds
     * over the box; else {@link #exact}.
     *
     * @throws Unavailable when PostGIS could not transform the grid's points (the transaction is aborted: run the
     *     query again, {@link #exact})
     */
    static GeometryOutput fit(Connection c, ReprojectionGrids grids, LayerInfo layer, FeatureQuery query) {
        if (query.reprojectionTolerance() <= 0 || query.bbox() == null || query.bboxSrid() != query.outputSrid()
                || layer.srid() <= 0 || layer.srid() == query.outputSrid()) {
            return exact(query);
        }
        try {
            return new GeometryOutput(query, grids.fit(c, layer.srid(), query.outputSrid(), query.bbox(),
                    query.reprojectionTolerance()).orElse(null));
        } catch (SQLException e) {
            throw new Unavailable(e);
        }
    }

    /**
     * The select-list expression of the geometry, as WKB (EWKB with a grid: its SRID tells a geometry to reproject in
     * the JVM from one PostGIS reprojected), from a geometry expression of the layer's CRS; its bind values are
     * appended to params.
     */
    String select(String expression, List<Object> params) {
        if (grid == null) {
            return "ST_AsBinary(" + reprojected(expression, params) + ")";
        }
        Envelope d = grid.domain();
        params.addAll(List.of(d.getMinX(), d.getMinY(), d.getMaxX(), d.getMaxY()));
        StringBuilder sql = new StringBuilder("ST_AsEWKB(CASE WHEN ").append(expression)
                .append(" @ ST_MakeEnvelope(?, ?, ?, ?, ").append(grid.sourceSrid()).append(") THEN ");
        if (query.simplification() > 0) {
            params.add(query.simplification() / grid.stretch());
            sql.append("ST_Simplify(").append(expression).append(", ?, true)");
        } else {
            sql.append(expression);
        }
        return sql.append(" ELSE ").append(reprojected(expression, params)).append(" END)").toString();
    }

    /** The geometry expression transformed to the output SRID by PostGIS, then simplified when the query asks. */
    private String reprojected(String expression, List<Object> params) {
        String geometry = "ST_Transform(" + expression + ", " + query.outputSrid() + ")";
        if (query.simplification() > 0) {
            params.add(query.simplification());
            return "ST_Simplify(" + geometry + ", ?, true)";
        }
        return geometry;
    }

    /** A geometry of the select-list expression's WKB, in the output SRID; null for null. */
    Geometry read(byte[] bytes, WKBReader wkb) throws ParseException {
        if (bytes == null) {
            return null;
        }
        Geometry geometry = wkb.read(bytes);
        if (grid != null && geometry.getSRID() == grid.sourceSrid()) {
            grid.transform(geometry);
        }
        return geometry;
    }

    /** PostGIS could not transform a grid's points: the transaction is aborted, the query must run again exact. */
    static final class Unavailable extends RuntimeException {
        Unavailable(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
