package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.wms.style.FeatureTypeStyle;
import fr.yseraa.observatory.wms.style.Symbolizer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a map with Java2D, anti-aliased: layers in request order, each feature type style of a layer as its own
 * pass over the previous ones, features in the order they stream, rules in style order, labels last over
 * everything with conflict resolution. A layer with no rule for the map's scale is not even queried; a density pass
 * draws the layer's grid cells instead of its features, and when only density passes apply at the map's scale the
 * features are not queried at all. Where the layer's feature passes apply, a density pass with a
 * {@link FeatureTypeStyle#densityAbove() densityAbove} threshold draws instead of them when the map holds more
 * features of the layer than that (counted first, no further than the threshold; see {@link ActiveRules#switchedIn}
 * for the rules it then draws with), so that a crowded map stays drawable and its features are never read.
 */
public final class MapRenderer {

    /**
     * @param background the colour under the layers, or null for a transparent map
     */
    public BufferedImage render(MapViewport viewport, List<StyledLayer> layers, Color background,
                                MapFeatureSource source) {
        BufferedImage image = new BufferedImage(viewport.width(), viewport.height(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        if (background != null) {
            g.setColor(background);
            g.fillRect(0, 0, viewport.width(), viewport.height());
        }
        ShapeConverter shapes = new ShapeConverter(viewport);
        LabelPlacer labels = new LabelPlacer(shapes);
        double scale = viewport.scaleDenominator();
        for (StyledLayer layer : layers) {
            drawLayer(image, g, layer, shapes, labels, scale, source);
        }
        labels.drawAll(g);
        g.dispose();
        return image;
    }

    private record Pass(FeatureTypeStyle style, ActiveRules rules, BufferedImage image, Graphics2D graphics,
                        FeaturePainter painter) {
    }

    /** A feature type style and its rules that draw on a map. */
    private record Drawn(FeatureTypeStyle style, ActiveRules rules) {
    }

    private static void drawLayer(BufferedImage image, Graphics2D g, StyledLayer layer, ShapeConverter shapes,
                                  LabelPlacer labels, double scale, MapFeatureSource source) {
        List<Drawn> drawn = passesToDraw(layer, shapes.viewport(), scale, source);
        if (drawn.isEmpty()) {
            return;
        }
        List<Pass> passes = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            FeatureTypeStyle style = drawn.get(i).style();
            ActiveRules rules = drawn.get(i).rules();
            if (i == 0) {
                passes.add(new Pass(style, rules, null, g, new FeaturePainter(g, image, shapes, labels)));
            } else {
                // later passes draw over the whole of the earlier ones: each gets its own canvas
                BufferedImage canvas = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
                Graphics2D cg = graphics(canvas);
                passes.add(new Pass(style, rules, canvas, cg, new FeaturePainter(cg, canvas, shapes, labels)));
            }
        }
        List<Pass> featurePasses = passes.stream().filter(p -> !p.style().density()).toList();
        if (!featurePasses.isEmpty()) {
            source.features(layer, shapes.viewport(), feature -> draw(feature, shapes, featurePasses));
        }
        for (Pass pass : passes) {
            int cellPixels = pass.style().densityCellPixels();
            if (cellPixels > 0) {
                source.cells(layer, shapes.viewport(), cellPixels, cell -> draw(cell, shapes, List.of(pass)));
            }
        }
        for (Pass pass : passes) {
            if (pass.image() != null) {
                pass.graphics().dispose();
                g.drawImage(pass.image(), 0, 0, null);
            }
        }
    }

    /**
     * The passes of the layer's style that draw on the map, in style order: those with a rule at the map's scale;
     * but where feature passes are among them and the map holds more features of the layer than a density pass's
     * {@link FeatureTypeStyle#densityAbove()}, that density pass (its rules as {@link ActiveRules#switchedIn} gives
     * them) and the density passes of the scale, without the feature passes. The features are counted once, no
     * further than the largest threshold, and only when a feature pass applies.
     */
    private static List<Drawn> passesToDraw(StyledLayer layer, MapViewport viewport, double scale,
                                            MapFeatureSource source) {
        List<FeatureTypeStyle> all = layer.style().featureTypeStyles();
        List<Drawn> atScale = new ArrayList<>();
        for (FeatureTypeStyle fts : all) {
            ActiveRules rules = new ActiveRules(fts, scale);
            atScale.add(rules.drawsAnything() ? new Drawn(fts, rules) : null);
        }
        List<Drawn> drawn = atScale.stream().filter(d -> d != null).toList();
        int highest = all.stream().mapToInt(FeatureTypeStyle::densityAbove).max().orElse(0);
        if (highest == 0 || drawn.stream().allMatch(d -> d.style().density())) {
            return drawn;
        }
        long features = source.countFeatures(layer, viewport, highest + 1L);
        List<Drawn> switched = new ArrayList<>();
        boolean anySwitched = false;
        for (int i = 0; i < all.size(); i++) {
            FeatureTypeStyle fts = all.get(i);
            if (fts.densityAbove() > 0 && features > fts.densityAbove()) {
                ActiveRules rules = ActiveRules.switchedIn(fts, scale);
                if (rules.drawsAnything()) {
                    switched.add(new Drawn(fts, rules));
                    anySwitched = true;
                    continue;
                }
            }
            if (atScale.get(i) != null && fts.density()) {
                switched.add(atScale.get(i));
            }
        }
        return anySwitched ? switched : drawn;
    }

    private static void draw(Feature feature, ShapeConverter shapes, List<Pass> passes) {
        if (feature.geometry() == null) {
            return;
        }
        for (Pass pass : passes) {
            pass.rules().forEachMatch(feature, rule -> {
                for (Symbolizer s : rule.symbolizers()) {
                    pass.painter().paint(feature, feature.geometry(), s);
                }
            });
        }
    }

    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }
}
