package fr.yseraa.observatory.wms.map;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.wms.WmsSettings;
import fr.yseraa.observatory.wms.testing.DensityMaps;
import fr.yseraa.observatory.wms.testing.Images;
import fr.yseraa.observatory.wms.testing.WmsClient;
import fr.yseraa.observatory.wms.testing.WmsFixture;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A catalog style's density-grid pass at small scales (the fixture's sightings): a grid counted by PostGIS under
 * the caller's access policy, TIME and vendor filters, instead of the points, so the feature cap is never reached.
 */
class DensityViewTest {

    /** The fill colours of the sightings style's density classes, lightest to darkest. */
    static final Color[] CLASSES = {new Color(0xF2F0F7), new Color(0xCBC9E2), new Color(0x9E9AC8),
        new Color(0x756BB1), new Color(0x54278F)};
    /** The whole fixture region, 100 km on 512 pixels: 1:697 000. */
    static final String REGION = "600000,7000000,700000,7100000";
    static final String LAYER = "essai:sightings";

    private static WmsClient.Answer region(WmsClient wms, Caller caller, String... extra) {
        return DensityMaps.map(wms, LAYER, REGION, caller, extra);
    }

    private static int[] drawn(BufferedImage image) {
        return DensityMaps.drawnAndClassed(image, CLASSES);
    }

    @Test
    void theWholeRegionIsADensityGridThatNeverReachesTheFeatureCap() throws Exception {
        WmsClient capped = WmsFixture.client(new WmsSettings(4096, 4096, 50, 4, 10));
        WmsClient.Answer a = region(capped, Caller.anonymous());
        assertThat(a.contentType()).as(a.text()).isEqualTo("image/png");
        int[] pixels = drawn(a.image());
        assertThat(pixels[0]).as("cells are drawn").isGreaterThan(1000);
        assertThat(pixels[1]).as("in the style's class colours").isGreaterThan(pixels[0] * 8 / 10);

        // the same cap at 1:10 000 on the site, where the style draws points, is reached: the points were not read above
        Object[] centre = WmsFixture.query("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p "
                + "FROM essai.site) s").get(0);
        double x = (Double) centre[0];
        double y = (Double) centre[1];
        WmsClient.Answer points = capped.get("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS",
                LAYER, "STYLES", "", "CRS", "EPSG:2154", "BBOX", WmsClient.bbox(x - 1400, y - 1400, x + 1400,
                        y + 1400), "WIDTH", "1000", "HEIGHT", "1000", "FORMAT", "image/png");
        assertThat(points.text()).contains("code=\"TooManyFeatures\"");
    }

    private static Map<String, Long> grid(FeatureRepository repository, Catalog catalog, LayerInfo layer, Caller caller) {
        Map<String, Long> cells = new HashMap<>();
        repository.countPerCell(catalog, layer, FeatureQuery.all(2154), 5000, caller,
                (cell, n) -> cells.put(cell.getEnvelopeInternal().toString(), n));
        return cells;
    }

    @Test
    void cellsCountWhatTheCallerMaySee() throws Exception {
        Catalog catalog = WmsFixture.catalog();
        LayerInfo layer = catalog.layer(LAYER).orElseThrow();
        FeatureRepository repository = WmsFixture.context(() -> catalog, WmsSettings.defaults()).features();
        Map<String, Long> everything = grid(repository, catalog, layer, WmsFixture.EXPERT);
        Map<String, Long> visible = grid(repository, catalog, layer, Caller.anonymous());
        long total = (Long) WmsFixture.query("SELECT count(*) FROM essai.sighting").get(0)[0];
        long hidden = (Long) WmsFixture.query("SELECT count(*) FROM essai.sighting WHERE level = 4").get(0)[0];
        assertThat(hidden).as("the fixture has sightings the public may not see").isPositive();
        assertThat(everything.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        assertThat(visible.values().stream().mapToLong(Long::longValue).sum())
                .as("the public's cells count no hidden sighting").isEqualTo(total - hidden)
                .isEqualTo(repository.count(catalog, layer, FeatureQuery.all(2154), Caller.anonymous()));
        assertThat(visible).as("blurred sightings count where the public sees them").isNotEqualTo(everything);

        // and so do the maps
        WmsClient wms = WmsFixture.client();
        BufferedImage publicMap = region(wms, Caller.anonymous()).image();
        BufferedImage expertMap = region(wms, WmsFixture.EXPERT).image();
        assertThat(Images.differingShare(publicMap, expertMap, 10)).isPositive();
    }

    @Test
    void timeAndVendorFiltersNarrowTheCountsInTheDatabase() throws Exception {
        WmsClient wms = WmsFixture.client();
        int all = drawn(region(wms, Caller.anonymous()).image())[0];
        int oneYear = drawn(region(wms, Caller.anonymous(), "TIME", "2020").image())[0];
        int birdsOnly = drawn(region(wms, Caller.anonymous(), "CQL_FILTER", "species_group = 'Oiseaux'").image())[0];
        int nothing = drawn(region(wms, Caller.anonymous(), "CQL_FILTER", "species_group = 'nothing'").image())[0];
        assertThat(oneYear).isPositive().isLessThan(all);
        assertThat(birdsOnly).isPositive().isLessThan(all);
        assertThat(nothing).isZero();
    }
}
