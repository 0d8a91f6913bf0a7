package fr.yseraa.observatory.ext.imports;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Inserts the rows of a staged table into sinp.occurrence with every column the trigger {@code sinp.occurrence_derive}
 * would derive, derived set-based by the import's rules ({@link OccurrenceDerivation}): cdRef from TAXREF, the
 * attachments (commune, département, so the partition, 10 km cell), the diffusion level and geometry. For a bulk
 * writer that is not an import (the demo loader); the staged rows hold their cdNom and sensitivity, and no date in the
 * future (the trigger's own checks, which stands aside for this statement). Runs inside the caller's transaction, as
 * often as it likes: what a call builds is dropped when it returns.
 */
public final class StagedOccurrenceInsert {

    private static final String DERIVED = "staged_occurrence_derived";
    /** The temporary tables the derivation builds (dropped at commit by themselves: here after each call). */
    private static final String[] WORK_TABLES = {"import_unit_piece", "import_commune_cell", "import_commune_cell_size",
            "import_unit_shape", DERIVED};

    private StagedOccurrenceInsert() {
    }

    /**
     * Inserts the rows of {@code staging} (columns {@code columns} of sinp.occurrence, geom and sensi_niveau among
     * them, none of the derived ones) and returns how many.
     */
    public static long insert(Connection c, String staging, String columns) throws SQLException {
        long count;
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + staging)) {
                rs.next();
                count = rs.getLong(1);
            }
        }
        OccurrenceDerivation.prepare(c, "SELECT geom FROM " + staging, count);
        try (Statement st = c.createStatement()) {
            // the cells of the points hashed (merged, the points' sort costs more than the rest of the statement)
            st.execute("SET LOCAL enable_mergejoin = off");
            // the rows keep the staging table's order (that of their ids)
            st.execute("CREATE TEMPORARY TABLE " + DERIVED + " ON COMMIT DROP AS SELECT x.*, "
                    + OccurrenceDerivation.COLUMNS + " FROM (SELECT row_number() OVER () AS staged_order, s.* FROM "
                    + staging + " s) x " + OccurrenceDerivation.joins("x"));
            st.execute("RESET enable_mergejoin");
        }
        OccurrenceDerivation.shapes(c, DERIVED);
        String values = "v." + columns.replace(", ", ", v.");
        long inserted;
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL sinp.derived_by_caller = on");
            inserted = st.executeUpdate("INSERT INTO sinp.occurrence (" + columns + ", cd_ref, code_commune, "
                    + "code_departement, code_maille, diffusion_level, diffusion_geom) SELECT " + values
                    + ", t.cd_ref, v.code_commune, v.code_departement, v.code_maille, v.diffusion_level, "
                    + OccurrenceDerivation.diffusionGeometry("v") + " FROM " + DERIVED + " v "
                    + "LEFT JOIN ref.taxref t ON t.cd_nom = v.cd_nom " + OccurrenceDerivation.shapeJoin("v")
                    + " ORDER BY v.staged_order");
            st.execute("SET LOCAL sinp.derived_by_caller = off");
            for (String table : WORK_TABLES) {
                st.execute("DROP TABLE IF EXISTS pg_temp." + table);
            }
        }
        return inserted;
    }
}
