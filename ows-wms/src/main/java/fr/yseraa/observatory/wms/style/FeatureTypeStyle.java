package fr.yseraa.observatory.wms.style;

import java.util.List;

/** One drawing pass: features are drawn in rule order, and each pass is drawn over the previous one. */
public record FeatureTypeStyle(String name, List<Rule> rules) {

    public FeatureTypeStyle {
        rules = List.copyOf(rules);
    }
}
