package fr.yseraa.observatory.ext.imports;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;

/**
 * A handful of occurrences written the way an import writes them, on the caller's open connection and inside its
 * transaction, by the import's own steps: staged ({@link StagingTable}), checked ({@link OccurrenceImport}'s
 * validation, one rejection per failed check), typed with the same defaults, derived set-based
 * ({@link OccurrenceDerivation}) and upserted on idSINPOccTax ({@link OccurrenceImport#upsert}). Used by the WFS
 * Transaction of occurrences; the caller commits or rolls back, and brings the aggregates up to date.
 */
public final class OccurrenceRows {

    /**
     * One occurrence in the standard's fields.
     *
     * @param fields standard field → value as text (absent or null: not given)
     * @param geometry its geometry (objetGeo), its SRID the CRS it is in, or null
     */
    public record Row(Map<StandardField, String> fields, Geometry geometry) {
        public Row {
            EnumMap<StandardField, String> copy = new EnumMap<>(StandardField.class);
            copy.putAll(fields);
            fields = copy;
        }
    }

    /** A failed check of a row: its place in the list (1 for the first), the standard field, the value, the reason. */
    public record Rejection(int line, String field, String value, String reason, String message) {
    }

    /**
     * What happened to the rows: the rejections (then nothing was written), else each row's idSINPOccTax and its
     * state (new, changed, unchanged), by line.
     */
    public record Outcome(List<Rejection> rejections, Map<Integer, String> ids, Map<Integer, String> states) {
        public boolean rejected() {
            return !rejections.isEmpty();
        }
    }

    private OccurrenceRows() {
    }

    /**
     * Checks the rows as an import into the dataset would and, when none is rejected, inserts the new ones and updates
     * the changed ones, derived (attachments, sensitivity, diffusion) as an import derives them. Every row must have
     * its idSINPOccTax.
     */
    public static Outcome write(Connection c, UUID dataset, List<Row> rows) throws SQLException {
        Outcome outcome = checkAndWrite(c, dataset, rows);
        dropTemporaryTables(c);
        return outcome;
    }

    private static Outcome checkAndWrite(Connection c, UUID dataset, List<Row> rows) throws SQLException {
        stage(c, dataset, rows);
        OccurrenceImport.validate(c, dataset);
        List<Rejection> rejections = rejections(c);
        if (!rejections.isEmpty()) {
            return new Outcome(rejections, Map.of(), Map.of());
        }
        long[] counts = OccurrenceImport.classify(c, dataset, ImportRequest.Mode.INCREMENTAL);
        Map<Integer, String> ids = new LinkedHashMap<>();
        Map<Integer, String> states = new LinkedHashMap<>();
        // a row known unchanged by its source hash is in import_checked only
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT x.line, x.id_sinp_occtax::text, "
                + "coalesce(v.state, 'unchanged') FROM import_checked x LEFT JOIN import_valid v ON v.line = x.line "
                + "ORDER BY x.line")) {
            while (rs.next()) {
                ids.put(rs.getInt(1), rs.getString(2));
                states.put(rs.getInt(1), rs.getString(3));
            }
        }
        OccurrenceImport.upsert(c, counts[0] > 0, counts[1] > 0);
        return new Outcome(List.of(), ids, states);
    }

    /** The rows into the import's staging table, numbered from 1 in their order. */
    private static void stage(Connection c, UUID dataset, List<Row> rows) throws SQLException {
        try (StagingTable staging = StagingTable.open(c, dataset)) {
            long line = 0;
            for (Row row : rows) {
                staging.add(new RowMapper.Row(++line, row.fields(), row.geometry(),
                        row.geometry() == null ? null : row.geometry().toText()));
            }
        } catch (IOException e) {
            throw new SQLException("could not stage the occurrences: " + e.getMessage(), e);
        }
    }

    /** The import's temporary tables (import_*), dropped so that the transaction may use them again. */
    private static void dropTemporaryTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT relname FROM pg_class "
                + "WHERE relnamespace = pg_my_temp_schema() AND relkind = 'r' AND relname LIKE 'import\\_%'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (!tables.isEmpty()) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE " + String.join(", ", tables));
            }
        }
    }

    private static List<Rejection> rejections(Connection c) throws SQLException {
        List<Rejection> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT line, field, value, reason FROM import_rejection ORDER BY line, field, reason")) {
            while (rs.next()) {
                out.add(new Rejection(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        OccurrenceImport.REASONS.get(rs.getString(4))));
            }
        }
        return out;
    }
}
