package fr.yseraa.observatory.ext.demo;

import fr.yseraa.observatory.ext.imports.StagedOccurrenceInsert;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes generated occurrences into sinp.occurrence in batches: each batch is copied into a staging table, then
 * inserted derived set-based by the import's rules ({@link StagedOccurrenceInsert}: attachments, so the partition,
 * diffusion level and geometry), the per-row trigger standing aside. Into an empty table, the indexes, the foreign keys
 * and the primary key of sinp.occurrence_key (the idSINPOccTax of every occurrence) are dropped first and made again
 * once at the end, which is faster than keeping and checking them row by row. Runs inside the caller's transaction.
 */
final class OccurrenceBulkLoad {

    private static final String STAGING = "occurrence_staging";
    private static final String KEY_TABLE = "sinp.occurrence_key";

    private final Connection c;
    private final String columns;
    private final List<String> remade; // the indexes and keys dropped at the start

    private OccurrenceBulkLoad(Connection c, String columns, List<String> remade) {
        this.c = c;
        this.columns = columns;
        this.remade = remade;
    }

    /**
     * Prepares the staging table of these columns of sinp.occurrence (and drops the indexes, foreign keys and the key
     * table's primary key of an empty table).
     */
    static OccurrenceBulkLoad start(Connection c, String columns) throws SQLException {
        List<String> dropped = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            if (Db.queryLong(c, "SELECT count(*) FROM (SELECT 1 FROM sinp.occurrence LIMIT 1) s") == 0) {
                try (ResultSet rs = st.executeQuery("SELECT indexname, indexdef FROM pg_indexes "
                        + "WHERE schemaname = 'sinp' AND tablename = 'occurrence' ORDER BY indexname")) {
                    List<String> names = new ArrayList<>();
                    while (rs.next()) {
                        names.add(rs.getString(1));
                        // a partitioned table's index is written "ON ONLY" the table: built again on every partition
                        dropped.add(rs.getString(2).replaceFirst(" ON ONLY ", " ON "));
                    }
                    for (String name : names) {
                        st.execute("DROP INDEX sinp.\"" + name.replace("\"", "\"\"") + "\"");
                    }
                }
                // the key table's primary key, and the foreign keys (checked once for all the rows, not row by row)
                List<String[]> constraints = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT conrelid::regclass::text, quote_ident(conname), "
                        + "pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '" + KEY_TABLE + "'::regclass "
                        + "AND contype = 'p' OR conrelid = 'sinp.occurrence'::regclass AND contype = 'f' ORDER BY 1, 2")) {
                    while (rs.next()) {
                        constraints.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                    }
                }
                for (String[] k : constraints) {
                    st.execute("ALTER TABLE " + k[0] + " DROP CONSTRAINT " + k[1]);
                    dropped.add("ALTER TABLE " + k[0] + " ADD CONSTRAINT " + k[1] + " " + k[2]);
                }
            }
            st.execute("CREATE TEMPORARY TABLE " + STAGING + " ON COMMIT DROP AS SELECT " + columns
                    + " FROM sinp.occurrence WITH NO DATA");
        }
        return new OccurrenceBulkLoad(c, columns, dropped);
    }

    /** The COPY statement (CSV) that fills the staging table with one batch. */
    String copyStatement() {
        return "COPY " + STAGING + " (" + columns + ") FROM STDIN WITH (FORMAT csv)";
    }

    /** Moves the batch in the staging table into sinp.occurrence. */
    void flush() throws SQLException {
        StagedOccurrenceInsert.insert(c, STAGING, columns);
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE " + STAGING);
        }
    }

    /** Makes again the indexes and keys dropped at the start. */
    void finish() throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL maintenance_work_mem = '256MB'");
            for (String index : remade) {
                st.execute(index);
            }
        }
    }
}
