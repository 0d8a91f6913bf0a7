package fr.yseraa.observatory.wms.map;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.wms.WmsSettings;
import fr.yseraa.observatory.wms.testing.DemoWms;
import fr.yseraa.observatory.wms.testing.WmsClient;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The occurrences' catalog style at small scales: a density grid counted by PostGIS under the caller's access
 * policy, TIME and vendor filters, instead of the points, so the feature cap is never reached.
 */
class DensityViewTest {

    static final Caller INSTRUCTOR = new Caller("instructeur", Set.of("instructor"));
    /** The fill colours of the occurrences style's density classes, lightest to darkest. */
    static final Color[] CLASSES = {new Color(0xF2F0F7), new Color(0xCBC9E2), new Color(0x9E9AC8),
        new Color(0x756BB1), new Color(0x54278F)};
    /** The whole demo territory and around, 100 km on 512 pixels: 1:697 000. */
    static final String REGION = "600000,7000000,700000,7100000";

    private static WmsClient.Answer region(WmsClient wms, Caller caller, String... extra) {
        String[] base = {"SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS", "sinp:occurrences",
            "STYLES", "", "CRS", "EPSG:2154", "BBOX", REGION, "WIDTH", "512", "HEIGHT", "512", "FORMAT", "image/png",
            "TRANSPARENT", "TRUE"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return wms.get(caller, all);
    }

    /** How many pixels are drawn (not transparent), and how many of them carry a density class colour. */
    private static int[] drawn(BufferedImage image) {
        int drawn = 0;
        int classed = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y), true);
                if (c.getAlpha() == 0) {
                    continue;
                }
                drawn++;
                for (Color k : CLASSES) {
                    // 80 % opaque over nothing: the class colour itself once un-premultiplied
                    if (Math.abs(c.getRed() - k.getRed()) + Math.abs(c.getGreen() - k.getGreen())
                            + Math.abs(c.getBlue() - k.getBlue()) < 30) {
                        classed++;
                        break;
                    }
                }
            }
        }
        return new int[] {drawn, classed};
    }

    @Test
    void theWholeRegionIsADensityGridThatNeverReachesTheFeatureCap() throws Exception {
        WmsClient capped = DemoWms.client(new WmsSettings(4096, 4096, 50, 4, 10));
        WmsClient.Answer a = region(capped, Caller.anonymous());
        assertThat(a.contentType()).as(a.text()).isEqualTo("image/png");
        int[] pixels = drawn(a.image());
        assertThat(pixels[0]).as("cells are drawn").isGreaterThan(1000);
        assertThat(pixels[1]).as("in the style's class colours").isGreaterThan(pixels[0] * 8 / 10);

        // the same cap at 1:10 000 in the marsh, where the style draws points, is reached: the points were not read above
        Object[] centre = DemoWms.query("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p "
                + "FROM territory.ramsar_site) s").get(0);
        double x = (Double) centre[0];
        double y = (Double) centre[1];
        WmsClient.Answer points = capped.get("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS",
                "sinp:occurrences", "STYLES", "", "CRS", "EPSG:2154", "BBOX", GetMapTest.bbox(x - 1400, y - 1400, x + 1400,
                        y + 1400), "WIDTH", "1000", "HEIGHT", "1000", "FORMAT", "image/png");
        assertThat(points.text()).contains("code=\"TooManyFeatures\"");
    }

    private static Map<String, Long> grid(FeatureRepository repository, Catalog catalog, LayerInfo layer, Caller caller) {
        Map<String, Long> cells = new HashMap<>();
        repository.forCaller(catalog, caller).countPerCell(layer, FeatureQuery.all(2154), 5000,
                (cell, n) -> cells.put(cell.getEnvelopeInternal().toString(), n));
        return cells;
    }

    @Test
    void cellsCountWhatTheCallerMaySee() throws Exception {
        Catalog catalog = DemoWms.catalog();
        LayerInfo layer = catalog.layer("sinp:occurrences").orElseThrow();
        FeatureRepository repository = DemoWms.context(() -> catalog, WmsSettings.defaults()).features();
        Map<String, Long> everything = grid(repository, catalog, layer, INSTRUCTOR);
        Map<String, Long> diffused = grid(repository, catalog, layer, Caller.anonymous());
        long total = (Long) DemoWms.query("SELECT count(*) FROM sinp.occurrence").get(0)[0];
        long hidden = (Long) DemoWms.query("SELECT count(*) FROM sinp.occurrence WHERE diffusion_level = 4").get(0)[0];
        assertThat(hidden).as("the demo has occurrences the public may not see").isPositive();
        assertThat(everything.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        assertThat(diffused.values().stream().mapToLong(Long::longValue).sum())
                .as("the public's cells count no sensitivity-4 or undiffused occurrence").isEqualTo(total - hidden)
                .isEqualTo(repository.forCaller(catalog, Caller.anonymous()).count(layer, FeatureQuery.all(2154)));
        assertThat(diffused).as("blurred occurrences count where the public sees them").isNotEqualTo(everything);

        // and so do the maps
        WmsClient wms = DemoWms.client();
        BufferedImage publicMap = region(wms, Caller.anonymous()).image();
        BufferedImage instructorMap = region(wms, INSTRUCTOR).image();
        assertThat(fr.yseraa.observatory.wms.testing.Images.differingShare(publicMap, instructorMap, 10)).isPositive();
    }

    @Test
    void timeAndVendorFiltersNarrowTheCountsInTheDatabase() throws Exception {
        WmsClient wms = DemoWms.client();
        int all = drawn(region(wms, Caller.anonymous()).image())[0];
        int oneYear = drawn(region(wms, Caller.anonymous(), "TIME", "2020").image())[0];
        int birdsOnly = drawn(region(wms, Caller.anonymous(), "CQL_FILTER", "group2_inpn = 'Oiseaux'").image())[0];
        int nothing = drawn(region(wms, Caller.anonymous(), "CQL_FILTER", "group2_inpn = 'nothing'").image())[0];
        assertThat(oneYear).isPositive().isLessThan(all);
        assertThat(birdsOnly).isPositive().isLessThan(all);
        assertThat(nothing).isZero();
    }
}
