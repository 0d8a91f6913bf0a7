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
 * features are not queried at all.
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

    private static void drawLayer(BufferedImage image, Graphics2D g, StyledLayer layer, ShapeConverter shapes,
                                  LabelPlacer labels, double scale, MapFeatureSource source) {
        List<FeatureTypeStyle> styles = new ArrayList<>();
        List<ActiveRules> active = new ArrayList<>();
        for (FeatureTypeStyle fts : layer.style().featureTypeStyles()) {
            ActiveRules rules = new ActiveRules(fts, scale);
            if (rules.drawsAnything()) {
                styles.add(fts);
                active.add(rules);
            }
        }
        if (active.isEmpty()) {
            return;
        }
        List<Pass> passes = new ArrayList<>();
        for (int i = 0; i < active.size(); i++) {
            if (i == 0) {
                passes.add(new Pass(styles.get(i), active.get(i), null, g, new FeaturePainter(g, image, shapes, labels)));
            } else {
                // later passes draw over the whole of the earlier ones: each gets its own canvas
                BufferedImage canvas = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
                Graphics2D cg = graphics(canvas);
                passes.add(new Pass(styles.get(i), active.get(i), canvas, cg, new FeaturePainter(cg, canvas, shapes, labels)));
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
