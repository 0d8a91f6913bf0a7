package fr.yseraa.observatory.ext.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** What is computed from all the occurrences: the 10 km cell counts and the occurrence indicators. */
public final class OccurrenceAggregates {

    private OccurrenceAggregates() {
    }

    /** Recomputes them, in the connection's transaction. */
    public static void refresh(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("REFRESH MATERIALIZED VIEW sinp.occurrence_maille");
            st.execute("SELECT obs.compute_occurrence_indicators()");
        }
    }
}
