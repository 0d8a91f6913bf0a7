package fr.yseraa.observatory.wms.testing;

import fr.yseraa.observatory.core.access.AccessPolicies;
import fr.yseraa.observatory.core.access.AccessPolicy;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.access.OpenAccessPolicy;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.CatalogLoader;
import fr.yseraa.observatory.core.catalog.CatalogValidator;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.testing.SqlFixtures;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsService;
import fr.yseraa.observatory.wms.WmsSettings;
import fr.yseraa.observatory.core.crs.EnvelopeTransformer;
import fr.yseraa.observatory.wms.style.StyleRepository;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The WMS over test layers of its own, in a throw-away PostGIS (one per test JVM): the tables of
 * {@code src/test/resources/fixture/schema.sql} (zones, a site, land cover with survey dates, 3 000 dated sightings),
 * published by the data directory and styles beside it. The sightings layer uses {@link BlurPolicy}, a policy that
 * stands for any that hides rows, attributes and exact places from the public.
 */
public final class WmsFixture {

    /** A caller with the role that sees the sightings as they are. */
    public static final Caller EXPERT = new Caller("expert", Set.of(BlurPolicy.ROLE));

    private static DataSource database;
    private static Catalog catalog;

    private WmsFixture() {
    }

    /**
     * The public sees a sighting of level 0 where it is, one of level 1 to 3 as its 2 km cell ({@code blurred}), none
     * of level 4, and never its observer; a caller with the role {@value #ROLE} sees everything as it is.
     */
    public static final class BlurPolicy implements AccessPolicy {

        public static final String ROLE = "expert";

        @Override
        public String name() {
            return "blur";
        }

        @Override
        public LayerAccess access(LayerInfo layer, Caller caller) {
            if (caller.hasRole(ROLE)) {
                return new LayerAccess(true, "geom", null, OpenAccessPolicy.allAttributes(layer), ROLE);
            }
            Map<String, String> attributes = new LinkedHashMap<>(OpenAccessPolicy.allAttributes(layer));
            attributes.remove("observer");
            return new LayerAccess(true, "CASE WHEN level = 0 THEN geom ELSE blurred END", "level < 4", attributes,
                    "public", false, List.of("geom", "blurred"));
        }
    }

    /** The ows-wms module's folder. */
    public static Path moduleRoot() {
        return Path.of(System.getProperty("obs.project.root", "..")).toAbsolutePath().normalize().resolve("ows-wms");
    }

    /** The fixture's data directory and styles. */
    public static Path root() {
        return moduleRoot().resolve("src/test/resources/fixture");
    }

    public static synchronized DataSource database() throws Exception {
        if (database == null) {
            database = SqlFixtures.database("wms", root().resolve("schema.sql"));
        }
        return database;
    }

    public static synchronized Catalog catalog() throws Exception {
        if (catalog == null) {
            catalog = new CatalogValidator(database(), root().resolve("styles"), new AccessPolicies(List.of(new BlurPolicy())))
                    .validate(CatalogLoader.load(root().resolve("data-dir")), 42);
        }
        return catalog;
    }

    public static WmsContext context(Supplier<Catalog> catalog, WmsSettings settings) throws Exception {
        return context(database(), root().resolve("styles"), catalog, settings);
    }

    /** A WMS context over a database and a styles folder (this fixture's, or another's). */
    public static WmsContext context(DataSource ds, Path styles, Supplier<Catalog> catalog, WmsSettings settings) {
        return new WmsContext(catalog, new FeatureRepository(ds, 60), new StyleRepository(styles),
                new EnvelopeTransformer(ds), settings);
    }

    public static WmsClient client() throws Exception {
        return client(WmsSettings.defaults());
    }

    public static WmsClient client(WmsSettings settings) throws Exception {
        Catalog c = catalog();
        return new WmsClient(new WmsService(context(() -> c, settings)));
    }

    /** Rows of a query on the fixture's database, each as an array of its columns. */
    public static List<Object[]> query(String sql, Object... params) throws Exception {
        return SqlFixtures.rows(database(), sql, params);
    }
}
