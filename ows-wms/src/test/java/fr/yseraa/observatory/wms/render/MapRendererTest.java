package fr.yseraa.observatory.wms.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.filter.CqlParser;
import fr.yseraa.observatory.wms.style.ExternalGraphic;
import fr.yseraa.observatory.wms.style.FeatureTypeStyle;
import fr.yseraa.observatory.wms.style.Fill;
import fr.yseraa.observatory.wms.style.Font;
import fr.yseraa.observatory.wms.style.Graphic;
import fr.yseraa.observatory.wms.style.LabelTemplate;
import fr.yseraa.observatory.wms.style.LineSymbolizer;
import fr.yseraa.observatory.wms.style.Mark;
import fr.yseraa.observatory.wms.style.ModelFilter;
import fr.yseraa.observatory.wms.style.PointPlacement;
import fr.yseraa.observatory.wms.style.PointSymbolizer;
import fr.yseraa.observatory.wms.style.PolygonSymbolizer;
import fr.yseraa.observatory.wms.style.RasterImage;
import fr.yseraa.observatory.wms.style.Rule;
import fr.yseraa.observatory.wms.style.RuleFilter;
import fr.yseraa.observatory.wms.style.Stroke;
import fr.yseraa.observatory.wms.style.Style;
import fr.yseraa.observatory.wms.style.Symbolizer;
import fr.yseraa.observatory.wms.style.TextSymbolizer;
import fr.yseraa.observatory.wms.style.ValueExpression;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/** The renderer on features in memory: a 100 x 100 map of a 100 x 100 unit world, one unit per pixel. */
class MapRendererTest {

    static final MapViewport VIEW = new MapViewport(new Envelope(0, 100, 0, 100), 100, 100, false);
    static final Color RED = new Color(255, 0, 0);
    static final Color BLUE = new Color(0, 0, 255);
    static final Color GREEN = new Color(0, 200, 0);

    private static Feature feature(String wkt, Map<String, Object> attributes) throws Exception {
        Geometry g = new WKTReader().read(wkt);
        return new Feature("t." + wkt.hashCode(), attributes, g);
    }

    private static Rule rule(Symbolizer... symbolizers) {
        return new Rule("r", "R", RuleFilter.ALL, false, 0, Double.POSITIVE_INFINITY, List.of(symbolizers));
    }

    /** Features and density cells in memory; remembers what the renderer asked for. */
    private static final class MemorySource implements MapFeatureSource {
        final List<Feature> features;
        final List<Feature> cells;
        int featureQueries;
        int cellPixels;
        int cellQueries;
        int offered;

        MemorySource(List<Feature> features, List<Feature> cells) {
            this.features = features;
            this.cells = cells;
        }

        @Override
        public void features(StyledLayer layer, MapViewport viewport, Consumer<Feature> consumer) {
            featureQueries++;
            for (Feature f : features) {
                offered++;
                consumer.accept(f); // a renderer that stops the stream throws here
            }
        }

        @Override
        public void cells(StyledLayer layer, MapViewport viewport, int pixels, Consumer<Feature> consumer) {
            cellPixels = pixels;
            cellQueries++;
            cells.forEach(consumer);
        }
    }

    private static BufferedImage draw(List<FeatureTypeStyle> passes, Feature... features) {
        return draw(passes, new MemorySource(List.of(features), List.of()));
    }

    private static BufferedImage draw(List<FeatureTypeStyle> passes, MapFeatureSource source) {
        StyledLayer layer = new StyledLayer(null, new Style("s", "S", null, passes));
        return new MapRenderer().render(VIEW, List.of(layer), Color.WHITE, source);
    }

    static Color at(BufferedImage image, int x, int y) {
        return new Color(image.getRGB(x, y), true);
    }

    static Fill fill(Color c) {
        return new Fill(c, 1, null);
    }

    static Stroke stroke(Color c, double width) {
        return new Stroke(c, width, 1, null, "butt", "miter");
    }

