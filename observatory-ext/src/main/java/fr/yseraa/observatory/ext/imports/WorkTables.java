package fr.yseraa.observatory.ext.imports;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Where the working tables of an import's steps go (the staged, checked and derived rows). By default they are
 * temporary tables, dropped at commit: private to the session, but only its own backend can read them, so PostgreSQL
 * never hands a scan of them to parallel workers. An import of a file opens a workspace for its transaction: a schema
 * of its own (a name no other import uses), first in the transaction's search path, where the same tables are created
 * unlogged, which parallel workers can scan (a plan still stays serial above a LATERAL subquery that reads the outer
 * row, as the checks' and the derivation's do: bench/RESULTS.md, 2026-12-07 evening), and which are written and read
 * through the shared buffers rather than the session's temporary ones. Like the temporary tables, they are seen by no
 * other session (created in a transaction that never commits them: the workspace is dropped before the commit), and
 * vanish with a rollback or a killed client. A role that may not create a schema in the database keeps the temporary
 * tables.
 */
final class WorkTables {

    /** The transaction-local setting naming the open workspace (empty or unset: none). */
    private static final String SETTING = "obs.import_workspace";

    private WorkTables() {
    }

    /** Opens a workspace for the rest of the transaction; false when the role may not create one. */
    static boolean open(Connection c) throws SQLException {
        String schema = "import_" + UUID.randomUUID().toString().replace("-", "");
        try (Statement st = c.createStatement()) {
            String path;
            try (ResultSet rs = st.executeQuery("SELECT has_database_privilege(current_database(), 'CREATE'), "
                    + "current_setting('search_path')")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return false;
                }
                path = rs.getString(2);
            }
            st.execute("CREATE SCHEMA " + schema);
            st.execute("SET LOCAL search_path = " + schema + (path.isBlank() ? "" : ", " + path));
            st.execute("SET LOCAL " + SETTING + " = '" + schema + "'");
        }
        return true;
    }

    /** Drops the open workspace and its tables (before the commit: the import's other work stays). */
    static void close(Connection c) throws SQLException {
        String schema = workspace(c);
        if (schema != null) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
                st.execute("SET LOCAL " + SETTING + " = ''");
            }
        }
    }

    /** The statement creating a working table from a query ({@code AS SELECT ...} or {@code AS VALUES ...}). */
    static String createAs(Connection c, String name, String query) throws SQLException {
        return workspace(c) != null ? "CREATE UNLOGGED TABLE " + name + " AS " + query
                : "CREATE TEMPORARY TABLE " + name + " ON COMMIT DROP AS " + query;
    }

    /** The statement creating an empty working table from its columns ({@code (line bigint, ...)}). */
    static String createWith(Connection c, String name, String columns) throws SQLException {
        return workspace(c) != null ? "CREATE UNLOGGED TABLE " + name + " " + columns
                : "CREATE TEMPORARY TABLE " + name + " " + columns + " ON COMMIT DROP";
    }

    private static String workspace(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('" + SETTING + "', true)")) {
            rs.next();
            String schema = rs.getString(1);
            return schema == null || schema.isEmpty() ? null : schema;
        }
    }
}
