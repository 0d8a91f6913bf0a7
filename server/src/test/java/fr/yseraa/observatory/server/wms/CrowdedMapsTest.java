package fr.yseraa.observatory.server.wms;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.filter.CqlParser;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.testing.CapturedResponse;
import fr.yseraa.observatory.server.TestServer;
import fr.yseraa.observatory.server.tiles.WmtsServerTest;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsService;
import fr.yseraa.observatory.wms.WmsSettings;
import fr.yseraa.observatory.wms.map.CappedFeatureSource;
import fr.yseraa.observatory.wms.style.StyleRepository;
import fr.yseraa.observatory.wms.testing.Images;
import fr.yseraa.observatory.wms.testing.WmsClient;
import fr.yseraa.observatory.wms.testing.WmsFixture;
import fr.yseraa.observatory.wmts.Wmts;
import fr.yseraa.observatory.wmts.WmtsSettings;
import fr.yseraa.observatory.wmts.matrix.TileMatrix;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSet;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSetLoader;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSets;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;

/**
 * The occurrences' density pass stands in for the points on a map that holds more occurrences than its
 * {@code density-above}, counted for the caller (its access policy, TIME, the vendor filter) in the map's area and
 * margin: a crowded map is the grid instead of TooManyFeatures, and each caller switches on its own rows, in WMS maps
 * and in WMTS metatiles. The demo holds 20 000 occurrences, far below the catalog style's 50 000: the tests give the
 * same style a threshold counted from the demo's rows, through SLD_BODY or a copy of the styles folder.
 */
class CrowdedMapsTest {

    static final Caller ADMIN = new Caller("admin", Set.of("admin"));
    static final String LAYER = "sinp:occurrences";
    static final String CATALOG_THRESHOLD = "density-above:50000";
    /** A 2.8 km square in the marsh on 1 000 pixels, 1:10 000: points in the catalog style. */
    static final int SIZE = 1000;
    static final double HALF = 1400;

    static String sld;
    static Catalog catalog;
    static LayerInfo layer;
    static WmsContext context;
    static WmsClient wms;
    static double x;
    static double y;

    @BeforeAll
    static void demo() throws Exception {
        sld = Files.readString(DemoWms.projectRoot().resolve("styles/occurrences.sld"));
        assertThat(sld).contains("<SemanticTypeIdentifier>" + CATALOG_THRESHOLD + "</SemanticTypeIdentifier>");
        catalog = DemoWms.catalog();
        layer = catalog.layer(LAYER).orElseThrow();
        context = DemoWms.context(() -> catalog, WmsSettings.defaults());
        wms = new WmsClient(new WmsService(context));
        Object[] centre = DemoWms.query("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p "
                + "FROM territory.ramsar_site) s").get(0);
        x = (Double) centre[0];
        y = (Double) centre[1];
    }

    /** The catalog's occurrence style, its density pass switching in above {@code n} occurrences. */
    static String above(int n) {
        return sld.replace(CATALOG_THRESHOLD, "density-above:" + n);
    }

    /** The catalog's occurrence style reduced to its density pass, drawn at every scale. */
    static String densityOnly() {
        int passes = sld.indexOf("<FeatureTypeStyle>");
        int density = sld.lastIndexOf("<FeatureTypeStyle>", sld.indexOf("<Name>density</Name>"));
        String pass = sld.substring(density);
        assertThat(pass.split("<MinScaleDenominator>50000</MinScaleDenominator>", -1)).hasSize(6); // its five classes
        return sld.substring(0, passes) + pass.replace("<MinScaleDenominator>50000</MinScaleDenominator>", "")
                .replace("<SemanticTypeIdentifier>" + CATALOG_THRESHOLD + "</SemanticTypeIdentifier>", "");
    }