    @Test
    void polygonsLinesAndPointsAreDrawnWhereTheyAre() throws Exception {
        FeatureTypeStyle pass = new FeatureTypeStyle("p", List.of(rule(
                new PolygonSymbolizer(fill(RED), null),
                new LineSymbolizer(stroke(BLUE, 3), 0),
                new PointSymbolizer(new Graphic(new Mark("circle", fill(GREEN), null), 1, 10, 0)))));
        BufferedImage image = draw(List.of(pass),
                feature("POLYGON((10 10, 40 10, 40 40, 10 40, 10 10))", Map.of()),
                feature("LINESTRING(50 50, 90 50)", Map.of()),
                feature("POINT(80 80)", Map.of()));
        assertThat(at(image, 15, 85)).isEqualTo(RED);        // world (15, 15): y grows upwards
        assertThat(at(image, 25, 45)).isEqualTo(Color.WHITE); // world (25, 55)
        assertThat(at(image, 10, 60)).isEqualTo(BLUE);        // the polygon's outline, from the line symbolizer
        assertThat(at(image, 70, 50)).isEqualTo(BLUE);
        assertThat(at(image, 70, 45)).isEqualTo(Color.WHITE);
        assertThat(at(image, 80, 20)).isEqualTo(GREEN);
        assertThat(at(image, 80, 30)).isEqualTo(Color.WHITE);
        assertThat(at(image, 25, 75)).isEqualTo(GREEN);       // the polygon's interior point (25, 25) gets the mark too
    }

    @Test
    void graphicFillsHatchPolygonsAndEveryWellKnownMarkDraws() throws Exception {
        Graphic hatch = new Graphic(new Mark("x", null, stroke(BLUE, 1)), 1, 16, 0);
        FeatureTypeStyle pass = new FeatureTypeStyle("p", List.of(rule(
                new PolygonSymbolizer(new Fill(Color.BLACK, 1, hatch), null))));
        BufferedImage image = draw(List.of(pass), feature("POLYGON((10 10, 90 10, 90 90, 10 90, 10 10))", Map.of()));
        int blue = 0;
        int white = 0;
        for (int y = 15; y < 85; y++) {
            for (int x = 15; x < 85; x++) {
                Color c = at(image, x, y);
                blue += c.getBlue() > 200 && c.getRed() < 100 ? 1 : 0;
                white += c.equals(Color.WHITE) ? 1 : 0;
            }
        }
        assertThat(blue).isGreaterThan(200); // hatched (thin anti-aliased diagonals)...
        assertThat(white).isGreaterThan(500); // ...not filled
        assertThat(at(image, 5, 5)).isEqualTo(Color.WHITE);

        BufferedImage icon = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        for (int i = 0; i < 16; i++) {
            icon.setRGB(i % 4, i / 4, RED.getRGB());
        }
        Graphic external = new Graphic(new ExternalGraphic("icon.png", new RasterImage(icon)), 1, 12, 0);
        BufferedImage drawnIcon = draw(List.of(new FeatureTypeStyle("i", List.of(rule(new PointSymbolizer(external))))),
                feature("POINT(50 50)", Map.of()));
        assertThat(at(drawnIcon, 50, 50)).isEqualTo(RED);
        assertThat(at(drawnIcon, 45, 45)).isEqualTo(RED);   // scaled to 12 pixels
        assertThat(at(drawnIcon, 50, 58)).isEqualTo(Color.WHITE);

        for (String name : Mark.WELL_KNOWN_NAMES) {
            Graphic g = new Graphic(new Mark(name, fill(GREEN), null), 1, 20, 0);
            BufferedImage mark = draw(List.of(new FeatureTypeStyle("m", List.of(rule(new PointSymbolizer(g))))),
                    feature("POINT(50 50)", Map.of()));
            assertThat(at(mark, 50, 50)).as(name).isEqualTo(GREEN);
            assertThat(at(mark, 50, 70)).as(name).isEqualTo(Color.WHITE);
        }
    }

