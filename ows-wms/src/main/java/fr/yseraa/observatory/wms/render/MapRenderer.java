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
 * features of the layer than that (counted as they stream, the stream stopped there; see {@link ActiveRules#switchedIn}
 * for the rules it then draws with), so that a crowded map stays drawable.
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

    /** Thrown into the layer's feature stream once it brings more features than a density pass's threshold. */
    private static final class Crowded extends RuntimeException {
        Crowded() {
            super(null, null, false, false); // control flow: no stack trace
        }
    }

    /**
     * The passes of the layer's style with a rule at the map's scale; where feature passes are among them and a
     * density pass has a {@link FeatureTypeStyle#densityAbove() threshold}, the features are drawn apart (on canvases
     * of their own, their labels taken back) while they stream, and once the stream brings more features than the
     * smallest threshold it is stopped and the layer is drawn by the density passes instead: those with that
     * threshold (their rules as {@link ActiveRules#switchedIn} gives them) and those of the scale. The count is of
     * what the map reads and draws (an area many blurred rows share once), not of rows, and costs no query of its own.
     */
    private static void drawLayer(BufferedImage image, Graphics2D g, StyledLayer layer, ShapeConverter shapes,
                                  LabelPlacer labels, double scale, MapFeatureSource source) {
        List<FeatureTypeStyle> all = layer.style().featureTypeStyles();
        List<Drawn> atScale = new ArrayList<>();
        for (FeatureTypeStyle fts : all) {
            ActiveRules rules = new ActiveRules(fts, scale);
            atScale.add(rules.drawsAnything() ? new Drawn(fts, rules) : null);
        }
        List<Drawn> drawn = atScale.stream().filter(d -> d != null).toList();
        int threshold = all.stream().mapToInt(FeatureTypeStyle::densityAbove).filter(n -> n > 0).min().orElse(0);
        if (threshold == 0 || drawn.stream().allMatch(d -> d.style().density())) {
            drawPasses(image, g, layer, shapes, labels, source, drawn, 0);
            return;
        }
        int labelled = labels.size();
        try {
            drawPasses(image, g, layer, shapes, labels, source, drawn, threshold);
        } catch (Crowded crowded) {
            labels.truncate(labelled);
            List<Drawn> switched = new ArrayList<>();
            boolean anySwitched = false;
            for (int i = 0; i < all.size(); i++) {
                FeatureTypeStyle fts = all.get(i);
                ActiveRules rules = fts.densityAbove() == threshold ? ActiveRules.switchedIn(fts, scale) : null;
                if (rules != null && rules.drawsAnything()) {
                    switched.add(new Drawn(fts, rules));
                    anySwitched = true;
                } else if (atScale.get(i) != null && fts.density()) {
                    switched.add(atScale.get(i));
                }
            }
            // a threshold's pass with no rule to draw with stands for nothing: the features after all, under the cap
            drawPasses(image, g, layer, shapes, labels, source, anySwitched ? switched : drawn, 0);
        }
    }

    /**
     * Draws the passes: the first on the map itself, each later one on its own canvas laid over the earlier ones;
     * with a {@code featureLimit}, every pass on a canvas (nothing reaches the map until the features are all drawn)
     * and {@link Crowded} thrown once the features stream beyond the limit.
     */
    private static void drawPasses(BufferedImage image, Graphics2D g, StyledLayer layer, ShapeConverter shapes,
                                   LabelPlacer labels, MapFeatureSource source, List<Drawn> drawn, int featureLimit) {
        List<Pass> passes = new ArrayList<>();
        for (Drawn d : drawn) {
            if (passes.isEmpty() && featureLimit == 0) {
                passes.add(new Pass(d.style(), d.rules(), null, g, new FeaturePainter(g, image, shapes, labels)));
            } else {
                // later passes draw over the whole of the earlier ones: each gets its own canvas
                BufferedImage canvas = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
                Graphics2D cg = graphics(canvas);
                passes.add(new Pass(d.style(), d.rules(), canvas, cg, new FeaturePainter(cg, canvas, shapes, labels)));
            }
        }
        try {
            List<Pass> featurePasses = passes.stream().filter(p -> !p.style().density()).toList();
            if (!featurePasses.isEmpty()) {
                int[] streamed = {0};
                source.features(layer, shapes.viewport(), feature -> {
                    if (featureLimit > 0 && ++streamed[0] > featureLimit) {
                        throw new Crowded();
                    }
                    draw(feature, shapes, featurePasses);
                });
            }
            for (Pass pass : passes) {
                int cellPixels = pass.style().densityCellPixels();
                if (cellPixels > 0) {
                    source.cells(layer, shapes.viewport(), cellPixels, cell -> draw(cell, shapes, List.of(pass)));
                }
            }
        } finally {
            for (Pass pass : passes) {
                if (pass.image() != null) {
                    pass.graphics().dispose();
                }
            }
        }
        for (Pass pass : passes) {
            if (pass.image() != null) {
                g.drawImage(pass.image(), 0, 0, null);
            }
        }
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