    /** How many occurrences the caller may see in the area and the margin a map of that pixel size reads. */
    static long rows(Caller caller, Envelope area, int srid, double pixelSize, String cql) throws Exception {
        Envelope read = new Envelope(area);
        read.expandBy(CappedFeatureSource.MARGIN_PIXELS * pixelSize);
        FeatureQuery query = FeatureQuery.all(srid).withBbox(read, srid);
        if (cql != null) {
            query = query.withFilter(CqlParser.parse(cql, "cql_filter"), "cql_filter");
        }
        return context.features().forCaller(catalog, caller).count(layer, query);
    }

    static long rows(Caller caller) throws Exception {
        return rows(caller, new Envelope(x - HALF, x + HALF, y - HALF, y + HALF), 2154, 2 * HALF / SIZE, null);
    }

    /** The 1:10 000 map of the marsh for the caller, in the given style (null: the catalog's), with extra parameters. */
    static WmsClient.Answer map(WmsClient client, Caller caller, String style, String... extra) {
        List<String> kv = new ArrayList<>(List.of("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0",
                "LAYERS", LAYER, "STYLES", "", "CRS", "EPSG:2154",
                "BBOX", WmsClient.bbox(x - HALF, y - HALF, x + HALF, y + HALF), "WIDTH", Integer.toString(SIZE),
                "HEIGHT", Integer.toString(SIZE), "FORMAT", "image/png", "TRANSPARENT", "TRUE"));
        if (style != null) {
            kv.addAll(List.of("SLD_BODY", style));
        }
        kv.addAll(List.of(extra));
        return client.get(caller, kv.toArray(String[]::new));
    }

    static BufferedImage image(WmsClient.Answer answer) {
        assertThat(answer.contentType()).as(answer.text()).isEqualTo("image/png");
        return answer.image();
    }

    static boolean same(BufferedImage a, BufferedImage b) {
        return Images.differingShare(a, b, 0) == 0;
    }

    @Test
    void theCatalogStyleSwitchesAboveFiftyThousandOccurrences() throws Exception {
        var passes = new StyleRepository(DemoWms.projectRoot().resolve("styles")).load("occurrences").allStyles()
                .get(0).featureTypeStyles();
        assertThat(passes).filteredOn(p -> p.density()).singleElement()
                .satisfies(p -> assertThat(p.densityAbove()).isEqualTo(50_000));
        assertThat(passes).filteredOn(p -> !p.density()).allSatisfy(p -> assertThat(p.densityAbove()).isZero());
        // a threshold that is not a whole number of at least one is a style error: in SLD_BODY, a client's mistake
        WmsClient.Answer bad = map(wms, ADMIN, above(0));
        assertThat(bad.text()).contains("code=\"InvalidParameterValue\"", "locator=\"sld_body\"",
                "density-above needs the number of features", "density-above:0");
    }

    /**
     * Here the public has more rows than the administrator: it sees the occurrences blurred to communes, 10 km cells
     * and the département whose areas reach into the map, wherever they were made. A threshold at the
     * administrator's rows switches the public's map to the grid and leaves the administrator's points; each map is
     * pixel for pixel the points (the catalog style, never switched on the demo) or the grid (the density pass alone).
     */
    @Test
    void eachCallerSwitchesOnItsOwnRows() throws Exception {
        long publicRows = rows(Caller.anonymous());
        long adminRows = rows(ADMIN);
        assertThat(adminRows).isPositive();
        assertThat(publicRows).isGreaterThan(adminRows).isLessThan(50_000);
        Map<Caller, BufferedImage> points = new LinkedHashMap<>();
        Map<Caller, BufferedImage> grid = new LinkedHashMap<>();
        for (Caller c : List.of(Caller.anonymous(), ADMIN)) {
            points.put(c, image(map(wms, c, null)));
            grid.put(c, image(map(wms, c, densityOnly())));
            assertThat(Images.drawn(points.get(c))).isPositive();
            assertThat(Images.drawn(grid.get(c))).isPositive();
            assertThat(same(points.get(c), grid.get(c))).as("points and grid differ").isFalse();
        }
        // at the administrator's rows: the administrator is not above, the public is
        int n = Math.toIntExact(adminRows);
        assertThat(same(image(map(wms, ADMIN, above(n))), points.get(ADMIN))).as("admin at its rows: points").isTrue();
        assertThat(same(image(map(wms, Caller.anonymous(), above(n))), grid.get(Caller.anonymous())))
                .as("public above: grid").isTrue();
        // at the public's rows neither is above; one below the administrator's both are
        int m = Math.toIntExact(publicRows);
        assertThat(same(image(map(wms, Caller.anonymous(), above(m))), points.get(Caller.anonymous()))).isTrue();
        assertThat(same(image(map(wms, ADMIN, above(m))), points.get(ADMIN))).isTrue();
        assertThat(same(image(map(wms, ADMIN, above(n - 1))), grid.get(ADMIN))).as("admin one above: grid").isTrue();
        assertThat(same(image(map(wms, Caller.anonymous(), above(n - 1))), grid.get(Caller.anonymous()))).isTrue();
    }

