package fr.yseraa.observatory.core.feature;

import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.access.SqlNames;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Set-based SQL over layers as one caller sees them, for work that must stay in PostGIS (graphs built from distance
 * queries, unions, aggregates): the work names each layer's data by {@link #relation}, never by its table, and runs
 * its statements on {@link #connection()}, which it holds only while it runs.
 */
public final class LayerSql {

    /** Work over layers; its connection is closed when it returns. */
    @FunctionalInterface
    public interface Work<T> {
        T run(LayerSql sql) throws SQLException;
    }

    private final Connection connection;
    private final Map<String, LayerInfo> layers = new LinkedHashMap<>();
    private final Map<String, LayerAccess> views = new LinkedHashMap<>();

    /** @param views the layers given to the work, each with what the caller sees of it (readable) */
    LayerSql(Connection connection, Map<LayerInfo, LayerAccess> views) {
        this.connection = connection;
        views.forEach((layer, access) -> {
            this.layers.put(layer.qualifiedName(), layer);
            this.views.put(layer.qualifiedName(), access);
        });
    }

    /**
     * One of the layers the work was given ({@code ws:name}), as a parenthesised subquery to alias in a FROM clause:
     * its id column, the attributes the caller sees under their names and the geometry the caller sees under the
     * layer's geometry column name, of the rows the caller may see.
     *
     * @throws IllegalArgumentException for a layer the work was not given
     */
    public String relation(String qualifiedLayer) {
        return relation(qualifiedLayer, null);
    }

    /**
     * {@link #relation(String)} restricted to the rows whose visible geometry meets a box: the test the layer's
     * spatial indexes answer, even when the visible geometry is an expression.
     *
     * @param box an SQL geometry expression in the layer's SRID, without bind parameters (it may be repeated), e.g.
     *     a scalar subquery on a common table expression of the work's statement
     */
    public String relation(String qualifiedLayer, String box) {
        LayerInfo layer = layers.get(qualifiedLayer);
        if (layer == null) {
            throw new IllegalArgumentException("layer " + qualifiedLayer + " was not given to this work; given: "
                    + layers.keySet());
        }
        LayerAccess access = views.get(qualifiedLayer);
        StringBuilder sql = new StringBuilder("(SELECT ");
        if (!access.attributeExpressions().containsKey(layer.idColumn())) {
            sql.append(SqlNames.quote(layer.idColumn())).append(", ");
        }
        access.attributeExpressions().forEach((name, expression) ->
                sql.append(expression).append(" AS ").append(SqlNames.quote(name)).append(", "));
        sql.append(access.geometryExpression()).append(" AS ").append(SqlNames.quote(layer.geometryColumn()))
                .append(" FROM ").append(SqlNames.quoteRelation(layer.source()))
                .append(" WHERE ").append(access.geometryExpression()).append(" IS NOT NULL");
        if (access.rowPredicate() != null) {
            sql.append(" AND (").append(access.rowPredicate()).append(")");
        }
        if (box != null) {
            sql.append(" AND ").append(access.boxTest(() -> box));
        }
        return sql.append(")").toString();
    }

    /** The transaction the work runs in (rolled back at its end). */
    public Connection connection() {
        return connection;
    }
}
