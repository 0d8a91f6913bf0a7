package fr.yseraa.observatory.wms.testing;

import fr.yseraa.observatory.core.access.AccessPolicies;
import fr.yseraa.observatory.core.access.AccessPolicy;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.CatalogLoader;
import fr.yseraa.observatory.core.catalog.CatalogValidator;
import fr.yseraa.observatory.core.crs.EnvelopeTransformer;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.ext.db.ObservatoryMigrations;
import fr.yseraa.observatory.ext.demo.DemoLoader;
import fr.yseraa.observatory.ext.demo.DemoOptions;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsService;
import fr.yseraa.observatory.wms.WmsSettings;
import fr.yseraa.observatory.wms.style.StyleRepository;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The WMS over the project's own catalog and a small demo observatory in a throw-away PostGIS (one per test JVM).
 * The observatory extension is used here only as test data: the WMS itself knows nothing of it.
 */
public final class DemoWms {

    public static final long OCCURRENCES = 20_000;
    private static DataSource demo;
    private static Catalog catalog;

    private DemoWms() {
    }

    public static synchronized DataSource database() throws Exception {
        if (demo == null) {
            DataSource ds = TestPostgis.dataSource(TestPostgis.freshDatabase("wms"));
            ObservatoryMigrations.migrate(ds);
            DemoLoader.load(ds, new DemoOptions(OCCURRENCES, DemoOptions.DEFAULT_SEED, null, null),
                    new PrintStream(OutputStream.nullOutputStream()));
            demo = ds;
        }
        return demo;
    }

    public static Path projectRoot() {
        return Path.of(System.getProperty("obs.project.root", "..")).toAbsolutePath().normalize();
    }

    public static synchronized Catalog catalog() throws Exception {
        if (catalog == null) {
            Path root = projectRoot();
            AccessPolicies policies = new AccessPolicies(ServiceLoader.load(AccessPolicy.class).stream()
                    .map(ServiceLoader.Provider::get).toList());
            catalog = new CatalogValidator(database(), root.resolve("styles"), policies)
                    .validate(CatalogLoader.load(root.resolve("data-dir")), 42);
        }
        return catalog;
    }

    public static WmsContext context(Supplier<Catalog> catalog, WmsSettings settings) throws Exception {
        DataSource ds = database();
        return new WmsContext(catalog, new FeatureRepository(ds, 60), new StyleRepository(projectRoot().resolve("styles")),
                new EnvelopeTransformer(ds), settings);
    }

    public static WmsClient client() throws Exception {
        Catalog c = catalog();
        return new WmsClient(new WmsService(context(() -> c, WmsSettings.defaults())));
    }

    public static WmsClient client(WmsSettings settings) throws Exception {
        Catalog c = catalog();
        return new WmsClient(new WmsService(context(() -> c, settings)));
    }

    /** Rows of a query, each as an array of its columns (for checks against the database's truth). */
    public static List<Object[]> query(String sql, Object... params) throws Exception {
        try (Connection c = database().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
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
