package fr.yseraa.observatory.server.wms;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.wms.WmsSettings;
import fr.yseraa.observatory.wms.testing.DensityMaps;
import java.awt.Color;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The occurrences' catalog style at small scales: a density grid counted by PostGIS under the SINP policy, TIME and
 * vendor filters, instead of the points, so the feature cap is never reached.
 */
class OccurrenceDensityTest {

    static final Caller INSTRUCTOR = new Caller("instructeur", Set.of("instructor"));
    /** The fill colours of the occurrences style's density classes, lightest to darkest. */
    static final Color[] CLASSES = {new Color(0xF2F0F7), new Color(0xCBC9E2), new Color(0x9E9AC8),
        new Color(0x756BB1), new Color(0x54278F)};
    /** The whole demo territory and around, 100 km on 512 pixels: 1:697 000. */
    static final String REGION = "600000,7000000,700000,7100000";
    static final String LAYER = "sinp:occurrences";

    @Test
    void theWholeRegionIsADensityGridThatNeverReachesTheFeatureCap() throws Exception {
        // the points are drawn at 1:10 000 in the marsh
        Object[] centre = DemoWms.query("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p "
                + "FROM territory.ramsar_site) s").get(0);
        DensityMaps.assertGridNeverReachesTheCap(DemoWms.client(new WmsSettings(4096, 4096, 50, 4, 10)), LAYER, REGION,
                CLASSES, (Double) centre[0], (Double) centre[1]);
    }

    @Test
    void cellsCountWhatTheCallerMaySee() throws Exception {
        Catalog catalog = DemoWms.catalog();
        long total = (Long) DemoWms.query("SELECT count(*) FROM sinp.occurrence").get(0)[0];
        // the public's cells count no sensitivity-4 or undiffused occurrence
        long hidden = (Long) DemoWms.query("SELECT count(*) FROM sinp.occurrence WHERE diffusion_level = 4").get(0)[0];
        DensityMaps.assertCellsCountWhatTheCallerMaySee(DemoWms.context(() -> catalog, WmsSettings.defaults()), LAYER,
                REGION, INSTRUCTOR, total, hidden);
    }

    @Test
    void timeAndVendorFiltersNarrowTheCountsInTheDatabase() throws Exception {
        DensityMaps.assertFiltersNarrowTheCounts(DemoWms.client(), LAYER, REGION, "group2_inpn = 'Oiseaux'",
                "group2_inpn = 'nothing'");
    }
}
