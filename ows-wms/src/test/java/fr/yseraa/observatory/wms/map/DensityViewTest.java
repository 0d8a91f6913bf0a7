package fr.yseraa.observatory.wms.map;

import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.wms.WmsSettings;
import fr.yseraa.observatory.wms.testing.DensityMaps;
import fr.yseraa.observatory.wms.testing.WmsFixture;
import java.awt.Color;
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

    @Test
    void theWholeRegionIsADensityGridThatNeverReachesTheFeatureCap() throws Exception {
        // the points are drawn at 1:10 000 on the site, where 1 000 sightings gather
        Object[] centre = WmsFixture.query("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p "
                + "FROM essai.site) s").get(0);
        DensityMaps.assertGridNeverReachesTheCap(WmsFixture.client(new WmsSettings(4096, 4096, 50, 4, 10)), LAYER, REGION,
                CLASSES, (Double) centre[0], (Double) centre[1]);
    }

    @Test
    void cellsCountWhatTheCallerMaySee() throws Exception {
        Catalog catalog = WmsFixture.catalog();
        long total = (Long) WmsFixture.query("SELECT count(*) FROM essai.sighting").get(0)[0];
        long hidden = (Long) WmsFixture.query("SELECT count(*) FROM essai.sighting WHERE level = 4").get(0)[0];
        DensityMaps.assertCellsCountWhatTheCallerMaySee(WmsFixture.context(() -> catalog, WmsSettings.defaults()), LAYER,
                REGION, WmsFixture.EXPERT, total, hidden);
    }

    @Test
    void timeAndVendorFiltersNarrowTheCountsInTheDatabase() throws Exception {
        DensityMaps.assertFiltersNarrowTheCounts(WmsFixture.client(), LAYER, REGION, "species_group = 'Oiseaux'",
                "species_group = 'nothing'");
    }
}
