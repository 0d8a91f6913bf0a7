package fr.yseraa.observatory.ext.exports;

import fr.yseraa.observatory.ext.imports.StandardField;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Writes the DEE flow of occurrences (the SINP standard's field names, the {@code standard} import mapping's
 * layout, so that an export imports again through it): a dataset's or every dataset's occurrences, or only those
 * modified after a date followed by the deletions (tombstones) after it. Streamed: the rows come through a
 * server-side cursor, one at a time, ordered by idSINPOccTax.
 *
 * <p>The rows are read from a relation: the table itself (the platform's own flow, {@link #run}), or the
 * occurrence layer as a caller sees it through the access policy ({@link #write}): its rows, its geometry, its
 * attributes as the policy gives them (empty when the policy hides them); the standard's fields the layer does not
 * publish at all come from the table on the rows the caller sees exactly ({@code localisation_exacte}), else stay
 * empty.
 */
public final class OccurrenceExport {

    /** How many rows the cursor brings at a time. */
    private static final int FETCH = 1000;
    /** The platform's whole table, as a relation. */
    private static final String TABLE = "sinp.occurrence";
    /** The layer's column telling whether the caller sees the exact row. */
    private static final String EXACT = "localisation_exacte";

    /** What an export wrote. */
    public record Summary(long occurrences, long deletions) {
    }

    private final DataSource dataSource;

    public OccurrenceExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The column names of a CSV export (the properties of a GeoJSON one), in order. */
    public static List<String> columns() {
        List<String> out = new ArrayList<>(Arrays.stream(StandardField.values()).map(f -> f.standardName).toList());
        out.add("cdRef");
        out.add(StandardField.GEOMETRY);
        out.add(ExportWriter.DELETED);
        return out;
    }

    /** Writes everything the platform holds (exact geometries, observers, every deletion) to {@code out} (left open). */
    public Summary run(ExportRequest request, OutputStream out) throws IOException, SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return write(c, TABLE, null, "true", request, out);
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * Writes an export from a relation of occurrences to {@code out} (left open), on a connection in a transaction.
     *
     * @param relation a table or a parenthesised subquery with the columns of {@code sinp.occurrence} it shows
     *     (at least id_sinp_occtax, jdd_metadonnee_dee_id and geom)
     * @param published the columns the relation's policy rules (the layer's attributes, whether this caller sees them
     *     or not: never read from the table), or null when the relation is the table
     * @param deletionScope an SQL condition on the tombstone {@code t}: the deletions this export may carry
     */
    public static Summary write(Connection c, String relation, Set<String> published, String deletionScope,
                                ExportRequest request, OutputStream out) throws IOException, SQLException {
        try (ExportWriter writer = ExportWriter.open(request.format(), columns(), out)) {
            long occurrences = occurrences(c, relation, published, request, writer);
            long deletions = request.since() == null ? 0 : deletions(c, deletionScope, request, writer);
            return new Summary(occurrences, deletions);
        }
    }

    /** The relation's column names. */
    private static Set<String> columnsOf(Connection c, String relation) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + relation + " v LIMIT 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getMetaData().getColumnName(i));
            }
        }
        return out;
    }

    private static long occurrences(Connection c, String relation, Set<String> published, ExportRequest request,
                                    ExportWriter writer) throws SQLException, IOException {
        Set<String> shown = columnsOf(c, relation);
        List<String> fields = new ArrayList<>(Arrays.stream(StandardField.values()).map(f -> f.column).toList());
        fields.add("cd_ref");
        String select = fields.stream().map(col -> (published == null || published.contains(col)
                ? shown.contains(col) ? "v." + col : "NULL"
                : shown.contains(EXACT) ? "CASE WHEN v." + EXACT + " THEN o." + col + " END" : "NULL") + "::text")
                .collect(Collectors.joining(", "));
        String geometry = request.format() == ExportRequest.Format.CSV
                ? "ST_AsEWKT(v.geom)"                              // Lambert-93, exact: the file imports back unchanged
                : "ST_AsGeoJSON(ST_Transform(v.geom, 4326))";      // RFC 7946: WGS 84
        String sql = "SELECT " + select + ", " + geometry + " FROM " + relation + " v"
                + (TABLE.equals(relation) ? "" : " JOIN " + TABLE + " o ON o.id_sinp_occtax = v.id_sinp_occtax")
                + " WHERE true"
                + (request.dataset() != null ? " AND v.jdd_metadonnee_dee_id = ?" : "")
                + (request.since() != null ? " AND " + (TABLE.equals(relation) ? "v" : "o")
                        + ".dee_date_derniere_modification > ?" : "")
                + " ORDER BY v.id_sinp_occtax";
        int width = fields.size() + 1;
        long n = 0;
        try (PreparedStatement ps = filtered(c, sql, request); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String[] values = new String[width];
                for (int i = 0; i < width; i++) {
                    values[i] = rs.getString(i + 1);
                }
                writer.occurrence(values);
                n++;
            }
        }
        return n;
    }

    private static long deletions(Connection c, String scope, ExportRequest request, ExportWriter writer)
            throws SQLException, IOException {
        String sql = "SELECT t.id_sinp_occtax::text, t.jdd_metadonnee_dee_id::text, "
                + "to_char(t.deleted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') "
                + "FROM sinp.occurrence_tombstone t WHERE (" + scope + ")"
                + (request.dataset() != null ? " AND t.jdd_metadonnee_dee_id = ?" : "")
                + " AND t.deleted_at > ? ORDER BY t.id_sinp_occtax";
        long n = 0;
        try (PreparedStatement ps = filtered(c, sql, request); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                writer.deletion(rs.getString(1), rs.getString(2), rs.getString(3));
                n++;
            }
        }
        return n;
    }

    /** The statement with its dataset and since parameters bound, fetching through a cursor. */
    private static PreparedStatement filtered(Connection c, String sql, ExportRequest request) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setFetchSize(FETCH);
        int i = 1;
        if (request.dataset() != null) {
            ps.setObject(i++, request.dataset());
        }
        if (request.since() != null) {
            ps.setObject(i, request.since());
        }
        return ps;
    }
}
