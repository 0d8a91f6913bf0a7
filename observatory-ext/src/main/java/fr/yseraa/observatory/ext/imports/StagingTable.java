package fr.yseraa.observatory.ext.imports;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The working table {@code import_row} ({@link WorkTables}) that an import's mapped rows are streamed into with
 * COPY, on the caller's connection and transaction: one row a source record, the standard fields as text (what the
 * report shows), the dates as read ({@link SourceDate}), the idSINPOccTax when it is of UUID syntax, the geometry, and a hash of all of it with the dataset, so that
 * a row sent again unchanged is known by its hash alone. No index: the checks read it once, whole.
 */
final class StagingTable implements Closeable {

    private static final HexFormat HEX = HexFormat.of();
    private static final int DATES_KEPT = 4096;
    private final Writer out;
    private final byte[] datasetBytes;
    private final MessageDigest md5;
    private final WKBWriter wkb = new WKBWriter(2, true);
    private final StringBuilder fields = new StringBuilder(512);
    private final StringBuilder geometry = new StringBuilder(128);
    private final Map<String, String> dates = new HashMap<>();

    private StagingTable(Connection c, UUID dataset) throws SQLException {
        this.datasetBytes = dataset.toString().getBytes(StandardCharsets.UTF_8);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
        try (Statement st = c.createStatement()) {
            st.execute(WorkTables.createWith(c, "import_row", "(line bigint NOT NULL, "
                    + Arrays.stream(StandardField.values()).map(f -> f.column + " text").collect(Collectors.joining(", "))
                    + ", date_debut_value date, date_fin_value date, id_value uuid, geom geometry, geom_text text, row_hash bytea NOT NULL)"));
        }
        PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), "COPY import_row FROM STDIN", 1 << 16);
        this.out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Creates the staging table on the connection (in its transaction) and opens its COPY. */
    static StagingTable open(Connection c, UUID dataset) throws SQLException {
        return new StagingTable(c, dataset);
    }

    /** Streams one mapped row. */
    void add(RowMapper.Row row) throws IOException {
        fields.setLength(0);
        for (StandardField f : StandardField.values()) {
            field(fields, row.fields().get(f));
        }
        geometry.setLength(0);
        field(geometry, row.geometry() == null ? null : WKBWriter.toHex(wkb.write(row.geometry())));
        field(geometry, row.geometryText());
        // the hash covers what the checks and the derivations read of the row, and the dataset
        md5.update(datasetBytes);
        md5.update(fields.toString().getBytes(StandardCharsets.UTF_8));
        byte[] hash = md5.digest(geometry.toString().getBytes(StandardCharsets.UTF_8));
        out.append(Long.toString(row.line())).append(fields)
                .append('\t').append(date(row.fields().get(StandardField.DATE_DEBUT)))
                .append('\t').append(date(row.fields().get(StandardField.DATE_FIN)))
                .append('\t').append(uuidSyntax(row.fields().get(StandardField.ID_SINP_OCC_TAX)) ? row.fields().get(StandardField.ID_SINP_OCC_TAX) : "\\N")
                .append(geometry).append("\t\\\\x").append(HEX.formatHex(hash)).append('\n');
    }

    /** A date as COPY reads it; the dates a file holds repeat, so they are read once (up to DATES_KEPT of them). */
    private String date(String text) {
        if (text == null) {
            return "\\N";
        }
        String known = dates.get(text);
        if (known == null) {
            LocalDate d = SourceDate.parse(text);
            known = d == null ? "\\N" : d.toString();
            if (dates.size() == DATES_KEPT) {
                dates.clear();
            }
            dates.put(text, known);
        }
        return known;
    }

    /**
     * Whether a text is a UUID as the checks want it: 8-4-4-4-12 hexadecimal digits, either case, nothing else (SQL's
     * regular expression for it costs tens of microseconds a row).
     */
    static boolean uuidSyntax(String text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char ch = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? ch == '-'
                    : ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A column in COPY's text format: tab before it, {@code \N} for null, backslash escapes. */
    private static void field(StringBuilder line, String value) {
        line.append('\t');
        if (value == null) {
            line.append("\\N");
            return;
        }
        if (!needsEscape(value)) {
            line.append(value);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(ch);
            }
        }
    }

    private static boolean needsEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Ends the COPY; then the table is analysed for the checks' plans. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
