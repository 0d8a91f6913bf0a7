package fr.yseraa.observatory.ext.imports;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import fr.yseraa.observatory.ext.ObservatoryDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The working tables of an import: in a workspace of the transaction's own they are unlogged, so that a plan may scan
 * them in parallel workers, unseen by other sessions, and gone at the end whether the transaction commits or not;
 * without a workspace they are temporary tables.
 */
class WorkTablesTest {

    private static final String WORKSPACES = "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'import\\_%'";
    static DataSource ds;

    @BeforeAll
    static void database() {
        ds = ObservatoryDatabase.empty("worktables");
    }

    @Test
    void aWorkspacesTablesAreUnloggedScannedInParallelAndGoneAfterTheCommit() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            assertThat(WorkTables.open(c)).isTrue();
            try (Statement st = c.createStatement()) {
                st.execute(WorkTables.createAs(c, "import_row", "SELECT i AS line FROM generate_series(1, 10000) i"));
                st.execute(WorkTables.createWith(c, "import_rejection", "(line bigint NOT NULL, reason text)"));
                assertThat(string(st, "SELECT string_agg(relpersistence::text, '' ORDER BY relname) FROM pg_class "
                        + "WHERE relname IN ('import_row', 'import_rejection')")).isEqualTo("uu");
                assertThat(queryLong(ds, WORKSPACES)).as("seen by another session").isZero();
                st.execute("SET LOCAL parallel_setup_cost = 0");
                st.execute("SET LOCAL parallel_tuple_cost = 0");
                st.execute("SET LOCAL min_parallel_table_scan_size = 0");
                assertThat(plan(st, "SELECT count(*) FROM import_row WHERE line % 7 = 0")).contains("Parallel Seq Scan on import_row");
            }
            WorkTables.close(c);
            c.commit();
        }
        assertThat(queryLong(ds, WORKSPACES)).isZero();
        assertThat(queryLong(ds, "SELECT count(*) FROM pg_class WHERE relname = 'import_row'")).isZero();
    }

    @Test
    void aWorkspaceRolledBackLeavesNothing() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            WorkTables.open(c);
            try (Statement st = c.createStatement()) {
                st.execute(WorkTables.createAs(c, "import_row", "SELECT 1 AS line"));
            }
            c.rollback();
        }
        assertThat(queryLong(ds, WORKSPACES)).isZero();
    }

    @Test
    void withoutAWorkspaceTheyAreTemporary() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(WorkTables.createAs(c, "import_row", "SELECT 1 AS line"));
                assertThat(string(st, "SELECT relpersistence::text FROM pg_class WHERE oid = 'import_row'::regclass")).isEqualTo("t");
                assertThat(plan(st, "SELECT count(*) FROM import_row")).doesNotContain("Parallel");
            }
            c.commit();
        }
    }

    private static String string(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String plan(Statement st, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
