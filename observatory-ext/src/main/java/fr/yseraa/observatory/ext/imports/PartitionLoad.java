package fr.yseraa.observatory.ext.imports;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Envelope;

/**
 * Writes the new rows of a large import into the partitions of {@code sinp.occurrence} that they at least double by
 * rebuilding each such partition rather than inserting into it row by row (each row then costs a random descent into
 * each of the partition's eleven indexes and two foreign-key probes):
 * <ol>
 * <li>a table of the partition's shape receives the new rows, with no trigger; what the parent's statement-level
 *     INSERT triggers do is done over that table, by their own statement ({@link #OVER_A_TABLE}: the keys into
 *     {@code sinp.occurrence_key}, the areas into {@code sinp.diffusion_area}) and without the transition table, which
 *     would copy every new row once more (any other such trigger is recreated on the table for the INSERT); then the
 *     partition's rows join them;</li>
 * <li>the parent's indexes are built on it after the rows (one sorted build each), its foreign keys added (one
 *     anti-join each), its statistics gathered (ANALYZE);</li>
 * <li>it takes the partition's place: the partition detached and dropped, the table renamed to it, its indexes renamed
 *     to the former ones, attached (its indexes and foreign keys adopted by the parent's, the row triggers cloned).</li>
 * </ol>
 * When the new rows outnumber the keys already in {@code sinp.occurrence_key} (a first import), its primary key is
 * dropped before the rebuilds and made again after them: one sorted build instead of millions of insertions.
 * All within the import's transaction: until the commit, other sessions see the former partition, whole, with its
 * indexes; a failure or a kill rolls it all back. The cost is in the locks: from the start of a rebuild to the commit,
 * other writers to {@code sinp.occurrence} wait (SHARE ROW EXCLUSIVE on the table), and from the swap to the commit
 * readers wait too (detaching a partition takes the table's exclusive lock); while its primary key is away, the key
 * table is locked for everyone.
 */
final class PartitionLoad {

    /**
     * The system property giving how many new rows a partition must get at least for the rebuild (and at least as
     * many as it holds); 100 000 when unset.
     */
    static final String MIN_ROWS_PROPERTY = "obs.imports.partition-load-rows";
    private static final long MIN_ROWS = 100_000;
    private static final String KEY_TABLE = "sinp.occurrence_key";
    /**
     * The parent's statement-level INSERT triggers whose work a rebuild does itself: the trigger's function → the
     * function giving its statement over a named relation (migration V30; the triggers run the same statement).
     */
    private static final Map<String, String> OVER_A_TABLE = Map.of(
            "sinp.occurrence_key_added", "sinp.occurrence_keys_added_sql",
            "sinp.diffusion_area_add", "sinp.diffusion_areas_added_sql");

    private PartitionLoad() {
    }

    /**
     * A list partition of sinp.occurrence: its name, its bound as SQL, its values as an SQL array of text, and how
     * many new rows it gets.
     */
    private record Partition(String name, String bound, String codes, long added) {
    }

    /**
     * The new rows written by rebuilding partitions: the values of the partition key they covered (as an SQL array
     * of text, null when none) and the extent of what was written (null when nothing).
     */
    record Written(String codes, Envelope extent) {

        /** An SQL condition on {@code alias.code_departement} keeping the rows left to insert one by one. */
        String rest(String alias) {
            return codes == null ? "" : " AND (" + alias + ".code_departement IS NULL OR " + alias + ".code_departement <> ALL ("
                    + codes + "))";
        }
    }

    /**
     * Rebuilds the partitions that the new rows at least double, with those rows in.
     *
     * @param columns the columns written, as in the INSERT
     * @param values the SQL giving them, as in the INSERT
     * @param rows the {@code FROM ... WHERE ...} of the new rows (aliased {@code v}, with {@code v.code_departement})
     */
    static Written write(Connection c, String columns, String values, String rows) throws SQLException {
        List<Partition> chosen = chosen(c, rows);
        if (chosen.isEmpty()) {
            return new Written(null, null);
        }
        try (Statement st = c.createStatement()) {
            st.execute("LOCK TABLE sinp.occurrence IN SHARE ROW EXCLUSIVE MODE");
            st.execute("SET LOCAL maintenance_work_mem = '256MB'");
        }
        String keyRemade = keysUnindexed(c, chosen.stream().mapToLong(Partition::added).sum());
        Envelope extent = null;
        for (Partition p : chosen) {
            Envelope e = rebuild(c, p, columns, values, rows);
            extent = extent == null ? e : e == null ? extent : OccurrenceImport.expanded(extent, e);
        }
        if (keyRemade != null) {
            try (Statement st = c.createStatement()) {
                st.execute(keyRemade);
            }
        }
        String codes = chosen.stream().map(p -> p.codes().substring("ARRAY[".length(), p.codes().length() - 1))
                .collect(Collectors.joining(", ", "ARRAY[", "]::text[]"));
        return new Written(codes, extent);
    }

