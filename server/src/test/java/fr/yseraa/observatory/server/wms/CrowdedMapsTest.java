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
import java.util.function.IntFunction;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;

/**
 * The occurrences' density pass stands in for the points on a map that reads more occurrences than its
 * {@code density-above}, counted as the map streams them for the caller (its access policy, TIME, the vendor filter,
 * an area many blurred rows share read once): a crowded map is the grid instead of TooManyFeatures, and each caller
 * switches on what its own map reads, in WMS maps and in WMTS metatiles. The demo holds 20 000 occurrences, far below
 * the catalog style's 150 000: the tests give the same style thresholds found on the demo, through SLD_BODY or a copy
 * of the styles folder. How many features a caller's map reads is found by bisection on the threshold: the largest
 * threshold at which its map is the grid, plus one.
 */
class CrowdedMapsTest {

    static final Caller ADMIN = new Caller("admin", Set.of("admin"));
    static final String LAYER = "sinp:occurrences";
    static final String CATALOG_THRESHOLD = "density-above:150000";
    /** A 2.8 km square in the marsh on 400 pixels, 1:25 000: points in the catalog style. */
    static final int SIZE = 400;
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

    /** How many occurrences the caller may see in an area (an upper bound of the features a map of it reads). */
    static long rows(Caller caller, Envelope area, int srid, String cql) throws Exception {
        FeatureQuery query = FeatureQuery.all(srid).withBbox(area, srid);
        if (cql != null) {
            query = query.withFilter(CqlParser.parse(cql, "cql_filter"), "cql_filter");
        }
        return context.features().forCaller(catalog, caller).count(layer, query);
    }

    /** The area the marsh's map reads: the map and its margin. */
    static Envelope marshRead() {
        Envelope read = new Envelope(x - HALF, x + HALF, y - HALF, y + HALF);
        read.expandBy(CappedFeatureSource.MARGIN_PIXELS * 2 * HALF / SIZE);
        return read;
    }

    /**
     * How many features the map drawn by {@code mapAbove} (the map with the style switching above its argument)
     * reads: the smallest threshold at which it is still {@code points}, found by bisection between 0 and
     * {@code atMost} (at which it must be the points), each step checked to be the points or the grid exactly.
     */
    static int featuresRead(IntFunction<BufferedImage> mapAbove, BufferedImage points, BufferedImage grid,
                            long atMost) {
        int high = Math.toIntExact(atMost);
        assertThat(same(mapAbove.apply(high), points)).as("at most " + high + " features: the points").isTrue();
        int low = 0; // a threshold of 0 does not exist; the grid for every map that reads anything
        while (high - low > 1) {
            int middle = (low + high) >>> 1;
            BufferedImage map = mapAbove.apply(middle);
            if (same(map, points)) {
                high = middle;
            } else {
                assertThat(same(map, grid)).as("above " + middle + ": the grid, or else the points").isTrue();
                low = middle;
            }
        }
        return high;
    }

    static final Map<Caller, Integer> MARSH_READS = new LinkedHashMap<>();

    /** How many features the caller's map of the marsh reads, in the catalog style (found once). */
    static int featuresRead(Caller caller) throws Exception {
        if (!MARSH_READS.containsKey(caller)) {
            MARSH_READS.put(caller, featuresRead(n -> image(map(wms, caller, above(n))), image(map(wms, caller, null)),
                    image(map(wms, caller, densityOnly())), rows(caller, marshRead(), 2154, null)));
        }
        return MARSH_READS.get(caller);
    }

