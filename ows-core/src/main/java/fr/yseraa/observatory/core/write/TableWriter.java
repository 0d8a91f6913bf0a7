package fr.yseraa.observatory.core.write;

import fr.yseraa.observatory.core.access.SqlNames;
import fr.yseraa.observatory.core.catalog.AttributeInfo;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.util.PSQLException;

/**
 * The engine's writer: writes the published columns of a layer whose source is a table, values cast to the
 * columns' types, geometries transformed to the layer's CRS; the table's own constraints are its checks (a value
 * they refuse is InvalidValue naming the feature). What the database computes itself — a key column it fills, a
 * generated column ({@code GENERATED ALWAYS AS}) — is never taken from the client: a value sent for it (a client
 * sends back the whole feature it read) is left to the database, as the derived fields of occurrences are. A layer
 * whose source is a view is read-only.
 */
public final class TableWriter implements LayerWriter {

    @Override
    public boolean writes(LayerInfo layer) {
        return true;
    }

    @Override
    public List<String> insert(LayerWrite write, List<FeatureValues> features) throws SQLException {
        LayerInfo layer = write.layer();
        Connection c = write.connection();
        Set<String> computed = computedColumns(c, layer);
        List<String> keys = new ArrayList<>();
        for (FeatureValues f : features) {
            List<String> columns = new ArrayList<>();
            List<String> values = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            for (Map.Entry<String, String> e : f.values().entrySet()) {
                AttributeInfo a = attribute(layer, e.getKey(), f.locator());
                if (e.getValue() == null || computed.contains(a.name())) {
                    continue;
                }
                columns.add(SqlNames.quote(a.name()));
                values.add("CAST(? AS " + a.sqlType() + ")");
                params.add(e.getValue());
            }
            if (f.geometry() != null) {
                columns.add(SqlNames.quote(layer.geometryColumn()));
                values.add(geometry(layer));
                params.add(new WKBWriter(2).write(f.geometry()));
                params.add(f.geometry().getSRID() == 0 ? layer.srid() : f.geometry().getSRID());
            }
            String sql = "INSERT INTO " + SqlNames.quoteRelation(layer.source())
                    + (columns.isEmpty() ? " DEFAULT VALUES" : " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", values) + ")")
                    + " RETURNING " + SqlNames.quote(layer.idColumn()) + "::text, " + extentOf(layer);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    keys.add(rs.getString(1));
                    write.changed(layer.qualifiedName(), envelope(rs, 2), layer.srid());
                }
            } catch (PSQLException e) {
                throw refused(e, f.locator());
            }
        }
        return keys;
    }

    @Override
    public void update(LayerWrite write, List<String> keys, FeatureValues changes) throws SQLException {
        LayerInfo layer = write.layer();
        Connection c = write.connection();
        Set<String> computed = computedColumns(c, layer);
        List<String> set = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (Map.Entry<String, String> e : changes.values().entrySet()) {
            AttributeInfo a = attribute(layer, e.getKey(), changes.locator());
            if (computed.contains(a.name())) {
                continue;
            }
            set.add(SqlNames.quote(a.name()) + " = CAST(? AS " + a.sqlType() + ")");
            params.add(e.getValue());
        }
        if (changes.geometryGiven()) {
            set.add(SqlNames.quote(layer.geometryColumn()) + " = " + geometry(layer));
            params.add(changes.geometry() == null ? null : new WKBWriter(2).write(changes.geometry()));
            params.add(changes.geometry() == null || changes.geometry().getSRID() == 0 ? layer.srid()
                    : changes.geometry().getSRID());
        }
        if (set.isEmpty() || keys.isEmpty()) {
            return;
        }
        changed(write, keys);
        params.add(c.createArrayOf("text", keys.toArray()));
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + SqlNames.quoteRelation(layer.source()) + " SET "
                + String.join(", ", set) + " WHERE " + SqlNames.quote(layer.idColumn()) + "::text = ANY (?)")) {
            bind(ps, params);
            ps.executeUpdate();
        } catch (PSQLException e) {
            throw refused(e, changes.locator());
        }
        changed(write, keys);
    }

    @Override
    public void delete(LayerWrite write, List<String> keys) throws SQLException {
        LayerInfo layer = write.layer();
        Connection c = write.connection();
        computedColumns(c, layer); // for its refusal of a read-only layer: a delete sends no column
        if (keys.isEmpty()) {
            return;
        }
        changed(write, keys);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + SqlNames.quoteRelation(layer.source())
                + " WHERE " + SqlNames.quote(layer.idColumn()) + "::text = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            ps.executeUpdate();
        } catch (PSQLException e) {
            throw refused(e, layer.qualifiedName());
        }
    }

    /**
     * Refuses a layer whose source is not a table (OperationProcessingFailed); gives the columns the database computes:
     * the key column when the database fills it (an identity or a default), and the generated columns.
     */
    private static Set<String> computedColumns(Connection c, LayerInfo layer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.relkind IN ('r', 'p'),
                       array(SELECT a.attname::text FROM pg_attribute a
                             WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
                               AND (a.attgenerated <> ''
                                    OR a.attname = ? AND (a.attidentity <> '' OR a.atthasdef)))
                FROM pg_class r WHERE r.oid = ?::regclass""")) {
            ps.setString(1, layer.idColumn());
            ps.setString(2, SqlNames.quoteRelation(layer.source()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    throw new OwsException(OwsExceptionCode.OPERATION_PROCESSING_FAILED, layer.qualifiedName(),
                            "Layer " + layer.qualifiedName() + " is read-only");
                }
                return new HashSet<>(Arrays.asList((String[]) rs.getArray(2).getArray()));
            }
        }
    }

    private static AttributeInfo attribute(LayerInfo layer, String name, String locator) {
        return layer.attribute(name).orElseThrow(() -> new OwsException(OwsExceptionCode.INVALID_VALUE, locator,
                "Layer " + layer.qualifiedName() + " has no property " + name));
    }

    /** The SQL of a geometry parameter (WKB, then its SRID) in the layer's CRS, a multi-geometry if the layer's is. */
    private static String geometry(LayerInfo layer) {
        String g = "ST_Transform(ST_SetSRID(ST_GeomFromWKB(?), ?), " + layer.srid() + ")";
        return layer.geometryType().startsWith("MULTI") ? "ST_Multi(" + g + ")" : g;
    }

    private static String extentOf(LayerInfo layer) {
        String g = SqlNames.quote(layer.geometryColumn());
        return "ST_XMin(" + g + "), ST_YMin(" + g + "), ST_XMax(" + g + "), ST_YMax(" + g + ")";
    }

    /** Tells the extent of the features of these keys as a changed area. */
    private static void changed(LayerWrite write, List<String> keys) throws SQLException {
        LayerInfo layer = write.layer();
        String g = "ST_Extent(" + SqlNames.quote(layer.geometryColumn()) + ")";
        try (PreparedStatement ps = write.connection().prepareStatement("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), "
                + "ST_YMax(e) FROM (SELECT " + g + " AS e FROM " + SqlNames.quoteRelation(layer.source())
                + " WHERE " + SqlNames.quote(layer.idColumn()) + "::text = ANY (?)) s")) {
            ps.setArray(1, write.connection().createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                write.changed(layer.qualifiedName(), envelope(rs, 1), layer.srid());
            }
        }
    }

    /** The envelope of four columns from {@code first} (xmin, ymin, xmax, ymax), or null when they are null. */
    private static Envelope envelope(ResultSet rs, int first) throws SQLException {
        if (rs.getObject(first) == null) {
            return null;
        }
        return new Envelope(rs.getDouble(first), rs.getDouble(first + 2), rs.getDouble(first + 1),
                rs.getDouble(first + 3));
    }

    /** A value the database refuses (a type, a constraint) is the client's: InvalidValue naming the feature. */
    private static RuntimeException refused(PSQLException e, String locator) throws PSQLException {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
            String message = e.getServerErrorMessage() != null ? e.getServerErrorMessage().getMessage() : e.getMessage();
            return new OwsException(OwsExceptionCode.INVALID_VALUE, locator, "Value refused: " + message);
        }
        throw e;
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
