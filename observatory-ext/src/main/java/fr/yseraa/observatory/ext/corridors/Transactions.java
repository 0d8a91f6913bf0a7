package fr.yseraa.observatory.ext.corridors;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Runs a process's database work in one transaction: committed only when the work completes and asks for it, so a
 * process that fails half-way leaves nothing behind; temporary tables vanish with it.
 */
final class Transactions {

    /** The longest a process's statement may run. */
    static final int STATEMENT_TIMEOUT_SECONDS = 120;

    private Transactions() {
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs work that only reads (its temporary tables are dropped by the rollback). */
    static <T> T read(DataSource ds, Work<T> work) {
        return run(ds, false, work);
    }

    /** Runs work whose writes are committed when it completes. */
    static <T> T write(DataSource ds, Work<T> work) {
        return run(ds, true, work);
    }

    private static <T> T run(DataSource ds, boolean commit, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL statement_timeout = " + STATEMENT_TIMEOUT_SECONDS * 1000);
                }
                T result = work.run(c);
                if (commit) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database work of a process failed: " + e.getMessage(), e);
        }
    }
}
