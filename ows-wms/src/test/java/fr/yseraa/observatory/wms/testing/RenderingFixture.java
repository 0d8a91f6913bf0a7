package fr.yseraa.observatory.wms.testing;

import fr.yseraa.observatory.core.access.AccessPolicies;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.CatalogLoader;
import fr.yseraa.observatory.core.catalog.CatalogValidator;
import fr.yseraa.observatory.core.crs.EnvelopeTransformer;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsService;
import fr.yseraa.observatory.wms.WmsSettings;
import fr.yseraa.observatory.wms.style.StyleRepository;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Small deterministic layers for the reference-image tests, in a throw-away PostGIS database: marks, lines,
 * polygons and labelled places in a 2 560 m square of Lambert-93 near Saint-Omer, so that a 256 x 256 map of the
 * square has 10 m pixels. Catalog and styles come from {@code src/test/resources/rendering}.
 */
public final class RenderingFixture {

    /** The south-west corner of the fixture square, in Lambert-93. */
    public static final double X0 = 650_000;
    public static final double Y0 = 7_070_000;
    public static final double SIZE = 2_560;

    private static WmsClient client;
    private static DataSource database;

    private RenderingFixture() {
    }

    public static Path root() {
        return WmsFixture.moduleRoot().resolve("src/test/resources/rendering");
    }

    public static synchronized WmsClient client() throws Exception {
        if (client == null) {
            database = TestPostgis.dataSource(TestPostgis.freshDatabase("wmsref"));
            createLayers(database);
            Catalog catalog = new CatalogValidator(database, root().resolve("styles"), new AccessPolicies(List.of()))
                    .validate(CatalogLoader.load(root().resolve("data-dir")), 1);
            WmsContext context = new WmsContext(() -> catalog, new FeatureRepository(database, 60),
                    new StyleRepository(root().resolve("styles")), new EnvelopeTransformer(database), WmsSettings.defaults());
            client = new WmsClient(new WmsService(context));
        }
        return client;
    }

    /** A point of the fixture square (offsets in metres from its south-west corner) in another CRS. */
    public static double[] transform(double dx, double dy, int srid) throws Exception {
        try (Connection c = database.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT ST_X(p), ST_Y(p) FROM ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 2154), ?) p")) {
            ps.setDouble(1, X0 + dx);
            ps.setDouble(2, Y0 + dy);
            ps.setInt(3, srid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new double[] {rs.getDouble(1), rs.getDouble(2)};
            }
        }
    }

    private static void createLayers(DataSource ds) throws Exception {
        String[] sql = {
            "CREATE SCHEMA fixture",
            "CREATE TABLE fixture.marks (id integer PRIMARY KEY, kind text NOT NULL, geom geometry(Point, 2154))",
            "CREATE TABLE fixture.lines (id integer PRIMARY KEY, kind text NOT NULL, name text,"
                    + " geom geometry(LineString, 2154))",
            "CREATE TABLE fixture.polygons (id integer PRIMARY KEY, kind text NOT NULL, geom geometry(Polygon, 2154))",
            "CREATE TABLE fixture.places (id integer PRIMARY KEY, name text NOT NULL, geom geometry(Point, 2154))",
            // marks on a 3 x 3 grid, 800 m (80 pixels) apart
            "INSERT INTO fixture.marks SELECT i, kind, ST_SetSRID(ST_MakePoint(" + X0 + " + 480 + 800 * ((i - 1) % 3), "
                    + Y0 + " + 2080 - 800 * ((i - 1) / 3)), 2154) FROM unnest(ARRAY['circle', 'square', 'triangle',"
                    + " 'star', 'cross', 'x', 'png', 'svg', 'rotated']) WITH ORDINALITY AS k(kind, i)",
            "INSERT INTO fixture.lines VALUES"
                    + " (1, 'wide', 'Rue Large', " + local("LINESTRING(200 2300, 900 1900, 1600 2300, 2300 1900)") + "),"
                    + " (2, 'dashed', 'Chemin du Marais', " + local("LINESTRING(200 1400, 2360 1400)") + "),"
                    + " (3, 'offset', 'Rue Décalée', " + local("LINESTRING(300 800, 1200 800, 1600 1100, 2200 1100)") + "),"
                    + " (4, 'square_bevel', 'Quai', " + local("LINESTRING(400 200, 1280 600, 2160 200)") + ")",
            "INSERT INTO fixture.polygons VALUES"
                    + " (1, 'solid', " + local("POLYGON((200 1200, 1400 1200, 1400 2400, 200 2400, 200 1200))") + "),"
                    + " (2, 'overlap', " + local("POLYGON((900 1600, 2300 1600, 2300 2300, 900 2300, 900 1600))") + "),"
                    + " (3, 'hatched', " + local("POLYGON((400 200, 2200 200, 2200 1000, 400 1000, 400 200),"
                    + " (1100 450, 1500 450, 1500 750, 1100 750, 1100 450))") + ")",
            // three places close together: their labels overlap, and only the first placed may show
            "INSERT INTO fixture.places VALUES"
                    + " (1, 'Saint-Omer', " + local("POINT(300 2200)") + "),"
                    + " (2, 'Arques', " + local("POINT(1500 1900)") + "),"
                    + " (3, 'Clairmarais', " + local("POINT(500 1200)") + "),"
                    + " (4, 'Tilques', " + local("POINT(600 1150)") + "),"
                    + " (5, 'Salperwick', " + local("POINT(550 1250)") + "),"
                    + " (6, 'Longuenesse', " + local("POINT(1300 400)") + ")",
        };
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** A geometry given in metres from the fixture square's corner, as Lambert-93 SQL. */
    private static String local(String wkt) {
        return "ST_Translate(ST_GeomFromText('" + wkt + "', 2154), " + X0 + ", " + Y0 + ")";
    }
}
