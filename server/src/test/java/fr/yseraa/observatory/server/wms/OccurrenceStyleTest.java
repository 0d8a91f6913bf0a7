package fr.yseraa.observatory.server.wms;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.wms.render.ActiveRules;
import fr.yseraa.observatory.wms.style.FeatureTypeStyle;
import fr.yseraa.observatory.wms.style.Rule;
import fr.yseraa.observatory.wms.style.StyleRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTReader;

/**
 * The project's occurrence style draws what each caller gets as it is: a blurred area as an area (never a marker
 * that would look like a precise place), an exact location as a marker of its taxon group, whatever the
 * occurrence's public diffusion level (an instructor's exact points of sensitive species included).
 */
class OccurrenceStyleTest {

    static final Path STYLES = Path.of(System.getProperty("obs.project.root", "..")).resolve("styles");
    static final double LARGE_SCALE = 5_000;
    static final List<FeatureTypeStyle> STYLE = new StyleRepository(STYLES).load("occurrences").allStyles().get(0)
            .featureTypeStyles();

    private static List<String> rulesFor(Map<String, Object> attributes, String wkt) throws Exception {
        Feature feature = new Feature("occurrences.1", attributes, new WKTReader().read(wkt));
        List<String> matched = new ArrayList<>();
        for (FeatureTypeStyle fts : STYLE) {
            new ActiveRules(fts, LARGE_SCALE).forEachMatch(feature, (Rule r) -> matched.add(r.name()));
        }
        return matched;
    }

    private static Map<String, Object> occurrence(boolean exact, int level, String group) {
        Map<String, Object> a = new HashMap<>();
        a.put("localisation_exacte", exact);
        a.put("diffusion_level", level);
        a.put("group2_inpn", group);
        a.put("nom_scientifique", "Botaurus stellaris");
        return a;
    }

    @Test
    void aBlurredOccurrenceIsDrawnAsItsAreaOnly() throws Exception {
        String commune = "POLYGON((0 0, 1000 0, 1000 1000, 0 1000, 0 0))";
        assertThat(rulesFor(occurrence(false, 1, "Oiseaux"), commune)).containsExactly("blurred_to_commune");
        assertThat(rulesFor(occurrence(false, 2, null), commune)).containsExactly("blurred_to_grid_cell");
        assertThat(rulesFor(occurrence(false, 3, "Champignons"), commune)).containsExactly("blurred_to_department");
    }

    /**
     * At every scale the style draws features, what the rows of a blurred area share (their level, and that none is
     * exact) decides which rules draw the area, and those rules read nothing else: a map may read each area once
     * instead of its rows. Without knowing whether the rows are exact, the taxon rules could apply: undecided.
     */
    @Test
    void theRowsOfABlurredAreaAreDrawnByWhatTheyShare() {
        for (double scale : new double[] {LARGE_SCALE, 25_000, 49_000}) {
            for (int level = 1; level <= 3; level++) {
                Map<String, Object> shared = new HashMap<>();
                shared.put("diffusion_level", level);
                shared.put("localisation_exacte", false);
                for (FeatureTypeStyle fts : STYLE) {
                    assertThat(new ActiveRules(fts, scale).decidedBy(shared)).as("%s at 1:%s", fts.name(), scale)
                            .isTrue();
                }
                shared.remove("localisation_exacte");
                assertThat(STYLE.stream().allMatch(fts -> new ActiveRules(fts, scale).decidedBy(shared))).isFalse();
            }
        }
    }

    @Test
    void anExactLocationIsAMarkerOfItsGroupWhateverItsPublicLevel() throws Exception {
        String point = "POINT(500 500)";
        assertThat(rulesFor(occurrence(true, 0, "Oiseaux"), point)).containsExactly("birds", "taxon_label");
        assertThat(rulesFor(occurrence(true, 3, "Oiseaux"), point)).containsExactly("birds", "taxon_label");
        assertThat(rulesFor(occurrence(true, 1, "Champignons"), point)).containsExactly("other_groups", "taxon_label");
        assertThat(rulesFor(occurrence(true, 2, null), point)).containsExactly("other_groups", "taxon_label");
    }
}
