package fr.yseraa.observatory.wms.testing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsService;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/** Maps of a layer whose catalog style draws a density grid at small scales, what they draw, and checks on them. */
public final class DensityMaps {

    private DensityMaps() {
    }

    /** A transparent 512 x 512 Lambert-93 map of the layer in its catalog style, with extra parameters. */
    public static WmsClient.Answer map(WmsClient wms, String layer, String bbox, Caller caller, String... extra) {
        return wms.catalogMap(caller, layer, "", bbox, 512, extra);
    }

    /**
     * How many pixels are drawn (not transparent), and how many of them carry one of the density classes' fill
     * colours (drawn 80 % opaque over nothing: the class colour itself once un-premultiplied).
     */
    public static int[] drawnAndClassed(BufferedImage image, Color... classes) {
        int drawn = 0;
        int classed = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y), true);
                if (c.getAlpha() == 0) {
                    continue;
                }
                drawn++;
                for (Color k : classes) {
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

    /**
     * A map of the whole region under a cap of 50 features is a grid in the density classes' colours; a 2.8 km square
     * around (x, y) on 1 000 pixels (1:10 000), where the style draws points, reaches the cap: the points were not
     * read for the grid.
     */
    public static void assertGridNeverReachesTheCap(WmsClient capped, String layer, String region, Color[] classes,
                                                    double x, double y) {
        WmsClient.Answer a = map(capped, layer, region, Caller.anonymous());
        assertThat(a.contentType()).as(a.text()).isEqualTo("image/png");
        int[] pixels = drawnAndClassed(a.image(), classes);
        assertThat(pixels[0]).as("cells are drawn").isGreaterThan(1000);
        assertThat(pixels[1]).as("in the style's class colours").isGreaterThan(pixels[0] * 8 / 10);
        WmsClient.Answer points = capped.get("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS",
                layer, "STYLES", "", "CRS", "EPSG:2154", "BBOX", WmsClient.bbox(x - 1400, y - 1400, x + 1400, y + 1400),
                "WIDTH", "1000", "HEIGHT", "1000", "FORMAT", "image/png");
        assertThat(points.text()).contains("code=\"TooManyFeatures\"");
    }

    /**
     * The cells PostGIS counts (5 km) add up to all the layer's features for the privileged caller, to all but the
     * hidden ones for the public (and to the public's count), and differ between the two; and so do the maps.
     */
    public static void assertCellsCountWhatTheCallerMaySee(WmsContext context, String layer, String region,
                                                           Caller privileged, long total, long hidden) {
        WmsClient wms = new WmsClient(new WmsService(context));
        Catalog catalog = context.catalog().get();
        LayerInfo info = catalog.layer(layer).orElseThrow();
        FeatureRepository repository = context.features();
        Map<String, Long> everything = grid(repository, catalog, info, privileged);
        Map<String, Long> visible = grid(repository, catalog, info, Caller.anonymous());
        assertThat(hidden).as("the layer has features the public may not see").isPositive();
        assertThat(everything.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        assertThat(visible.values().stream().mapToLong(Long::longValue).sum())
                .as("the public's cells count no hidden feature").isEqualTo(total - hidden)
                .isEqualTo(repository.forCaller(catalog, Caller.anonymous()).count(info, FeatureQuery.all(2154)));
        assertThat(visible).as("blurred features count where the public sees them").isNotEqualTo(everything);
        BufferedImage publicMap = map(wms, layer, region, Caller.anonymous()).image();
        BufferedImage privilegedMap = map(wms, layer, region, privileged).image();
        assertThat(Images.differingShare(publicMap, privilegedMap, 10)).isPositive();
    }

    private static Map<String, Long> grid(FeatureRepository repository, Catalog catalog, LayerInfo layer, Caller caller) {
        Map<String, Long> cells = new HashMap<>();
        repository.forCaller(catalog, caller).countPerCell(layer, FeatureQuery.all(2154), 5000,
                (cell, n) -> cells.put(cell.getEnvelopeInternal().toString(), n));
        return cells;
    }

    /** TIME=2020 and a CQL filter that keeps some features draw fewer cells; one that keeps none draws nothing. */
    public static void assertFiltersNarrowTheCounts(WmsClient wms, String layer, String region, String someFilter,
                                                    String noFilter) {
        int all = drawn(map(wms, layer, region, Caller.anonymous()));
        int oneYear = drawn(map(wms, layer, region, Caller.anonymous(), "TIME", "2020"));
        int some = drawn(map(wms, layer, region, Caller.anonymous(), "CQL_FILTER", someFilter));
        int nothing = drawn(map(wms, layer, region, Caller.anonymous(), "CQL_FILTER", noFilter));
        assertThat(oneYear).isPositive().isLessThan(all);
        assertThat(some).isPositive().isLessThan(all);
        assertThat(nothing).isZero();
    }

    private static int drawn(WmsClient.Answer answer) {
        return drawnAndClassed(answer.image())[0];
    }
}