    /** The 1:25 000 map of the marsh for the caller, in the given style (null: the catalog's), with extra parameters. */
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
    void theCatalogStyleSwitchesAboveAHundredAndFiftyThousandOccurrences() throws Exception {
        var passes = new StyleRepository(DemoWms.projectRoot().resolve("styles")).load("occurrences").allStyles()
                .get(0).featureTypeStyles();
        assertThat(passes).filteredOn(p -> p.density()).singleElement()
                .satisfies(p -> assertThat(p.densityAbove()).isEqualTo(150_000));
        assertThat(passes).filteredOn(p -> !p.density()).allSatisfy(p -> assertThat(p.densityAbove()).isZero());
        // a threshold that is not a whole number of at least one is a style error: in SLD_BODY, a client's mistake
        WmsClient.Answer bad = map(wms, ADMIN, above(0));
        assertThat(bad.text()).contains("code=\"InvalidParameterValue\"", "locator=\"sld_body\"",
                "density-above needs the number of features", "density-above:0");
    }

    /**
     * Each caller's map switches on the features it reads: at that many the points, one fewer the grid, whatever
     * the other caller reads. The public reads fewer features than it has rows: the occurrences blurred to a commune,
     * a 10 km cell or the département, whose areas reach into the map from wherever they were made, are read once an
     * area; the administrator sees every occurrence exactly, one feature a row.
     */
    @Test
    void eachCallerSwitchesOnWhatItsOwnMapReads() throws Exception {
        Map<Caller, Integer> read = new LinkedHashMap<>();
        Map<Caller, BufferedImage> points = new LinkedHashMap<>();
        Map<Caller, BufferedImage> grid = new LinkedHashMap<>();
        for (Caller c : List.of(Caller.anonymous(), ADMIN)) {
            points.put(c, image(map(wms, c, null)));
            grid.put(c, image(map(wms, c, densityOnly())));
            assertThat(Images.drawn(points.get(c))).isPositive();
            assertThat(Images.drawn(grid.get(c))).isPositive();
            assertThat(same(points.get(c), grid.get(c))).as("points and grid differ").isFalse();
            read.put(c, featuresRead(c));
            assertThat(same(image(map(wms, c, above(read.get(c) - 1))), grid.get(c))).as("one above: the grid").isTrue();
        }
        long publicRows = rows(Caller.anonymous(), marshRead(), 2154, null);
        assertThat(read.get(Caller.anonymous())).as("blurred rows read once an area").isLessThan((int) publicRows);
        assertThat(read.get(ADMIN)).isLessThanOrEqualTo((int) rows(ADMIN, marshRead(), 2154, null));
        assertThat(read.get(ADMIN)).isNotEqualTo(read.get(Caller.anonymous()));
        // at the fewer of the two, the caller that reads more switches and the other does not
        int n = Math.min(read.get(ADMIN), read.get(Caller.anonymous()));
        for (Caller c : read.keySet()) {
            assertThat(same(image(map(wms, c, above(n))), read.get(c) > n ? grid.get(c) : points.get(c)))
                    .as(c.user() + " at " + n).isTrue();
        }
    }

