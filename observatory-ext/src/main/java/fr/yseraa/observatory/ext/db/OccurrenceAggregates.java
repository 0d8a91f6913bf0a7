package fr.yseraa.observatory.ext.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.locationtech.jts.geom.Envelope;

/**
 * What is computed from all the occurrences: the 10 km cell counts, the occurrence indicators and the precomputed
 * density grids. A write brings them up to date either whole ({@link #refresh}) or for what it touched: it tells the
 * communes, cells and dates of the rows it writes or removes, before and after ({@link #touched}), and the area their
 * geometries cover, exact and diffusion ones, before and after ({@link #touchedArea}), both kept in temporary tables
 * until the transaction ends; then has the indicators of those units and five-year periods and the density cells of
 * those areas recomputed once ({@link #refreshTouched}).
 */
public final class OccurrenceAggregates {

    private static final String TOUCHED = "occurrence_touched";
    private static final String TOUCHED_AREAS = "occurrence_touched_area";

    private OccurrenceAggregates() {
    }

    /** Recomputes them, in the connection's transaction. */
    public static void refresh(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("REFRESH MATERIALIZED VIEW sinp.occurrence_maille");
            st.execute("SELECT obs.compute_occurrence_indicators()");
            st.execute("SELECT obs.refresh_density_grid()");
        }
    }

    /**
     * Notes an area as touched by this transaction: it holds the exact and diffusion geometries of occurrences
     * written or removed, before or after the write (a box in the SRID given).
     */
    public static void touchedArea(Connection c, Envelope area, int srid) throws SQLException {
        if (area == null || area.isNull()) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + TOUCHED_AREAS + " (area geometry) ON COMMIT DROP");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TOUCHED_AREAS
                + " VALUES (ST_MakeEnvelope(?, ?, ?, ?, ?))")) {
            ps.setDouble(1, area.getMinX());
            ps.setDouble(2, area.getMinY());
            ps.setDouble(3, area.getMaxX());
            ps.setDouble(4, area.getMaxY());
            ps.setInt(5, srid);
            ps.executeUpdate();
        }
    }

    /**
     * Notes the units and periods of some occurrences as touched by this transaction.
     *
     * @param rows a query giving (code_commune, code_maille, date_debut) of the occurrences, before or after the write
     * @param params the query's parameters
     */
    public static void touched(Connection c, String rows, Object... params) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + TOUCHED + " (code_commune text, code_maille text, "
                    + "period_start date) ON COMMIT DROP");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TOUCHED + " SELECT DISTINCT code_commune, "
                + "code_maille, make_date((extract(year FROM date_debut)::integer / 5) * 5, 1, 1) FROM (" + rows
                + ") r (code_commune, code_maille, date_debut)")) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    /**
     * Brings the cell counts and the indicators of the units and periods touched since the last call, and the
     * density grids of the areas touched, up to date (nothing when none was); returns whether any unit was touched.
     */
    public static boolean refreshTouched(Connection c) throws SQLException {
        refreshTouchedAreas(c);
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('pg_temp." + TOUCHED + "') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return false;
                }
            }
            boolean any;
            try (ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + TOUCHED + ")")) {
                rs.next();
                any = rs.getBoolean(1);
            }
            if (any) {
                st.execute("REFRESH MATERIALIZED VIEW sinp.occurrence_maille");
                // an empty list, not null (which means every unit)
                st.execute("SELECT obs.compute_occurrence_indicators("
                        + "(SELECT coalesce(array_agg(DISTINCT code_commune) FILTER (WHERE code_commune IS NOT NULL), '{}') FROM " + TOUCHED + "), "
                        + "(SELECT coalesce(array_agg(DISTINCT code_maille) FILTER (WHERE code_maille IS NOT NULL), '{}') FROM " + TOUCHED + "), "
                        + "(SELECT coalesce(array_agg(DISTINCT period_start), '{}') FROM " + TOUCHED + "))");
            }
            st.execute("DROP TABLE " + TOUCHED);
            return any;
        }
    }

    private static void refreshTouchedAreas(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('pg_temp." + TOUCHED_AREAS + "') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return;
                }
            }
            st.execute("SELECT obs.refresh_density_grid(array_agg(area)) FROM " + TOUCHED_AREAS + " HAVING count(*) > 0");
            st.execute("DROP TABLE " + TOUCHED_AREAS);
        }
    }
}
