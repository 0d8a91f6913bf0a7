package fr.yseraa.observatory.ext.taxref;

import static fr.yseraa.observatory.ext.taxref.CsvColumns.integer;
import static fr.yseraa.observatory.ext.taxref.CsvColumns.optionalInteger;
import static fr.yseraa.observatory.ext.taxref.CsvColumns.text;

import fr.yseraa.observatory.ext.db.OccurrenceAggregates;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Loads the real TAXREF (the INPN's published text file: tab-separated, UTF-8, a header line naming the columns
 * CD_NOM, CD_REF, RANG, LB_NOM, LB_AUTEUR, NOM_COMPLET, NOM_VERN, REGNE, CLASSE...) into {@code ref.taxref},
 * inserting new names and updating known ones, streaming in batches whatever the file's size; then, in the same
 * transaction, re-derives what follows from the accepted names ({@code sinp.rederive_taxa()}: sensitivity rules of
 * names no longer accepted, the occurrences' cdRef and sensitivity, hence their diffusion, the heritage flags) and
 * recomputes the 10 km cell counts and the indicators.
 */
public final class TaxrefLoader {

    static final List<String> REQUIRED = List.of("CD_NOM", "CD_REF", "RANG", "LB_NOM", "NOM_COMPLET");
    private static final int BATCH = 5000;
    private static final Pattern VERSION = Pattern.compile("(?i)taxref_?v?(\\d+(?:\\.\\d+)?)");

    private TaxrefLoader() {
    }

    /** The TAXREF version a file name carries (TAXREFv17.txt gives 17), or "unknown". */
    public static String versionFromFileName(Path file) {
        Matcher m = VERSION.matcher(file.getFileName().toString());
        return m.find() ? m.group(1) : "unknown";
    }

    /**
     * What a load did.
     *
     * @param taxa the names read
     * @param movedRules the sensitivity rules moved to a new accepted name
     * @param occurrences the occurrences whose cdRef or sensitivity changed
     * @param heritageChanges the names whose heritage flag changed
     */
    public record Report(long taxa, long movedRules, long occurrences, long heritageChanges) {
    }

    /** Loads the file and re-derives the occurrences, in one transaction. */
    public static Report load(DataSource dataSource, Path file, String version, PrintStream progress)
            throws IOException, SQLException {
        CSVFormat format = CSVFormat.TDF.builder().setHeader().setSkipHeaderRecord(true).setQuote(null)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = format.parse(reader);
             Connection c = dataSource.getConnection()) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String column : REQUIRED) {
                if (!CsvColumns.has(header, column)) {
                    throw new IOException(file + " is not a TAXREF file: column " + column + " is missing");
                }
            }
            c.setAutoCommit(false);
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO ref.taxref (cd_nom, cd_ref, cd_sup, rang, lb_nom, lb_auteur, nom_complet, nom_valide,
                                            nom_vern, regne, phylum, classe, ordre, famille, group1_inpn, group2_inpn, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (cd_nom) DO UPDATE SET cd_ref = EXCLUDED.cd_ref, cd_sup = EXCLUDED.cd_sup,
                        rang = EXCLUDED.rang, lb_nom = EXCLUDED.lb_nom, lb_auteur = EXCLUDED.lb_auteur,
                        nom_complet = EXCLUDED.nom_complet, nom_valide = EXCLUDED.nom_valide, nom_vern = EXCLUDED.nom_vern,
                        regne = EXCLUDED.regne, phylum = EXCLUDED.phylum, classe = EXCLUDED.classe, ordre = EXCLUDED.ordre,
                        famille = EXCLUDED.famille, group1_inpn = EXCLUDED.group1_inpn, group2_inpn = EXCLUDED.group2_inpn,
                        version = EXCLUDED.version""")) {
                for (CSVRecord r : parser) {
                    ps.setInt(1, integer(r, "CD_NOM"));
                    ps.setInt(2, integer(r, "CD_REF"));
                    ps.setObject(3, optionalInteger(r, "CD_SUP"));
                    ps.setString(4, text(r, "RANG"));
                    ps.setString(5, text(r, "LB_NOM"));
                    ps.setString(6, text(r, "LB_AUTEUR"));
                    ps.setString(7, text(r, "NOM_COMPLET"));
                    ps.setString(8, text(r, "NOM_VALIDE"));
                    ps.setString(9, text(r, "NOM_VERN"));
                    ps.setString(10, text(r, "REGNE"));
                    ps.setString(11, text(r, "PHYLUM"));
                    ps.setString(12, text(r, "CLASSE"));
                    ps.setString(13, text(r, "ORDRE"));
                    ps.setString(14, text(r, "FAMILLE"));
                    ps.setString(15, text(r, "GROUP1_INPN"));
                    ps.setString(16, text(r, "GROUP2_INPN"));
                    ps.setString(17, version);
                    ps.addBatch();
                    if (++n % BATCH == 0) {
                        ps.executeBatch();
                        progress.printf("\rtaxref: %,d taxa", n);
                    }
                }
                ps.executeBatch();
                progress.printf("\rtaxref: %,d taxa%n", n);
                Report report;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT * FROM sinp.rederive_taxa()")) {
                    rs.next();
                    report = new Report(n, rs.getInt("moved_rules"), rs.getInt("occurrences"),
                            rs.getInt("heritage_changes"));
                }
                OccurrenceAggregates.refresh(c);
                c.commit();
                return report;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
