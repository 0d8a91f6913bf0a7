package fr.yseraa.observatory.server.wms;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.wms.WmsSettings;
import fr.yseraa.observatory.wms.testing.DensityMaps;
import java.awt.Color;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The occurrences' catalog style at small scales: a density grid under the SINP policy, TIME and vendor filters,
 * instead of the points, so the feature cap is never reached. The grids precomputed per access class (obs.density_grid)
 * count what the live count counts, and stand only for the callers and requests they were made for.
 */
class OccurrenceDensityTest {

    static final Caller INSTRUCTOR = new Caller("instructeur", Set.of("instructor"));
    static final Caller PARTNER = new Caller("partenaire", Set.of("partner"));
    /** The access classes precomputed (sql/V24__density_grid.sql) and a caller of each. */
    static final Map<String, Caller> CLASSES_CALLERS = Map.of("public", Caller.anonymous(), "partner", PARTNER,
            "full", INSTRUCTOR);
    /** The levels of the precomputed grids: cells of 2^8 to 2^16 metres. */
    static final int FINEST = 8;
    static final int COARSEST = 16;
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

    @Test
    void thePrecomputedGridsCountWhatTheLiveCountCountsAtEveryLevel() throws Exception {
        Catalog catalog = DemoWms.catalog();
        FeatureRepository repository = DemoWms.context(() -> catalog, WmsSettings.defaults()).features();
        LayerInfo layer = catalog.layer(LAYER).orElseThrow();
        for (Caller caller : CLASSES_CALLERS.values()) {
            for (int level = FINEST; level <= COARSEST; level++) {
                Map<String, Long> precomputed = cells(repository, catalog, layer, caller, FeatureQuery.all(2154), level);
                // a filter that keeps every row: the same question, counted from the rows
                Map<String, Long> live = cells(repository, catalog, layer, caller, FeatureQuery.all(2154)
                        .withFilter(new Filter.Include(), "filter"), level);
                assertThat(precomputed).as(caller.roles() + " at level " + level).isNotEmpty().isEqualTo(live);
            }
        }
        // in a box (a map's): the cells that meet it, each with all its features, counted live or precomputed
        FeatureQuery box = FeatureQuery.all(2154).withBbox(new org.locationtech.jts.geom.Envelope(640_000, 655_000,
                7_060_000, 7_075_000), 2154);
        Map<String, Long> inBox = cells(repository, catalog, layer, Caller.anonymous(), box, 10);
        assertThat(inBox).isNotEmpty()
                .isEqualTo(cells(repository, catalog, layer, Caller.anonymous(), box.withFilter(new Filter.Include(), "f"), 10));
    }

    /**
     * A cell of each class's grid made wrong on purpose shows who reads the grids: each precomputed class's caller
     * does, whereas a filtered request, TIME on a map and a producer (its own datasets exact, the rest blurred: a
     * view of its own) are counted from the rows.
     */
    @Test
    void onlyTheCallersAndRequestsOfAPrecomputedClassReadTheGrid() throws Exception {
        Catalog catalog = DemoWms.catalog();
        FeatureRepository repository = DemoWms.context(() -> catalog, WmsSettings.defaults()).features();
        LayerInfo layer = catalog.layer(LAYER).orElseThrow();
        Integer gon = ((Number) DemoWms.query("SELECT id FROM ref.organisation WHERE acronym = 'GON'").get(0)[0]).intValue();
        Caller producer = new Caller("producteur", Set.of("producer"), gon);
        int level = 12;
        Map<Caller, Map<String, Long>> before = new HashMap<>();
        for (Caller caller : List.of(Caller.anonymous(), PARTNER, INSTRUCTOR, producer)) {
            before.put(caller, cells(repository, catalog, layer, caller, FeatureQuery.all(2154), level));
        }
        try {
            DemoWms.query("WITH t AS (UPDATE obs.density_grid SET n = n + 1000000 WHERE level = ? RETURNING 1) "
                    + "SELECT count(*) FROM t", level);
            for (Map.Entry<String, Caller> c : CLASSES_CALLERS.entrySet()) {
                Map<String, Long> read = cells(repository, catalog, layer, c.getValue(), FeatureQuery.all(2154), level);
                assertThat(read.keySet()).as(c.getKey()).isEqualTo(before.get(c.getValue()).keySet());
                read.forEach((cell, n) -> assertThat(n).as(c.getKey() + " reads the grid").isEqualTo(
                        before.get(c.getValue()).get(cell) + 1_000_000));
                assertThat(cells(repository, catalog, layer, c.getValue(), FeatureQuery.all(2154).withFilter(
                        new Filter.Include(), "filter"), level)).as(c.getKey() + " filtered: live")
                        .isEqualTo(before.get(c.getValue()));
            }
            assertThat(cells(repository, catalog, layer, producer, FeatureQuery.all(2154), level))
                    .as("a producer's view is counted live").isEqualTo(before.get(producer))
                    .isNotEqualTo(before.get(Caller.anonymous()));
        } finally {
            DemoWms.query("SELECT obs.refresh_density_grid()::text");
        }
        assertThat(cells(repository, catalog, layer, Caller.anonymous(), FeatureQuery.all(2154), level))
                .isEqualTo(before.get(Caller.anonymous()));
    }

    /** The caller's cells of 2^level metres, each by its envelope, with its count. */
    private static Map<String, Long> cells(FeatureRepository repository, Catalog catalog, LayerInfo layer, Caller caller,
                                           FeatureQuery query, int level) {
        Map<String, Long> cells = new HashMap<>();
        repository.forCaller(catalog, caller).countPerCell(layer, query, Math.scalb(1.0, level),
                (cell, n) -> assertThat(cells.put(cell.getEnvelopeInternal().toString(), n)).isNull());
        return cells;
    }
}
