package fr.yseraa.observatory.wms.style;

import java.util.List;

/**
 * One drawing pass: features are drawn in rule order, and each pass is drawn over the previous one.
 *
 * @param densityCellPixels 0 for a pass over the layer's features; otherwise the pass draws a density grid instead:
 *                          one feature per grid cell of about that many pixels that holds features, its polygon and
 *                          its {@value #COUNT} (declared in SLD by the {@code SemanticTypeIdentifier}
 *                          {@code density-grid} or {@code density-grid:N})
 * @param densityAbove      0, or for a density pass: the number of features above which the pass draws instead of the
 *                          layer's feature passes, at the scales where those apply. A map that reads more than
 *                          that many features of the layer for the caller (under its access policy, TIME and the
 *                          vendor filter, counted as they stream) gets the grid, not the features
 *                          (declared in SLD by the {@code SemanticTypeIdentifier} {@code density-above:N})
 */
public record FeatureTypeStyle(String name, List<Rule> rules, int densityCellPixels, int densityAbove) {

    /** The attribute of a density cell that holds how many features it counts. */
    public static final String COUNT = "count";

    public FeatureTypeStyle {
        rules = List.copyOf(rules);
        if (densityCellPixels < 0) {
            throw new IllegalArgumentException("a density cell cannot have a negative size");
        }
        if (densityAbove < 0) {
            throw new IllegalArgumentException("a number of features cannot be negative");
        }
        if (densityAbove > 0 && densityCellPixels == 0) {
            throw new IllegalArgumentException("only a density pass can draw instead of the features");
        }
    }

    /** A pass over the layer's features. */
    public FeatureTypeStyle(String name, List<Rule> rules) {
        this(name, rules, 0, 0);
    }

    /** A pass over the layer's features (0), or a density pass that draws only at its rules' scales. */
    public FeatureTypeStyle(String name, List<Rule> rules, int densityCellPixels) {
        this(name, rules, densityCellPixels, 0);
    }

    public boolean density() {
        return densityCellPixels > 0;
    }
}