    /** The list partitions getting at least the minimum of new rows, and at least as many as they hold. */
    private static List<Partition> chosen(Connection c, String rows) throws SQLException {
        long min = Math.max(1, Long.getLong(MIN_ROWS_PROPERTY, MIN_ROWS));
        Map<String, Long> perCode = new HashMap<>();
        Map<Partition, Long> candidates = new LinkedHashMap<>();
        List<Partition> out = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT v.code_departement, count(*) " + rows
                    + " AND v.code_departement IS NOT NULL GROUP BY v.code_departement")) {
                while (rs.next()) {
                    perCode.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = st.executeQuery("""
                    SELECT c.relname, pg_get_expr(c.relpartbound, c.oid),
                           ARRAY(SELECT m[1] FROM regexp_matches(pg_get_expr(c.relpartbound, c.oid), '''([^'']*)''', 'g') m)::text[]
                    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'sinp.occurrence'::regclass AND c.relkind = 'r'
                      AND pg_get_expr(c.relpartbound, c.oid) LIKE 'FOR VALUES IN (%'
                    ORDER BY c.relname""")) {
                while (rs.next()) {
                    String[] codes = (String[]) rs.getArray(3).getArray();
                    long added = Arrays.stream(codes).mapToLong(code -> perCode.getOrDefault(code, 0L)).sum();
                    if (added >= min) {
                        candidates.put(new Partition(rs.getString(1), rs.getString(2), Arrays.stream(codes)
                                .map(code -> "'" + code.replace("'", "''") + "'").collect(Collectors.joining(", ", "ARRAY[", "]")),
                                added), added);
                    }
                }
            }
            for (Map.Entry<Partition, Long> candidate : candidates.entrySet()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sinp." + quoted(candidate.getKey().name()))) {
                    rs.next();
                    if (candidate.getValue() >= rs.getLong(1)) {
                        out.add(candidate.getKey());
                    }
                }
            }
        }
        return out;
    }

    /**
     * Drops the key table's primary key when more keys are coming than it holds; returns the statement making it
     * again (a sorted build, and the uniqueness checked then), or null when it stays.
     */
    private static String keysUnindexed(Connection c, long coming) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + KEY_TABLE)) {
                rs.next();
                if (rs.getLong(1) > coming) {
                    return null;
                }
            }
            String name;
            String definition;
            try (ResultSet rs = st.executeQuery("SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint "
                    + "WHERE conrelid = '" + KEY_TABLE + "'::regclass AND contype = 'p'")) {
                if (!rs.next()) {
                    return null;
                }
                name = rs.getString(1);
                definition = rs.getString(2);
            }
            st.execute("ALTER TABLE " + KEY_TABLE + " DROP CONSTRAINT " + name);
            return "ALTER TABLE " + KEY_TABLE + " ADD CONSTRAINT " + name + " " + definition;
        }
    }

    /** Builds the partition anew with the new rows and its own, then swaps it in; returns the new rows' extent. */
    private static Envelope rebuild(Connection c, Partition p, String columns, String values, String rows) throws SQLException {
        String partition = "sinp." + quoted(p.name());
        String load = p.name() + "_load";
        String table = "sinp." + quoted(load);
        String all;
        String sequence;
        List<String> triggers = new ArrayList<>();
        List<String> doneHere = new ArrayList<>();
        List<String[]> indexes = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            // the columns, and the sequence of the ids named once: pg_get_serial_sequence in the INSERT would be
            // called again for every row (a stable function, not folded), four catalog look-ups a row
            try (ResultSet rs = st.executeQuery("SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum), "
                    + "quote_literal(pg_get_serial_sequence('sinp.occurrence', 'id')) FROM pg_attribute "
                    + "WHERE attrelid = 'sinp.occurrence'::regclass AND attnum > 0 AND NOT attisdropped")) {
                rs.next();
                all = rs.getString(1);
                sequence = rs.getString(2);
            }
            // the parent's statement-level triggers on INSERT (the key table, the diffusion areas): done here over the
            // table of the new rows when known, else recreated on it for them
            try (ResultSet rs = st.executeQuery("SELECT t.tgname, replace(pg_get_triggerdef(t.oid), ' ON ' || t.tgrelid::regclass::text || ' ', "
                    + "' ON " + table.replace("'", "''") + " '), n.nspname || '.' || f.proname FROM pg_trigger t "
                    + "JOIN pg_proc f ON f.oid = t.tgfoid JOIN pg_namespace n ON n.oid = f.pronamespace "
                    + "WHERE t.tgrelid = 'sinp.occurrence'::regclass "
                    + "AND NOT t.tgisinternal AND t.tgtype & 1 = 0 AND t.tgtype & 4 <> 0 ORDER BY t.tgname")) {
                while (rs.next()) {
                    String sql = OVER_A_TABLE.get(rs.getString(3));
                    if (sql != null) {
                        doneHere.add(sql);
                    } else {
                        triggers.add(rs.getString(1));
                        triggers.add(rs.getString(2));
                    }
                }
            }
            // the parent's indexes, each with the name of the partition's index attached to it
            try (ResultSet rs = st.executeQuery("SELECT pg_get_indexdef(x.indexrelid), "
                    + "(SELECT pi.relname FROM pg_inherits ii JOIN pg_index px ON px.indexrelid = ii.inhrelid "
                    + "JOIN pg_class pi ON pi.oid = ii.inhrelid WHERE ii.inhparent = x.indexrelid AND px.indrelid = '"
                    + partition.replace("'", "''") + "'::regclass) FROM pg_index x WHERE x.indrelid = 'sinp.occurrence'::regclass "
                    + "ORDER BY x.indexrelid")) {
                while (rs.next()) {
                    indexes.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', '"
                    + table.replace("'", "''") + "', conname, pg_get_constraintdef(oid)) FROM pg_constraint "
                    + "WHERE conrelid = 'sinp.occurrence'::regclass AND contype = 'f' ORDER BY conname")) {
                while (rs.next()) {
                    foreignKeys.add(rs.getString(1));
                }
            }

            st.execute("CREATE TABLE " + table + " (LIKE sinp.occurrence INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
                    + "INCLUDING STORAGE INCLUDING COMPRESSION)");
            for (int i = 0; i < triggers.size(); i += 2) {
                st.execute(triggers.get(i + 1));
            }
            st.executeUpdate("INSERT INTO " + table + " (id, " + columns + ") SELECT "
                    + "nextval(" + sequence + "::regclass), " + values + " " + rows
                    + " AND v.code_departement = ANY (" + p.codes() + ")");
            for (int i = 0; i < triggers.size(); i += 2) {
                st.execute("DROP TRIGGER " + quoted(triggers.get(i)) + " ON " + table);
            }
            for (String sql : doneHere) {
                String statement;
                try (ResultSet rs = st.executeQuery("SELECT " + sql + "(" + quotedLiteral(table) + ")")) {
                    rs.next();
                    statement = rs.getString(1);
                }
                st.execute(statement);
            }
            // the new rows' extent, read back before the partition's own rows join them (RETURNING would keep every
            // row's two geometries in a tuple store first: hundreds of megabytes written to temporary files)
            Envelope extent = OccurrenceImport.extent(c, "SELECT geom, diffusion_geom FROM " + table);
            st.execute("INSERT INTO " + table + " (" + all + ") SELECT " + all + " FROM " + partition);

            List<String> renames = new ArrayList<>();
            for (int i = 0; i < indexes.size(); i++) {
                String temporary = load + "_" + i;
                st.execute(indexes.get(i)[0].replaceFirst("^CREATE (UNIQUE )?INDEX \\S+ ON ONLY \\S+ ",
                        "CREATE $1INDEX " + quoted(temporary).replace("$", "\\$") + " ON " + table.replace("$", "\\$") + " "));
                renames.add("ALTER INDEX sinp." + quoted(temporary) + " RENAME TO " + quoted(indexes.get(i)[1]));
            }
            for (String fk : foreignKeys) {
                st.execute(fk);
            }
            // its statistics, before the swap (readers still read the former partition): the table is new, and
            // nothing else analyses it before the commit (autovacuum cannot see it), so the statements after the write
            // (the density grids, the indicators) would be planned without any, on millions of rows
            st.execute("ANALYZE " + table);

            st.execute("ALTER TABLE sinp.occurrence DETACH PARTITION " + partition);
            st.execute("DROP TABLE " + partition);
            st.execute("ALTER TABLE " + table + " RENAME TO " + quoted(p.name()));
            for (String rename : renames) {
                st.execute(rename);
            }
            st.execute("ALTER TABLE sinp.occurrence ATTACH PARTITION " + partition + " " + p.bound());
            return extent;
        }
    }

    private static String quotedLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
