package fr.yseraa.observatory.ext.imports;

import fr.yseraa.observatory.core.geopackage.GeoPackageGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.sqlite.SQLiteConfig;

/**
 * A GeoPackage (OGC 12-128r18) holding one feature table, read row by row through SQLite: the table's columns are
 * the source columns, its geometry column the record's geometry, in the CRS the GeoPackage names for it
 * ({@code gpkg_spatial_ref_sys}: an EPSG code). Records are ranked in the table's row order, from 1.
 */
final class GeoPackageSource extends SourceFile {

    private final long size;
    private final long count;
    private final Connection db;
    private final Statement statement;
    private final ResultSet rows;
    private final int geometryIndex;
    /** srs_id of the GeoPackage → EPSG code. */
    private final Map<Integer, Integer> epsg = new HashMap<>();
    private long rank;

    GeoPackageSource(Path file) throws IOException {
        size = Files.size(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        } catch (SQLException e) {
            throw new IOException("the GeoPackage cannot be opened: " + e.getMessage(), e);
        }
        try {
            statement = db.createStatement();
            List<String[]> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT c.table_name, g.column_name FROM gpkg_contents c "
                    + "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            if (tables.size() != 1) {
                throw new IOException("a GeoPackage to import holds one feature table; this one holds " + tables.size()
                        + (tables.isEmpty() ? "" : " (" + String.join(", ", tables.stream().map(t -> t[0]).toList()) + ")"));
            }
            try (ResultSet rs = statement.executeQuery("SELECT srs_id, organization, organization_coordsys_id FROM gpkg_spatial_ref_sys")) {
                while (rs.next()) {
                    if ("EPSG".equalsIgnoreCase(rs.getString(2))) {
                        epsg.put(rs.getInt(1), rs.getInt(3));
                    }
                }
            }
            String table = quote(tables.get(0)[0]);
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
                count = rs.next() ? rs.getLong(1) : 0;
            }
            rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY rowid");
            ResultSetMetaData meta = rows.getMetaData();
            int g = -1;
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (meta.getColumnName(i).equalsIgnoreCase(tables.get(0)[1])) {
                    g = i;
                }
            }
            geometryIndex = g;
        } catch (SQLException e) {
            closeQuietly();
            throw new IOException("not a readable GeoPackage: " + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly();
            throw e;
        }
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @Override
    Record next() throws IOException {
        try {
            if (!rows.next()) {
                return null;
            }
            rank++;
            ResultSetMetaData meta = rows.getMetaData();
            Map<String, String> values = new HashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (i != geometryIndex) {
                    String v = rows.getString(i);
                    if (v != null && !v.isBlank()) {
                        values.put(meta.getColumnName(i), v.strip());
                    }
                }
            }
            byte[] blob = geometryIndex < 0 ? null : rows.getBytes(geometryIndex);
            if (blob == null) {
                return new Record(rank, values, null, null);
            }
            Geometry geometry = geometry(blob);
            String text = geometry == null ? "géométrie GeoPackage illisible ou vide" : geometry.toText();
            return new Record(rank, values, geometry, text.length() > 200 ? text.substring(0, 200) + "…" : text);
        } catch (SQLException e) {
            throw new IOException("GeoPackage unreadable after feature " + rank + ": " + e.getMessage(), e);
        }
    }

    /** The geometry of a GeoPackage blob with its EPSG code as SRID; null when unreadable or empty. */
    private Geometry geometry(byte[] blob) {
        GeoPackageGeometry.Decoded decoded = GeoPackageGeometry.decode(blob);
        if (decoded == null) {
            return null;
        }
        decoded.geometry().setSRID(epsg.getOrDefault(decoded.srsId(), decoded.srsId()));
        return decoded.geometry();
    }

    @Override
    long position() {
        return count == 0 ? size : size * rank / count;
    }

    @Override
    public void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    private void closeQuietly() {
        try {
            db.close();
        } catch (SQLException e) {
            // already failing: the first failure is the one reported
        }
    }
}