    /** TIME and CQL_FILTER narrow the rows counted as they narrow those drawn: fewer rows, the points again. */
    @Test
    void timeAndTheVendorFilterNarrowTheRowsCounted() throws Exception {
        int n = Math.toIntExact(rows(ADMIN) - 1);
        String birds = "group2_inpn = 'Oiseaux'";
        long birdRows = rows(ADMIN, new Envelope(x - HALF, x + HALF, y - HALF, y + HALF), 2154, 2 * HALF / SIZE, birds);
        assertThat(birdRows).isPositive().isLessThanOrEqualTo(n);
        for (String[] narrowing : List.of(new String[] {"CQL_FILTER", birds}, new String[] {"TIME", "2020"})) {
            BufferedImage points = image(map(wms, ADMIN, null, narrowing));
            BufferedImage grid = image(map(wms, ADMIN, densityOnly(), narrowing));
            assertThat(Images.drawn(points)).as(narrowing[0]).isPositive();
            assertThat(same(points, grid)).as(narrowing[0]).isFalse();
            assertThat(same(image(map(wms, ADMIN, above(n), narrowing)), points)).as(narrowing[0] + ": points").isTrue();
        }
        assertThat(same(image(map(wms, ADMIN, above(n))), image(map(wms, ADMIN, densityOnly())))).isTrue();
    }

    /**
     * Under a feature cap below the administrator's rows the catalog style's map is refused (TooManyFeatures); with the
     * density pass switching in under the cap, the same map is the grid, no feature read.
     */
    @Test
    void aCrowdedMapIsTheGridInsteadOfTooManyFeatures() throws Exception {
        int cap = Math.toIntExact(rows(ADMIN) - 1);
        WmsClient capped = new WmsClient(new WmsService(DemoWms.context(() -> catalog, new WmsSettings(4096, 4096, cap,
                4, 10))));
        assertThat(map(capped, ADMIN, null).text()).contains("code=\"TooManyFeatures\"");
        assertThat(same(image(map(capped, ADMIN, above(cap))), image(map(wms, ADMIN, densityOnly())))).isTrue();
        assertThat(same(image(map(capped, Caller.anonymous(), above(cap))),
                image(map(wms, Caller.anonymous(), densityOnly())))).isTrue();
    }

