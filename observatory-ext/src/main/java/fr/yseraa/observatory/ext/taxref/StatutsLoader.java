package fr.yseraa.observatory.ext.taxref;

import static fr.yseraa.observatory.ext.taxref.CsvColumns.integer;
import static fr.yseraa.observatory.ext.taxref.CsvColumns.optionalInteger;
import static fr.yseraa.observatory.ext.taxref.CsvColumns.required;
import static fr.yseraa.observatory.ext.taxref.CsvColumns.text;

import fr.yseraa.observatory.ext.db.OccurrenceAggregates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Loads the statuses of taxa from a file in the layout of the INPN's BDC statuts (UTF-8, a header line naming
 * CD_NOM, CD_REF, CD_TYPE_STATUT, LB_TYPE_STATUT, REGROUPEMENT_TYPE, CODE_STATUT, LABEL_STATUT, RQ_STATUT, CD_SIG,
 * CD_DOC, LB_ADM_TR, NIVEAU_ADMIN, FULL_CITATION, DOC_URL..., separated by commas, semicolons or tabs) into
 * {@code ref.taxon_status}, replacing the statuses held before (a BDC statuts file is the whole list), then derives
 * the heritage flag of every taxon from them ({@code ref.derive_heritage()}); a file is loaded and the indicators
 * recomputed in one transaction.
 */
public final class StatutsLoader {

    static final List<String> REQUIRED = List.of("CD_NOM", "CD_REF", "CD_TYPE_STATUT");
    private static final int BATCH = 5000;

    /** What a load did: statuses read, names whose heritage flag changed, heritage names now. */
    public record Report(long statuses, long heritageChanges, long heritageNames) {
    }

    private StatutsLoader() {
    }

    /** Loads a file in its own transaction. */
    public static Report load(DataSource dataSource, Path file, String version, PrintStream progress)
            throws IOException, SQLException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Report report = load(c, reader, version, progress);
                OccurrenceAggregates.refresh(c);
                c.commit();
                return report;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Loads statuses and derives the heritage flags in the connection's transaction; the caller recomputes the
     * indicators (once its occurrences are in: a function's plan is made at its first call in a session) and commits.
     */
    public static Report load(Connection c, Reader source, String version, PrintStream progress)
            throws IOException, SQLException {
        BufferedReader reader = new BufferedReader(source);
        reader.mark(1 << 16);
        String firstLine = reader.readLine();
        if (firstLine == null) {
            throw new IOException("the statuses file is empty");
        }
        reader.reset();
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter(firstLine)).setHeader()
                .setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = format.parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String column : REQUIRED) {
                if (!CsvColumns.has(header, column)) {
                    throw new IOException("not a BDC statuts file: column " + column + " is missing");
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM ref.taxon_status");
            }
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO ref.taxon_status (cd_nom, cd_ref, cd_type_statut, lb_type_statut, regroupement_type,
                        code_statut, label_statut, rq_statut, cd_sig, cd_doc, lb_adm_tr, niveau_admin, full_citation,
                        doc_url, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (CSVRecord r : parser) {
                    ps.setInt(1, integer(r, "CD_NOM"));
                    ps.setInt(2, integer(r, "CD_REF"));
                    ps.setString(3, required(r, "CD_TYPE_STATUT"));
                    ps.setString(4, text(r, "LB_TYPE_STATUT"));
                    ps.setString(5, text(r, "REGROUPEMENT_TYPE"));
                    ps.setString(6, text(r, "CODE_STATUT"));
                    ps.setString(7, text(r, "LABEL_STATUT"));
                    ps.setString(8, text(r, "RQ_STATUT"));
                    ps.setString(9, text(r, "CD_SIG"));
                    ps.setObject(10, optionalInteger(r, "CD_DOC"));
                    ps.setString(11, text(r, "LB_ADM_TR"));
                    ps.setString(12, text(r, "NIVEAU_ADMIN"));
                    ps.setString(13, text(r, "FULL_CITATION"));
                    ps.setString(14, text(r, "DOC_URL"));
                    ps.setString(15, version);
                    ps.addBatch();
                    if (++n % BATCH == 0) {
                        ps.executeBatch();
                        progress.printf("\rstatuts: %,d statuses", n);
                    }
                }
                ps.executeBatch();
            }
            progress.printf("\rstatuts: %,d statuses%n", n);
            long changed = queryLong(c, "SELECT ref.derive_heritage()");
            return new Report(n, changed, queryLong(c, "SELECT count(*) FROM ref.taxref WHERE patrimonial"));
        }
    }

    /** The separator the header line uses: a tab, a semicolon or a comma. */
    private static char delimiter(String header) {
        if (header.contains("\t")) {
            return '\t';
        }
        return header.contains(";") ? ';' : ',';
    }

    static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