    @Test
    void aPolygonRepeatedByManyFeaturesIsFilledOnce() throws Exception {
        FeatureTypeStyle pass = new FeatureTypeStyle("p", List.of(rule(
                new PolygonSymbolizer(new Fill(RED, 0.2, null), null))));
        String area = "POLYGON((10 10, 40 10, 40 40, 10 40, 10 10))";
        BufferedImage once = draw(List.of(pass), feature(area, Map.of()));
        Feature[] many = new Feature[50];
        for (int i = 0; i < many.length; i++) {
            many[i] = new Feature("t." + i, Map.of(), new WKTReader().read(area));
        }
        BufferedImage repeated = draw(List.of(pass), many);
        assertThat(at(once, 15, 85)).isNotEqualTo(Color.WHITE);
        assertThat(at(repeated, 15, 85)).as("translucent, as for one feature").isEqualTo(at(once, 15, 85));
        // another polygon, or the same one with another symbolizer, is still drawn
        FeatureTypeStyle two = new FeatureTypeStyle("p", List.of(rule(
                new PolygonSymbolizer(new Fill(RED, 0.2, null), null), new PolygonSymbolizer(new Fill(BLUE, 0.2, null), null))));
        BufferedImage both = draw(List.of(two), feature(area, Map.of()),
                feature("POLYGON((50 50, 90 50, 90 90, 50 90, 50 50))", Map.of()));
        assertThat(at(both, 15, 85)).isNotEqualTo(at(once, 15, 85));
        assertThat(at(both, 70, 30)).isEqualTo(at(both, 15, 85));
    }

    @Test
    void perpendicularOffsetsMoveLinesToTheirLeft() throws Exception {
        FeatureTypeStyle pass = new FeatureTypeStyle("p", List.of(rule(new LineSymbolizer(stroke(BLUE, 2), 10))));
        BufferedImage image = draw(List.of(pass), feature("LINESTRING(20 50, 80 50)", Map.of()));
        assertThat(at(image, 50, 40)).isEqualTo(BLUE); // eastwards: left is north, ten pixels up
        assertThat(at(image, 50, 50)).isEqualTo(Color.WHITE);
    }

    @Test
    void laterFeatureTypeStylesDrawOverEarlierOnes() throws Exception {
        Feature square = feature("POLYGON((10 10, 40 10, 40 40, 10 40, 10 10))", Map.of());
        Feature other = feature("POLYGON((30 30, 60 30, 60 60, 30 60, 30 30))", Map.of());
        FeatureTypeStyle first = new FeatureTypeStyle("a", List.of(rule(new PolygonSymbolizer(fill(RED), null))));
        FeatureTypeStyle second = new FeatureTypeStyle("b", List.of(rule(new LineSymbolizer(stroke(BLUE, 4), 0))));
        // the second square's red fill would cover the first's outline in a single pass; passes keep outlines on top
        BufferedImage image = draw(List.of(first, second), square, other);
        assertThat(at(image, 40, 65)).isEqualTo(BLUE); // world (40, 35): first square's east edge, inside the second
    }

    @Test
    void rulesApplyAtTheirScalesToTheFeaturesTheirFiltersMatch() throws Exception {
        double scale = VIEW.scaleDenominator();
        Feature square = feature("POLYGON((10 10, 40 10, 40 40, 10 40, 10 10))", Map.of());
        Rule tooLarge = new Rule("big", null, RuleFilter.ALL, false, 0, scale / 2, List.of(new PolygonSymbolizer(fill(RED), null)));
        assertThat(at(draw(List.of(new FeatureTypeStyle("p", List.of(tooLarge))), square), 25, 75)).isEqualTo(Color.WHITE);
        Rule inScale = new Rule("ok", null, RuleFilter.ALL, false, scale / 2, scale * 2, List.of(new PolygonSymbolizer(fill(RED), null)));
        assertThat(at(draw(List.of(new FeatureTypeStyle("p", List.of(inScale))), square), 25, 75)).isEqualTo(RED);

        Rule filtered = new Rule("f", null, new ModelFilter(CqlParser.parse("kind = 'marsh'", "test")), false, 0,
                Double.POSITIVE_INFINITY, List.of(new PolygonSymbolizer(fill(RED), null)));
        Rule otherwise = new Rule("e", null, RuleFilter.ALL, true, 0, Double.POSITIVE_INFINITY,
                List.of(new PolygonSymbolizer(fill(BLUE), null)));
        FeatureTypeStyle filteredOrElse = new FeatureTypeStyle("p", List.of(filtered, otherwise));
        Feature marsh = feature("POLYGON((10 10, 40 10, 40 40, 10 40, 10 10))", Map.of("kind", "marsh"));
        Feature field = feature("POLYGON((10 10, 40 10, 40 40, 10 40, 10 10))", Map.of("kind", "field"));
        assertThat(at(draw(List.of(filteredOrElse), marsh), 25, 75)).isEqualTo(RED);
        assertThat(at(draw(List.of(filteredOrElse), field), 25, 75)).as("the else rule takes what no filter matched")
                .isEqualTo(BLUE);
        Rule all = rule(new PolygonSymbolizer(fill(RED), null));
        assertThat(at(draw(List.of(new FeatureTypeStyle("p", List.of(all, otherwise))), square), 25, 75))
                .isEqualTo(RED); // every feature matched a rule: the else rule takes none
        assertThat(at(draw(List.of(new FeatureTypeStyle("p", List.of(otherwise))), square), 25, 75))
                .isEqualTo(BLUE);
    }

