package fr.yseraa.observatory.core.feature;

import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.filter.CompiledFilter;
import fr.yseraa.observatory.core.filter.FilterSqlCompiler;
import fr.yseraa.observatory.core.ows.OwsException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;

/**
 * The WHERE clause of a feature query: the caller's geometry and row predicate, the query's bbox and filter. It
 * remembers the SRIDs the request names (bbox, literal geometries) and which request parameter to blame for them.
 *
 * @param sql the clause, {@code " WHERE ..."}
 * @param srids the SRIDs of the request, to check against {@code spatial_ref_sys}, each with its parameter
 * @param locator the request parameter geometry errors are reported on
 */
record WhereClause(String sql, Map<Integer, String> srids, String locator) {

    /** The clause for the query as the caller may see the layer; its bind values are appended to params. */
    static WhereClause of(LayerInfo layer, LayerAccess access, FeatureQuery query, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        conditions.add(access.geometryExpression() + " IS NOT NULL");
        if (access.rowPredicate() != null) {
            conditions.add("(" + access.rowPredicate() + ")");
        }
        Map<Integer, String> srids = new LinkedHashMap<>();
        if (query.bbox() != null) {
            srids.put(query.bboxSrid(), "bbox");
            Envelope b = query.bbox();
            conditions.add(access.boxTest(() -> {
                params.addAll(List.of(b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY(), query.bboxSrid()));
                return "ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, ?), " + layer.srid() + ")";
            }));
        }
        if (query.filter() != null) {
            CompiledFilter filter = FilterSqlCompiler.compile(query.filter(), layer, access, query.filterLocator());
            conditions.add(filter.sql());
            params.addAll(filter.parameters());
            filter.literalSrids().forEach(srid -> srids.putIfAbsent(srid, query.filterLocator()));
        }
        return new WhereClause(" WHERE " + String.join(" AND ", conditions), srids,
                query.filter() != null ? query.filterLocator() : "bbox");
    }

    /**
     * Unknown SRIDs are the client's mistake: InvalidParameterValue, before the query runs.
     *
     * @param known SRIDs already found in {@code spatial_ref_sys}, not asked again; those found now are added
     */
    void checkSrids(Connection c, Set<Integer> known) throws SQLException {
        List<Integer> unchecked = srids.keySet().stream().filter(srid -> !known.contains(srid)).toList();
        if (unchecked.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT s FROM unnest(?) s WHERE NOT EXISTS (SELECT 1 FROM spatial_ref_sys r WHERE r.srid = s)")) {
            ps.setArray(1, c.createArrayOf("int4", unchecked.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw OwsException.invalidParameter(srids.get(rs.getInt(1)), "Unknown CRS EPSG:" + rs.getInt(1));
                }
            }
        }
        known.addAll(unchecked);
    }

    /** The client error a database failure stands for: a request geometry outside the layer CRS's domain. */
    Optional<OwsException> clientError(LayerInfo layer, SQLException e) {
        if (e.getMessage() != null && e.getMessage().contains("transform:")) {
            return Optional.of(OwsException.invalidParameter(locator, "A geometry of the request cannot be expressed"
                    + " in the CRS of layer " + layer.qualifiedName() + " (EPSG:" + layer.srid() + ")"));
        }
        return Optional.empty();
    }
}