    /** TIME and CQL_FILTER narrow what the map reads: one feature below the whole map's, the points again. */
    @Test
    void timeAndTheVendorFilterNarrowWhatIsCounted() throws Exception {
        int n = featuresRead(ADMIN) - 1;
        String birds = "group2_inpn = 'Oiseaux'";
        assertThat(rows(ADMIN, marshRead(), 2154, birds)).isPositive().isLessThanOrEqualTo(n);
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
     * Under a feature cap below what the administrator's map reads, the catalog style's map is refused
     * (TooManyFeatures); with the density pass switching in below the cap, the same map is the grid. A threshold at
     * the cap or above never switches: the cap stops the stream first.
     */
    @Test
    void aCrowdedMapIsTheGridInsteadOfTooManyFeatures() throws Exception {
        int cap = featuresRead(ADMIN) - 1;
        WmsClient capped = new WmsClient(new WmsService(DemoWms.context(() -> catalog, new WmsSettings(4096, 4096, cap,
                4, 10))));
        assertThat(map(capped, ADMIN, null).text()).contains("code=\"TooManyFeatures\"");
        assertThat(same(image(map(capped, ADMIN, above(cap - 1))), image(map(wms, ADMIN, densityOnly())))).isTrue();
        assertThat(map(capped, ADMIN, above(cap)).text()).contains("code=\"TooManyFeatures\"");
    }

    /**
     * WMTS tiles render their metatile as one map through the same renderer: what the metatile reads (its gutter and
     * the map's margin included) decides, for all of its tiles at once, each caller on its own. What a metatile reads
     * is found on the WMS map of the same area and size, which reads the same.
     */
    @Test
    void aWmtsMetatileSwitchesOnWhatItsCallerReads(@TempDir Path dir) throws Exception {
        TileMatrixSet set = TileMatrixSetLoader.load(DemoWms.projectRoot().resolve("data-dir")).get("WebMercatorQuad")
                .orElseThrow();
        TileMatrix m = set.matrix("15").orElseThrow();
        Object[] lonLat = DemoWms.query("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?),"
                + " 2154), 4326) p) s", x, y).get(0);
        long[] rc = WmtsServerTest.tileOf((Double) lonLat[0], (Double) lonLat[1], 15);
        int metatile = 2;
        int gutter = 32;
        long row0 = Math.floorDiv(rc[0], metatile) * metatile;
        long col0 = Math.floorDiv(rc[1], metatile) * metatile;
        Envelope drawn = m.envelope(row0, col0, metatile, metatile);
        drawn.expandBy(gutter * m.cellSize());
        int pixels = metatile * 256 + 2 * gutter;
        Envelope read = new Envelope(drawn);
        read.expandBy(CappedFeatureSource.MARGIN_PIXELS * m.cellSize());
        Map<Caller, Integer> reads = new LinkedHashMap<>();
        for (Caller c : List.of(Caller.anonymous(), ADMIN)) {
            IntFunction<BufferedImage> metatileMap = n -> image(metatileMap(c, n < 0 ? null : n == 0 ? densityOnly()
                    : above(n), drawn, pixels));
            reads.put(c, featuresRead(metatileMap, metatileMap.apply(-1), metatileMap.apply(0),
                    rows(c, read, 3857, null)));
        }
        assertThat(reads.get(ADMIN)).isNotEqualTo(reads.get(Caller.anonymous()));
        int n = Math.min(reads.get(ADMIN), reads.get(Caller.anonymous()));

        Path stock = DemoWms.projectRoot().resolve("styles");
        Path threshold = styles(dir.resolve("above"), above(n));
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
                for (Caller c : reads.keySet()) {
                    BufferedImage points = tile(services.get(stock), c, rc[0], col);
                    BufferedImage grid = tile(services.get(density), c, rc[0], col);
                    assertThat(Images.drawn(points)).isPositive();
                    assertThat(Images.drawn(grid)).isPositive();
                    assertThat(same(points, grid)).as("points and grid differ").isFalse();
                    BufferedImage switched = tile(services.get(threshold), c, rc[0], col);
                    assertThat(same(switched, reads.get(c) > n ? grid : points)).as(c.user() + " tile " + col).isTrue();
                }
            }
        } finally {
            services.values().forEach(Wmts::close);
        }
    }

    /** A WMS map in EPSG:3857 of an area on that many pixels each way, in the given style (null: the catalog's). */
    static WmsClient.Answer metatileMap(Caller caller, String style, Envelope area, int pixels) {
        List<String> kv = new ArrayList<>(List.of("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0",
                "LAYERS", LAYER, "STYLES", "", "CRS", "EPSG:3857",
                "BBOX", WmsClient.bbox(area.getMinX(), area.getMinY(), area.getMaxX(), area.getMaxY()),
                "WIDTH", Integer.toString(pixels), "HEIGHT", Integer.toString(pixels), "FORMAT", "image/png",
                "TRANSPARENT", "TRUE"));
        if (style != null) {
            kv.addAll(List.of("SLD_BODY", style));
        }
        return wms.get(caller, kv.toArray(String[]::new));
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