    @Test
    void densityPassesDrawGridCellsAndSparesTheFeaturesWhenOnlyTheyApply() throws Exception {
        double scale = VIEW.scaleDenominator();
        Rule points = new Rule("points", null, RuleFilter.ALL, false, 0, scale / 2,
                List.of(new PointSymbolizer(new Graphic(new Mark("circle", fill(GREEN), null), 1, 10, 0))));
        Rule dense = new Rule("dense", null, new ModelFilter(CqlParser.parse("count >= 10", "test")), false, scale / 2,
                Double.POSITIVE_INFINITY, List.of(new PolygonSymbolizer(fill(RED), null)));
        Rule sparse = new Rule("sparse", null, RuleFilter.ALL, true, scale / 2, Double.POSITIVE_INFINITY,
                List.of(new PolygonSymbolizer(fill(BLUE), null)));
        List<FeatureTypeStyle> passes = List.of(new FeatureTypeStyle("points", List.of(points)),
                new FeatureTypeStyle("density", List.of(dense, sparse), 16));
        MemorySource source = new MemorySource(List.of(feature("POINT(50 50)", Map.of())), List.of(
                feature("POLYGON((0 0, 16 0, 16 16, 0 16, 0 0))", Map.of(FeatureTypeStyle.COUNT, 25L)),
                feature("POLYGON((16 0, 32 0, 32 16, 16 16, 16 0))", Map.of(FeatureTypeStyle.COUNT, 3L))));
        BufferedImage image = draw(passes, source);
        assertThat(at(image, 8, 92)).isEqualTo(RED);   // world (8, 8): 25 features
        assertThat(at(image, 24, 92)).isEqualTo(BLUE); // world (24, 8): 3
        assertThat(at(image, 50, 50)).isEqualTo(Color.WHITE);
        assertThat(source.cellPixels).isEqualTo(16);
        assertThat(source.featureQueries).as("no feature rule applies at this scale: features are not read").isZero();
    }

    /** Points at large scales (up to twice the map's), a density pass of two cells beyond, that many features. */
    private static MemorySource pointsAndCells(int features) throws Exception {
        List<Feature> points = new ArrayList<>();
        for (int i = 0; i < features; i++) {
            points.add(feature("POINT(" + (50 + i % 10) + " " + (50 + i / 10) + ")", Map.of()));
        }
        return new MemorySource(points, List.of(
                feature("POLYGON((0 0, 16 0, 16 16, 0 16, 0 0))", Map.of(FeatureTypeStyle.COUNT, 25L)),
                feature("POLYGON((16 0, 32 0, 32 16, 16 16, 16 0))", Map.of(FeatureTypeStyle.COUNT, 3L))));
    }

    /** A feature pass of green points up to twice the map's scale, a density pass beyond with that threshold. */
    private static List<FeatureTypeStyle> pointsOrDensityAbove(int threshold) throws Exception {
        double scale = VIEW.scaleDenominator();
        Rule points = new Rule("points", null, RuleFilter.ALL, false, 0, scale * 2,
                List.of(new PointSymbolizer(new Graphic(new Mark("circle", fill(GREEN), null), 1, 10, 0))));
        Rule dense = new Rule("dense", null, new ModelFilter(CqlParser.parse("count >= 10", "test")), false, scale * 2,
                Double.POSITIVE_INFINITY, List.of(new PolygonSymbolizer(fill(RED), null)));
        Rule sparse = new Rule("sparse", null, RuleFilter.ALL, true, scale * 2, Double.POSITIVE_INFINITY,
                List.of(new PolygonSymbolizer(fill(BLUE), null)));
        return List.of(new FeatureTypeStyle("points", List.of(points)),
                new FeatureTypeStyle("density", List.of(dense, sparse), 16, threshold));
    }

