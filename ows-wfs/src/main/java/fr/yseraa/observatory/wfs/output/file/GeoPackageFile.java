package fr.yseraa.observatory.wfs.output.file;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.ValueFormat;
import fr.yseraa.observatory.core.geopackage.GeoPackageGeometry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * A GeoPackage 1.3 (OGC 12-128r18) written with SQLite: the mandatory {@code gpkg_spatial_ref_sys} (with the
 * output CRS's definition), {@code gpkg_contents} and {@code gpkg_geometry_columns}, and one feature table per query
 * ({@code fid} primary key, the geometry in GeoPackage binary form, one column per attribute), its extent in
 * {@code gpkg_contents}. A query without geometry is an attributes table. All rows go in one transaction without a
 * journal: SQLite's page cache bounds the memory. No spatial index (the R-tree extension) is written.
 */
final class GeoPackageFile implements FeatureFile {

    private static final int APPLICATION_ID = 0x47504B47; // "GPKG"
    private static final int USER_VERSION = 10300;
    private static final String WGS84 = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
            + "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
            + "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]";
    /** Rows sent to SQLite at once. */
    private static final int BATCH = 1000;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final TemporaryFiles files;
    private final Path file;
    private final Connection db;
    private final Set<String> tables = new HashSet<>();
    private final Set<Integer> srsIds = new HashSet<>(List.of(-1, 0, 4326));
    private Table current;
    private int batched;

    /** The table being written. */
    private record Table(String name, FileLayer layer, List<ValueKind> kinds, PreparedStatement insert,
                         Envelope extent) {
    }

    GeoPackageFile(Path spoolDirectory) throws IOException {
        files = new TemporaryFiles(spoolDirectory, "wfs-gpkg-");
        file = files.resolve("features.gpkg");
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            files.delete();
            throw new IOException("cannot create a GeoPackage: " + e.getMessage(), e);
        }
        sql(() -> {
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA application_id = " + APPLICATION_ID);
                st.execute("PRAGMA user_version = " + USER_VERSION);
                st.execute("PRAGMA journal_mode = OFF");
                st.execute("PRAGMA synchronous = OFF");
                st.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, "
                        + "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, "
                        + "definition TEXT NOT NULL, description TEXT)");
                st.execute("CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, "
                        + "identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT "
                        + "(strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, "
                        + "max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) "
                        + "REFERENCES gpkg_spatial_ref_sys(srs_id))");
                st.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
                        + "geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, "
                        + "m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), "
                        + "CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY "
                        + "(table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY "
                        + "(srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))");
            }
            srs("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system");
            srs("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system");
            srs("WGS 84 geodetic", 4326, "EPSG", 4326, WGS84, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid");
            db.setAutoCommit(false);
        });
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    private void sql(SqlWork work) throws IOException {
        try {
            work.run();
        } catch (SQLException e) {
            throw new IOException("cannot write the GeoPackage: " + e.getMessage(), e);
        }
    }

    private void srs(String name, int id, String organization, int code, String definition, String description)
            throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setInt(2, id);
            ps.setString(3, organization);
            ps.setInt(4, code);
            ps.setString(5, definition);
            ps.setString(6, description);
            ps.executeUpdate();
        }
    }

    @Override
    public void layer(FileLayer layer) throws IOException {
        finishTable();
        String name = unique(layer.name());
        sql(() -> {
            if (layer.withGeometry() && srsIds.add(layer.srid())) {
                srs("EPSG:" + layer.srid(), layer.srid(), "EPSG", layer.srid(),
                        layer.crsDefinition() == null ? "undefined" : layer.crsDefinition(), null);
            }
            StringBuilder create = new StringBuilder("CREATE TABLE ").append(quote(name))
                    .append(" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL");
            StringBuilder insert = new StringBuilder("INSERT INTO ").append(quote(name)).append(" (");
            StringBuilder marks = new StringBuilder();
            if (layer.withGeometry()) {
                create.append(", ").append(quote(layer.geometryColumn())).append(' ').append(geometryType(layer));
                insert.append(quote(layer.geometryColumn()));
                marks.append('?');
            }
            List<ValueKind> kinds = layer.attributes().stream().map(a -> ValueKind.ofSql(a.sqlType())).toList();
            for (int i = 0; i < kinds.size(); i++) {
                String column = quote(layer.attributes().get(i).name());
                create.append(", ").append(column).append(' ').append(columnType(kinds.get(i)));
                insert.append(marks.length() == 0 ? "" : ", ").append(column);
                marks.append(marks.length() == 0 ? "?" : ", ?");
            }
            try (Statement st = db.createStatement()) {
                st.execute(create.append(')').toString());
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO gpkg_contents (table_name, data_type, "
                    + "identifier, description, srs_id) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, layer.withGeometry() ? "features" : "attributes");
                ps.setString(3, name);
                ps.setString(4, layer.title() == null ? "" : layer.title());
                if (layer.withGeometry()) {
                    ps.setInt(5, layer.srid());
                } else {
                    ps.setNull(5, Types.INTEGER);
                }
                ps.executeUpdate();
            }
            if (layer.withGeometry()) {
                try (PreparedStatement ps = db.prepareStatement(
                        "INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)")) {
                    ps.setString(1, name);
                    ps.setString(2, layer.geometryColumn());
                    ps.setString(3, geometryType(layer));
                    ps.setInt(4, layer.srid());
                    ps.executeUpdate();
                }
            }
            String statement = marks.length() == 0 ? "INSERT INTO " + quote(name) + " DEFAULT VALUES"
                    : insert.append(") VALUES (").append(marks).append(')').toString();
            current = new Table(name, layer, kinds, db.prepareStatement(statement), new Envelope());
        });
    }

    private String unique(String name) {
        String candidate = name;
        for (int i = 2; !tables.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            candidate = name + "_" + i;
        }
        return candidate;
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** GeoPackage's geometry type names are PostGIS's, without Z or M; anything else is GEOMETRY. */
    private static String geometryType(FileLayer layer) {
        String t = layer.geometryType().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON",
                 "GEOMETRYCOLLECTION" -> t;
            default -> "GEOMETRY";
        };
    }

    private static String columnType(ValueKind kind) {
        return switch (kind) {
            case SMALL_INTEGER -> "SMALLINT";
            case INTEGER -> "MEDIUMINT";
            case BIG_INTEGER -> "INTEGER";
            case REAL -> "FLOAT";
            case DOUBLE -> "REAL";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP, TIMESTAMP_WITH_ZONE -> "DATETIME";
            case TEXT -> "TEXT";
        };
    }

    @Override
    public void feature(Feature feature) throws IOException {
        Table t = current;
        sql(() -> {
            int index = 1;
            if (t.layer().withGeometry()) {
                Geometry g = feature.geometry();
                if (g == null) {
                    t.insert().setNull(index++, Types.BLOB);
                } else {
                    t.insert().setBytes(index++, GeoPackageGeometry.encode(g, t.layer().srid()));
                    t.extent().expandToInclude(g.getEnvelopeInternal());
                }
            }
            for (int i = 0; i < t.kinds().size(); i++) {
                bind(t.insert(), index++, t.kinds().get(i), feature.attributes().get(t.layer().attributes().get(i).name()));
            }
            t.insert().addBatch();
            if (++batched == BATCH) {
                t.insert().executeBatch();
                batched = 0;
            }
        });
    }

    private static void bind(PreparedStatement ps, int index, ValueKind kind, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
            return;
        }
        if (kind.isInteger() && value instanceof Number n) {
            ps.setLong(index, n.longValue());
        } else if (kind.isFloating() && value instanceof Number n) {
            ps.setDouble(index, n.doubleValue());
        } else if (kind == ValueKind.BOOLEAN && value instanceof Boolean b) {
            ps.setInt(index, b ? 1 : 0);
        } else if (kind == ValueKind.TIMESTAMP_WITH_ZONE && value instanceof Timestamp ts) {
            ps.setString(index, UTC.format(ts.toInstant()));
        } else {
            ps.setString(index, ValueFormat.text(value));
        }
    }

    private void finishTable() throws IOException {
        if (current == null) {
            return;
        }
        Table t = current;
        current = null;
        sql(() -> {
            if (batched > 0) {
                t.insert().executeBatch();
                batched = 0;
            }
            t.insert().close();
            if (t.layer().withGeometry() && !t.extent().isNull()) {
                try (PreparedStatement ps = db.prepareStatement(
                        "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?")) {
                    ps.setDouble(1, t.extent().getMinX());
                    ps.setDouble(2, t.extent().getMinY());
                    ps.setDouble(3, t.extent().getMaxX());
                    ps.setDouble(4, t.extent().getMaxY());
                    ps.setString(5, t.name());
                    ps.executeUpdate();
                }
            }
        });
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        finishTable();
        sql(() -> {
            db.commit();
            db.close();
        });
        Files.copy(file, out);
    }

    @Override
    public void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            // closing after a failure: the temporary files go anyway
        } finally {
            files.delete();
        }
    }
}
