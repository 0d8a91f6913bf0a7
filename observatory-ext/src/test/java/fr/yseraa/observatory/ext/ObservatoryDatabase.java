package fr.yseraa.observatory.ext;

import fr.yseraa.observatory.core.access.AccessPolicies;
import fr.yseraa.observatory.core.access.AccessPolicy;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.CatalogLoader;
import fr.yseraa.observatory.core.catalog.CatalogValidator;
import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.ext.db.ObservatoryMigrations;
import fr.yseraa.observatory.ext.demo.DemoLoader;
import fr.yseraa.observatory.ext.demo.DemoOptions;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ServiceLoader;
import javax.sql.DataSource;

/** Test databases with the observatory's data model, empty or holding a small demo. */
public final class ObservatoryDatabase {

    /** Occurrences in the shared demo: enough for every sensitivity level to appear. */
    public static final long DEMO_OCCURRENCES = 20_000;
    private static DataSource demo;

    private ObservatoryDatabase() {
    }

    /** A fresh database with the data model applied and no data. */
    public static DataSource empty(String name) {
        DataSource ds = TestPostgis.dataSource(TestPostgis.freshDatabase(name));
        ObservatoryMigrations.migrate(ds);
        return ds;
    }

    /** One database per test JVM holding the default-seed demo with {@link #DEMO_OCCURRENCES} occurrences. */
    public static synchronized DataSource demo() throws Exception {
        if (demo == null) {
            DataSource ds = empty("demo");
            DemoLoader.load(ds, new DemoOptions(DEMO_OCCURRENCES, DemoOptions.DEFAULT_SEED, null, null), quiet());
            demo = ds;
        }
        return demo;
    }

    public static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    /** The project's folder (where data-dir/ and styles/ are). */
    public static Path projectRoot() {
        return Path.of(System.getProperty("obs.project.root", "..")).toAbsolutePath().normalize();
    }

    /** The project's shared folder: {@code OBS_SHARED_DIR} (bin/test sets it, see bin/shared-dir), else ../shared. */
    public static Path sharedDir() {
        String dir = System.getenv("OBS_SHARED_DIR");
        return dir == null || dir.isBlank() ? projectRoot().resolve("../shared").normalize() : Path.of(dir);
    }

    /** A data directory's catalog (the project's styles, its access policies) on a database of the observatory's schema. */
    public static Catalog catalog(DataSource database, Path dataDir) throws Exception {
        AccessPolicies policies = new AccessPolicies(ServiceLoader.load(AccessPolicy.class).stream()
                .map(ServiceLoader.Provider::get).toList());
        return new CatalogValidator(database, projectRoot().resolve("styles"), policies).validate(CatalogLoader.load(dataDir), 1);
    }

    public static long queryLong(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static String queryString(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public static void execute(DataSource ds, String... statements) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