    /**
     * WMTS tiles render their metatile as one map through the same renderer: the rows of the metatile (its gutter
     * and the map's margin included) decide, for all of its tiles at once, each caller on its own rows.
     */
    @Test
    void aWmtsMetatileSwitchesOnItsCallersRows(@TempDir Path dir) throws Exception {
        TileMatrixSet set = TileMatrixSetLoader.load(DemoWms.projectRoot().resolve("data-dir")).get("WebMercatorQuad")
                .orElseThrow();
        TileMatrix m = set.matrix("15").orElseThrow();
        Object[] lonLat = DemoWms.query("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?),"
                + " 2154), 4326) p) s", x, y).get(0);
        long[] rc = WmtsServerTest.tileOf((Double) lonLat[0], (Double) lonLat[1], 15);
        int metatile = 4;
        int gutter = 64;
        long row0 = Math.floorDiv(rc[0], metatile) * metatile;
        long col0 = Math.floorDiv(rc[1], metatile) * metatile;
        Envelope drawn = m.envelope(row0, col0, metatile, metatile);
        drawn.expandBy(gutter * m.cellSize());
        long publicRows = rows(Caller.anonymous(), drawn, 3857, m.cellSize(), null);
        long adminRows = rows(ADMIN, drawn, 3857, m.cellSize(), null);
        assertThat(adminRows).isPositive();
        assertThat(publicRows).isGreaterThan(adminRows);

        Path stock = DemoWms.projectRoot().resolve("styles");
        Path threshold = styles(dir.resolve("above"), above(Math.toIntExact(adminRows)));
        Path density = styles(dir.resolve("density"), densityOnly());
        Map<Path, Wmts> services = new LinkedHashMap<>();
        try {
            for (Path styles : List.of(stock, threshold, density)) {
                WmsContext wmsContext = WmsFixture.context(DemoWms.database(), styles, () -> catalog,
                        WmsSettings.defaults());
                services.put(styles, Wmts.create(wmsContext, new WmsService(wmsContext), new TileMatrixSets(List.of(set)), new WmtsSettings(metatile, gutter,
                        Files.createTempDirectory(dir, "cache"), 16L << 20, 300), styles, s -> s));
            }
            // two tiles of the metatile: the requested one and its neighbour
            for (long col : new long[] {rc[1], rc[1] == col0 ? rc[1] + 1 : rc[1] - 1}) {
                for (Caller c : List.of(Caller.anonymous(), ADMIN)) {
                    BufferedImage points = tile(services.get(stock), c, rc[0], col);
                    BufferedImage grid = tile(services.get(density), c, rc[0], col);
                    assertThat(Images.drawn(points)).isPositive();
                    assertThat(Images.drawn(grid)).isPositive();
                    assertThat(same(points, grid)).as("points and grid differ").isFalse();
                    BufferedImage switched = tile(services.get(threshold), c, rc[0], col);
                    assertThat(same(switched, c.equals(ADMIN) ? points : grid)).as(c.user() + " tile " + col).isTrue();
                }
            }
        } finally {
            services.values().forEach(Wmts::close);
        }
    }

    /** A styles folder like the project's, its occurrence style replaced. */
    static Path styles(Path dir, String occurrences) throws Exception {
        TestServer.copy(DemoWms.projectRoot().resolve("styles"), dir);
        Files.writeString(dir.resolve("occurrences.sld"), occurrences);
        return dir;
    }

    static BufferedImage tile(Wmts wmts, Caller caller, long row, long col) throws Exception {
        Map<String, String> kvp = new LinkedHashMap<>();
        kvp.put("SERVICE", "WMTS");
        kvp.put("REQUEST", "GetTile");
        kvp.put("VERSION", "1.0.0");
        kvp.put("LAYER", LAYER);
        kvp.put("STYLE", "");
        kvp.put("FORMAT", "image/png");
        kvp.put("TILEMATRIXSET", "WebMercatorQuad");
        kvp.put("TILEMATRIX", "15");
        kvp.put("TILEROW", Long.toString(row));
        kvp.put("TILECOL", Long.toString(col));
        CapturedResponse response = new CapturedResponse();
        try {
            wmts.service().handle(new OwsRequest("WMTS", "GetTile", "1.0.0", KvpParameters.of(kvp), null, caller,
                    "http://localhost/wmts"), response);
        } catch (OwsException e) {
            throw new AssertionError("tile " + row + "/" + col + " refused: " + e.getMessage(), e);
        }
        assertThat(response.status).as(response.text()).isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(response.bytes()));
    }
}
