package fr.yseraa.observatory.wms.render;

import static fr.yseraa.observatory.wms.testing.RenderingFixture.SIZE;
import static fr.yseraa.observatory.wms.testing.RenderingFixture.X0;
import static fr.yseraa.observatory.wms.testing.RenderingFixture.Y0;
import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.wms.testing.ReferenceImages;
import fr.yseraa.observatory.wms.testing.ReferenceImages.Tolerance;
import fr.yseraa.observatory.wms.testing.RenderingFixture;
import fr.yseraa.observatory.wms.testing.WmsClient;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * GetMap on real PostGIS layers compared with reference images (src/test/resources/rendering/references), one per
 * symbolizer kind, labels, scale rules and CRS. Regenerate the references after a deliberate rendering change with
 * {@code mvn -o -q verify -pl ows-wms -am -Dtest=ReferenceRenderingTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dwms.updateReferences=true}, then look at every changed PNG before committing it.
 */
class ReferenceRenderingTest {

    /** Shapes drawn by Java2D on any JDK: anti-aliased edges may move a little. */
    static final Tolerance SYMBOLS = new Tolerance(32, 0.002, 0);
    /** Glyphs depend on the font version and its hinting: a pixel may find its match one pixel away. */
    static final Tolerance LABELS = new Tolerance(64, 0.005, 1);
    /** The same place in two CRS: a projection is not exactly affine over the map (meridian convergence). */
    static final Tolerance ACROSS_CRS = new Tolerance(48, 0.02, 3);

    private static BufferedImage map(String layers, String styles, String crs, double[] bbox) throws Exception {
        WmsClient.Answer answer = RenderingFixture.client().get("SERVICE", "WMS", "VERSION", "1.3.0", "REQUEST", "GetMap",
                "LAYERS", layers, "STYLES", styles, "CRS", crs,
                "BBOX", String.format(Locale.ROOT, "%.9f,%.9f,%.9f,%.9f", bbox[0], bbox[1], bbox[2], bbox[3]),
                "WIDTH", "256", "HEIGHT", "256", "FORMAT", "image/png");
        assertThat(answer.contentType()).as(answer.text()).isEqualTo("image/png");
        return answer.image();
    }

    /** The fixture square in Lambert-93 (10 m pixels, scale 1:35 714). */
    private static BufferedImage map(String layers, String styles) throws Exception {
        return map(layers, styles, "EPSG:2154", new double[] {X0, Y0, X0 + SIZE, Y0 + SIZE});
    }

    @Test
    void pointSymbolizersDrawEveryWellKnownMarkAndExternalPngAndSvgGraphics() throws Exception {
        ReferenceImages.assertMatchesReference("point-symbolizer", map("ref:marks", ""), SYMBOLS);
    }

    @Test
    void lineSymbolizersDrawWidthsDashesCapsJoinsAndOffsets() throws Exception {
        ReferenceImages.assertMatchesReference("line-symbolizer", map("ref:lines", ""), SYMBOLS);
    }

    @Test
    void polygonSymbolizersDrawFillsOpacityStrokesHolesAndHatching() throws Exception {
        ReferenceImages.assertMatchesReference("polygon-symbolizer", map("ref:polygons", ""), SYMBOLS);
    }

    @Test
    void textSymbolizersLabelPointsAndLinesWithHalosWithoutOverlaps() throws Exception {
        ReferenceImages.assertMatchesReference("text-symbolizer", map("ref:streets,ref:places", ","), LABELS);
    }

    @Test
    void scaleRulesSelectDifferentRulesAtTwoScales() throws Exception {
        BufferedImage large = map("ref:zones", "");
        // four times the area around the same centre: 1:142 857, beyond the large-scale rule's 1:50 000
        double[] wide = {X0 - 1.5 * SIZE, Y0 - 1.5 * SIZE, X0 + 2.5 * SIZE, Y0 + 2.5 * SIZE};
        BufferedImage small = map("ref:zones", "", "EPSG:2154", wide);
        ReferenceImages.assertMatchesReference("scale-rules-35714", large, SYMBOLS);
        ReferenceImages.assertMatchesReference("scale-rules-142857", small, SYMBOLS);
    }

    @Test
    void theSamePlaceLandsOnTheSamePixelsInLambert93WebMercatorAndWgs84() throws Exception {
        String layers = "ref:polygons,ref:lines,ref:marks";
        BufferedImage lambert = map(layers, ",,");
        BufferedImage mercator = map(layers, ",,", "EPSG:3857", box(3857, false));
        BufferedImage wgs84 = map(layers, ",,", "EPSG:4326", box(4326, true));
        ReferenceImages.assertMatchesReference("crs-2154", lambert, SYMBOLS);
        ReferenceImages.assertMatchesReference("crs-3857", mercator, SYMBOLS);
        ReferenceImages.assertMatchesReference("crs-4326", wgs84, SYMBOLS);
        ReferenceImages.assertSimilar("crs-3857-vs-2154", mercator, lambert, ACROSS_CRS);
        ReferenceImages.assertSimilar("crs-4326-vs-2154", wgs84, lambert, ACROSS_CRS);
    }

    /**
     * The fixture square's box in another CRS, from the middles of its edges (the best axis-aligned fit of a square
     * that the projection turns very slightly), in the axis order of WMS 1.3.0 for that CRS.
     */
    private static double[] box(int srid, boolean latitudeFirst) throws Exception {
        double west = RenderingFixture.transform(0, SIZE / 2, srid)[0];
        double east = RenderingFixture.transform(SIZE, SIZE / 2, srid)[0];
        double south = RenderingFixture.transform(SIZE / 2, 0, srid)[1];
        double north = RenderingFixture.transform(SIZE / 2, SIZE, srid)[1];
        return latitudeFirst ? new double[] {south, west, north, east} : new double[] {west, south, east, north};
    }
}
