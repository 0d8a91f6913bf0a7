package fr.yseraa.observatory.ext.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * A handful of occurrences written the way an import writes them, on the caller's open connection and inside its
 * transaction: the same checks ({@link OccurrenceImport}'s validation, one rejection per failed check), the same
 * defaults and derivations, the same upsert on idSINPOccTax. Used by the WFS Transaction of occurrences; the caller
 * commits or rolls back.
 */
public final class OccurrenceRows {

    /** The temporary tables the import's steps make, dropped after each use so that a transaction may use them again. */
    private static final String TEMPORARY_TABLES = "import_row, import_area, import_rejection, import_valid, "
            + "import_withdrawn";

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
     * the changed ones (the database's trigger derives attachments, sensitivity and diffusion). Every row must have
     * its idSINPOccTax.
     */
    public static Outcome write(Connection c, UUID dataset, List<Row> rows) throws SQLException {
        Outcome outcome = checkAndWrite(c, dataset, rows);
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TEMPORARY_TABLES);
        }
        return outcome;
    }

    private static Outcome checkAndWrite(Connection c, UUID dataset, List<Row> rows) throws SQLException {
        OccurrenceImport.createStagingTable(c);
        stage(c, rows);
        OccurrenceImport.validate(c, dataset);
        List<Rejection> rejections = rejections(c);
        if (!rejections.isEmpty()) {
            return new Outcome(rejections, Map.of(), Map.of());
        }
        OccurrenceImport.classify(c, dataset, ImportRequest.Mode.INCREMENTAL);
        Map<Integer, String> ids = new LinkedHashMap<>();
        Map<Integer, String> states = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT line, id_sinp_occtax::text, state FROM import_valid ORDER BY line")) {
            while (rs.next()) {
                ids.put(rs.getInt(1), rs.getString(2));
                states.put(rs.getInt(1), rs.getString(3));
            }
        }
        try (Statement st = c.createStatement()) {
            // an occurrence deleted earlier and sent again is back: its tombstone goes
            st.executeUpdate("DELETE FROM sinp.occurrence_tombstone t USING import_valid v "
                    + "WHERE v.state = 'new' AND t.id_sinp_occtax = v.id_sinp_occtax");
            st.executeUpdate("INSERT INTO sinp.occurrence (" + OccurrenceImport.WRITTEN + ") SELECT "
                    + OccurrenceImport.WRITTEN + " FROM import_valid WHERE state = 'new' ORDER BY line");
            st.executeUpdate("UPDATE sinp.occurrence o SET " + Arrays.stream(OccurrenceImport.WRITTEN.split(", "))
                    .map(col -> col + " = v." + col).collect(Collectors.joining(", "))
                    + " FROM import_valid v WHERE v.state = 'changed' AND o.id_sinp_occtax = v.id_sinp_occtax");
        }
        return new Outcome(List.of(), ids, states);
    }

    private static void stage(Connection c, List<Row> rows) throws SQLException {
        String columns = Arrays.stream(StandardField.values()).map(f -> f.column).collect(Collectors.joining(", "));
        String marks = Arrays.stream(StandardField.values()).map(f -> "?").collect(Collectors.joining(", "));
        WKBWriter wkb = new WKBWriter(2, true);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO import_row (line, " + columns
                + ", geom, geom_text) VALUES (?, " + marks + ", ST_GeomFromEWKB(?), ?)")) {
            int line = 0;
            for (Row row : rows) {
                int i = 1;
                ps.setLong(i++, ++line);
                for (StandardField f : StandardField.values()) {
                    ps.setString(i++, row.fields().get(f));
                }
                ps.setBytes(i++, row.geometry() == null ? null : wkb.write(row.geometry()));
                ps.setString(i, row.geometry() == null ? null : row.geometry().toText());
                ps.addBatch();
            }
            ps.executeBatch();
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