    @Test
    void aDensityPassDrawsInsteadOfTheFeaturesOnlyAboveItsThreshold() throws Exception {
        // 5 features, at the threshold: all streamed and drawn, the points, not the grid
        MemorySource atThreshold = pointsAndCells(5);
        BufferedImage points = draw(pointsOrDensityAbove(5), atThreshold);
        assertThat(atThreshold.featureQueries).isEqualTo(1);
        assertThat(atThreshold.offered).isEqualTo(5);
        assertThat(atThreshold.cellQueries).isZero();
        assertThat(at(points, 50, 50)).isEqualTo(GREEN); // world (50, 50): the first point
        assertThat(at(points, 8, 92)).isEqualTo(Color.WHITE);

        MemorySource below = pointsAndCells(4);
        assertThat(at(draw(pointsOrDensityAbove(5), below), 50, 50)).isEqualTo(GREEN);
        assertThat(below.featureQueries).isEqualTo(1);
        assertThat(below.cellQueries).isZero();

        // 6 features, one above: the stream stopped at the sixth, the grid with the density pass's rules (which apply
        // from twice the map's scale only), and nothing of the features drawn
        MemorySource above = pointsAndCells(6);
        BufferedImage grid = draw(pointsOrDensityAbove(5), above);
        assertThat(above.featureQueries).isEqualTo(1);
        assertThat(above.offered).isEqualTo(6);
        assertThat(above.cellQueries).isEqualTo(1);
        assertThat(above.cellPixels).isEqualTo(16);
        assertThat(at(grid, 8, 92)).isEqualTo(RED);   // world (8, 8): 25 features
        assertThat(at(grid, 24, 92)).isEqualTo(BLUE); // world (24, 8): 3, the else rule
        assertThat(at(grid, 50, 50)).as("no point drawn").isEqualTo(Color.WHITE);

        // a great many features, far above: the stream still stops at the threshold + 1
        MemorySource crowded = pointsAndCells(500);
        assertThat(at(draw(pointsOrDensityAbove(5), crowded), 8, 92)).isEqualTo(RED);
        assertThat(crowded.offered).isEqualTo(6);
        assertThat(crowded.cellQueries).isEqualTo(1);
    }

    @Test
    void aThresholdOnAPassWithNothingToDrawLeavesTheFeatures() throws Exception {
        // the density pass's only rule draws nothing: crowded or not, the points are drawn, the grid never asked for
        Rule empty = new Rule("empty", null, RuleFilter.ALL, false, 0, Double.POSITIVE_INFINITY, List.of());
        List<FeatureTypeStyle> passes = List.of(pointsOrDensityAbove(5).get(0),
                new FeatureTypeStyle("density", List.of(empty), 16, 5));
        MemorySource crowded = pointsAndCells(6);
        assertThat(at(draw(passes, crowded), 50, 50)).isEqualTo(GREEN);
        assertThat(crowded.cellQueries).isZero();
        assertThat(crowded.offered).as("stopped at the sixth, then streamed again whole").isEqualTo(6 + 6);
    }

    @Test
    void withoutAThresholdOrAFeaturePassAtTheScaleTheStreamIsNeverStopped() throws Exception {
        // no threshold: the points, however many, as before (the source's cap is what stops a crowded map)
        MemorySource many = pointsAndCells(500);
        assertThat(at(draw(pointsOrDensityAbove(0), many), 50, 50)).isEqualTo(GREEN);
        assertThat(many.offered).isEqualTo(500);
        assertThat(many.featureQueries).isEqualTo(1);
        assertThat(many.cellQueries).isZero();

        // beyond twice the map's scale only the density pass applies: it draws the grid, without counting
        MapViewport small = new MapViewport(new Envelope(0, 400, 0, 400), 100, 100, false);
        MemorySource source = pointsAndCells(500);
        StyledLayer layer = new StyledLayer(null, new Style("s", "S", null, pointsOrDensityAbove(5)));
        new MapRenderer().render(small, List.of(layer), Color.WHITE, source);
        assertThat(source.featureQueries).isZero();
        assertThat(source.cellQueries).isEqualTo(1);
    }

