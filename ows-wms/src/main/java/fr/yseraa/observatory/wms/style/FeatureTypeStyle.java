package fr.yseraa.observatory.wms.style;

import java.util.List;

/**
 * One drawing pass: features are drawn in rule order, and each pass is drawn over the previous one.
 *
 * @param densityCellPixels 0 for a pass over the layer's features; otherwise the pass draws a density grid instead:
 *                          one feature per grid cell of about that many pixels that holds features, its polygon and
 *                          its {@value #COUNT} (declared in SLD by the {@code SemanticTypeIdentifier}
 *                          {@code density-grid} or {@code density-grid:N})
 */
public record FeatureTypeStyle(String name, List<Rule> rules, int densityCellPixels) {

    /** The attribute of a density cell that holds how many features it counts. */
    public static final String COUNT = "count";

    public FeatureTypeStyle {
        rules = List.copyOf(rules);
        if (densityCellPixels < 0) {
            throw new IllegalArgumentException("a density cell cannot have a negative size");
        }
    }

    /** A pass over the layer's features. */
    public FeatureTypeStyle(String name, List<Rule> rules) {
        this(name, rules, 0);
    }

    public boolean density() {
        return densityCellPixels > 0;
    }
}
