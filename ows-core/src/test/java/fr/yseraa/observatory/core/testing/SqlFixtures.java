package fr.yseraa.observatory.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Test layers made from SQL: a fresh PostGIS database filled by a script, and rows read back as arrays (for checks
 * against the database's truth).
 */
public final class SqlFixtures {

    private SqlFixtures() {
    }

    /**
     * A fresh database (see {@link TestPostgis#freshDatabase}) in which the script has run, on one connection (so a
     * {@code setseed} holds for the statements after it). The script's statements end with a semicolon at the end
     * of a line; lines starting with {@code --} are comments.
     */
    public static DataSource database(String prefix, Path script) throws SQLException {
        DataSource ds = TestPostgis.dataSource(TestPostgis.freshDatabase(prefix));
        String text;
        try {
            text = Files.readString(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String sql : text.split(";[ \t]*\r?\n")) {
                if (!sql.replaceAll("(?m)^\\s*--.*$", "").isBlank()) {
                    st.execute(sql);
                }
            }
        }
        return ds;
    }

    /** The rows of a query, each as an array of its columns. */
    public static List<Object[]> rows(DataSource ds, String sql, Object... params) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Object[]> rows = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