    @Test
    void aDensityPassSwitchedInDrawsWithTheRulesOfTheNearestSmallerScaleItHas() throws Exception {
        double scale = VIEW.scaleDenominator();
        Rule points = new Rule("points", null, RuleFilter.ALL, false, 0, scale * 2,
                List.of(new PointSymbolizer(new Graphic(new Mark("circle", fill(GREEN), null), 1, 10, 0))));
        // the grid is red from twice the map's scale, blue from eight times: switched in, it draws red
        Rule near = new Rule("near", null, RuleFilter.ALL, false, scale * 2, scale * 8,
                List.of(new PolygonSymbolizer(fill(RED), null)));
        Rule far = new Rule("far", null, RuleFilter.ALL, false, scale * 8, Double.POSITIVE_INFINITY,
                List.of(new PolygonSymbolizer(fill(BLUE), null)));
        List<FeatureTypeStyle> passes = List.of(new FeatureTypeStyle("points", List.of(points)),
                new FeatureTypeStyle("density", List.of(far, near), 16, 2));
        BufferedImage image = draw(passes, pointsAndCells(3));
        assertThat(at(image, 8, 92)).isEqualTo(RED);
        assertThat(at(image, 24, 92)).isEqualTo(RED);
        // a density pass whose rules all apply at larger scales than the map's draws with all of them
        Rule larger = new Rule("larger", null, RuleFilter.ALL, false, 0, scale / 2,
                List.of(new PolygonSymbolizer(fill(BLUE), null)));
        BufferedImage anyScale = draw(List.of(new FeatureTypeStyle("points", List.of(points)),
                new FeatureTypeStyle("density", List.of(larger), 16, 2)), pointsAndCells(3));
        assertThat(at(anyScale, 8, 92)).isEqualTo(BLUE);
        assertThat(at(anyScale, 50, 50)).isEqualTo(Color.WHITE);
    }

    /**
     * The features a crowded layer streamed before it was stopped leave nothing behind: not their marks, not their
     * labels; a layer drawn before it keeps its own.
     */
    @Test
    void aStoppedStreamLeavesNoMarkNorLabelAndSparesTheLayersBefore() throws Exception {
        double scale = VIEW.scaleDenominator();
        TextSymbolizer label = new TextSymbolizer(new LabelTemplate(List.of(new ValueExpression.Literal("MMM"))),
                new Font("DejaVu Sans", false, true, 20), null, new PointPlacement(0.5, 0.5, 0, 0, 0), fill(GREEN),
                null);
        Rule labelled = new Rule("points", null, RuleFilter.ALL, false, 0, scale * 2, List.of(
                new PointSymbolizer(new Graphic(new Mark("circle", fill(GREEN), null), 1, 10, 0)), label));
        List<FeatureTypeStyle> crowdedStyle = List.of(new FeatureTypeStyle("points", List.of(labelled)),
                pointsOrDensityAbove(5).get(1));
        StyledLayer below = new StyledLayer(null, new Style("b", "B", null, List.of(new FeatureTypeStyle("b",
                List.of(rule(new PolygonSymbolizer(fill(BLUE), null)))))));
        MapFeatureSource source = new MapFeatureSource() {
            final MemorySource squares = new MemorySource(List.of(feature("POLYGON((60 0, 100 0, 100 40, 60 40, 60 0))",
                    Map.of())), List.of());
            final MemorySource crowd = pointsAndCells(40);

            @Override
            public void features(StyledLayer layer, MapViewport viewport, java.util.function.Consumer<Feature> c) {
                (layer == below ? squares : crowd).features(layer, viewport, c);
            }

            @Override
            public void cells(StyledLayer layer, MapViewport viewport, int pixels, java.util.function.Consumer<Feature> c) {
                crowd.cells(layer, viewport, pixels, c);
            }
        };
        BufferedImage image = new MapRenderer().render(VIEW, List.of(below,
                new StyledLayer(null, new Style("s", "S", null, crowdedStyle))), Color.WHITE, source);
        assertThat(count(image, GREEN)).as("no mark, no label of the stopped stream").isZero();
        assertThat(at(image, 8, 92)).isEqualTo(RED); // the grid instead
        assertThat(at(image, 90, 90)).isEqualTo(BLUE); // the layer before, untouched
    }

