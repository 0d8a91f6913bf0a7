package fr.yseraa.observatory.ext.corridors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A methodology sheet of obs.indicator, written (or brought up to date) before the indicator's values. */
record IndicatorSheet(String code, String title, String theme, String unit, String definition, String method,
                      String sources, String updateFrequency, String limits) {

    void save(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO obs.indicator (code, title, theme, unit, definition, method, sources, update_frequency, limits)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET title = excluded.title, theme = excluded.theme, unit = excluded.unit,
                    definition = excluded.definition, method = excluded.method, sources = excluded.sources,
                    update_frequency = excluded.update_frequency, limits = excluded.limits""")) {
            Object[] values = {code, title, theme, unit, definition, method, sources, updateFrequency, limits};
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }
}
