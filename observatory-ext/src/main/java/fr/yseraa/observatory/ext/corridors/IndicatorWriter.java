package fr.yseraa.observatory.ext.corridors;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Where {@code obs:ComputeIndicators} stores the observatory's indicators (obs.indicator, obs.indicator_value): the
 * one write a process makes, given explicitly to that administrators-only process by whoever assembles the server. All
 * of one computation is written in one transaction, committed only when the work completes, so a failure half-way
 * leaves the previous values.
 */
public final class IndicatorWriter {

    /** The longest a statement of the writing may run. */
    static final int STATEMENT_TIMEOUT_SECONDS = 120;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    public IndicatorWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T write(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL statement_timeout = " + STATEMENT_TIMEOUT_SECONDS * 1000);
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing the indicators failed: " + e.getMessage(), e);
        }
    }
}
