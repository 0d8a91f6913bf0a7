package fr.yseraa.observatory.ext.exports;

import fr.yseraa.observatory.ext.imports.StandardField;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Writes the DEE flow of occurrences (the SINP standard's field names, the {@code standard} import mapping's
 * layout, so that an export imports again through it): a dataset's or every dataset's occurrences, or only those
 * modified after a date followed by the deletions (tombstones) after it. Streamed: the rows come through a
 * server-side cursor, one at a time, in one read-only snapshot, ordered by idSINPOccTax.
 */
public final class OccurrenceExport {

    /** How many rows the cursor brings at a time. */
    private static final int FETCH = 1000;
    /** The standard's fields, then the ones the platform derives and the geometry. */
    private static final String FIELDS = Arrays.stream(StandardField.values()).map(f -> "o." + f.column + "::text")
            .collect(Collectors.joining(", ")) + ", o.cd_ref::text";

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

    /** Writes the export to {@code out} (left open). */
    public Summary run(ExportRequest request, OutputStream out) throws IOException, SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try (ExportWriter writer = ExportWriter.open(request.format(), columns(), out)) {
                long occurrences = occurrences(c, request, writer);
                long deletions = request.since() == null ? 0 : deletions(c, request, writer);
                c.commit();
                return new Summary(occurrences, deletions);
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            }
        }
    }

    private static long occurrences(Connection c, ExportRequest request, ExportWriter writer) throws SQLException, IOException {
        String geometry = request.format() == ExportRequest.Format.CSV
                ? "ST_AsEWKT(o.geom)"                              // Lambert-93, exact: the file imports back unchanged
                : "ST_AsGeoJSON(ST_Transform(o.geom, 4326))";      // RFC 7946: WGS 84
        String sql = "SELECT " + FIELDS + ", " + geometry + " FROM sinp.occurrence o WHERE true"
                + (request.dataset() != null ? " AND o.jdd_metadonnee_dee_id = ?" : "")
                + (request.since() != null ? " AND o.dee_date_derniere_modification > ?" : "")
                + " ORDER BY o.id_sinp_occtax";
        int width = StandardField.values().length + 2;
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

    private static long deletions(Connection c, ExportRequest request, ExportWriter writer) throws SQLException, IOException {
        String sql = "SELECT t.id_sinp_occtax::text, t.jdd_metadonnee_dee_id::text, "
                + "to_char(t.deleted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') "
                + "FROM sinp.occurrence_tombstone t WHERE true"
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