    @Test
    void overlappingLabelsAreResolvedByPriority() throws Exception {
        TextSymbolizer low = new TextSymbolizer(new LabelTemplate(List.of(new ValueExpression.Property("name"))),
                new Font("DejaVu Sans", false, true, 20), null, new PointPlacement(0.5, 0.5, 0, 0, 0), fill(RED),
                new ValueExpression.Property("rank"));
        TextSymbolizer high = new TextSymbolizer(low.label(), low.font(), null, low.placement(), fill(BLUE), low.priority());
        FeatureTypeStyle pass = new FeatureTypeStyle("p", List.of(
                new Rule("low", null, RuleFilter.ALL, false, 0, Double.POSITIVE_INFINITY, List.of(low))));
        FeatureTypeStyle pass2 = new FeatureTypeStyle("q", List.of(
                new Rule("high", null, RuleFilter.ALL, false, 0, Double.POSITIVE_INFINITY, List.of(high))));
        BufferedImage image = draw(List.of(pass, pass2), feature("POINT(50 50)", Map.of("name", "MMM", "rank", 1)));
        // both passes label the same point; the same rank ties, and the first label placed wins
        assertThat(count(image, RED)).isPositive();
        assertThat(count(image, BLUE)).isZero();

        ShapeConverter shapes = new ShapeConverter(VIEW);
        LabelPlacer placer = new LabelPlacer(shapes);
        placer.add(feature("POINT(50 50)", Map.of("name", "MMM", "rank", 1)), new WKTReader().read("POINT(50 50)"), low);
        placer.add(feature("POINT(52 50)", Map.of("name", "MMM", "rank", 9)), new WKTReader().read("POINT(52 50)"), high);
        placer.add(feature("POINT(50 10)", Map.of("name", "MMM", "rank", 0)), new WKTReader().read("POINT(50 10)"), low);
        BufferedImage canvas = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        assertThat(placer.drawAll(MapRenderer.graphics(canvas))).isEqualTo(2);
        assertThat(count(canvas, BLUE)).isPositive(); // the higher rank took the place
        assertThat(countInRows(canvas, RED, 0, 70)).isZero();
        assertThat(countInRows(canvas, RED, 70, 100)).isPositive(); // the distant label still shows
    }

    @Test
    void labelsCollideAcrossTheGridOfPlacedLabelsAndBeyondTheMapsEdges() throws Exception {
        MapViewport view = new MapViewport(new Envelope(0, 300, 0, 200), 300, 200, false);
        TextSymbolizer t = new TextSymbolizer(new LabelTemplate(List.of(new ValueExpression.Property("name"))),
                new Font("DejaVu Sans", false, false, 12), null, new PointPlacement(0.5, 0.5, 0, 0, 0), fill(RED), null);
        LabelPlacer placer = new LabelPlacer(new ShapeConverter(view));
        // two labels astride the placed labels' grid lines (every 64 pixels), one over the other; two beyond the
        // left edge, one over the other (both filed under the edge cells); one alone
        for (String wkt : List.of("POINT(62 100)", "POINT(70 103)", "POINT(-80 50)", "POINT(-75 52)", "POINT(200 20)")) {
            placer.add(feature(wkt, Map.of("name", "Marais audomarois")), new WKTReader().read(wkt), t);
        }
        BufferedImage canvas = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB);
        assertThat(placer.drawAll(MapRenderer.graphics(canvas))).isEqualTo(3);
    }

    private static int count(BufferedImage image, Color c) {
        return countInRows(image, c, 0, image.getHeight());
    }

    private static int countInRows(BufferedImage image, Color c, int from, int to) {
        int n = 0;
        for (int y = from; y < to; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) == c.getRGB()) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void scaleDenominatorsFollowTheOgcStandardPixel() {
        MapViewport metres = new MapViewport(new Envelope(0, 1000, 0, 1000), 1000, 1000, false);
        assertThat(metres.scaleDenominator()).isCloseTo(1 / 0.00028, within(1e-6));
        MapViewport degrees = new MapViewport(new Envelope(0, 1, 0, 1), 1000, 1000, true);
        assertThat(degrees.scaleDenominator()).isCloseTo(6378137 * 2 * Math.PI / 360 / 1000 / 0.00028, within(1e-6));
    }
}
