package fr.yseraa.observatory.wms.style;

import java.util.List;

/**
 * A style rule: which features (filter or else-filter) at which scales get which symbolizers.
 *
 * @param minScale the smallest scale denominator the rule applies at (inclusive)
 * @param maxScale the scale denominator from which it no longer applies (exclusive)
 * @param elseFilter whether the rule takes the features no other rule of its pass matched
 */
public record Rule(String name, String title, RuleFilter filter, boolean elseFilter, double minScale,
                   double maxScale, List<Symbolizer> symbolizers) {

    public Rule {
        symbolizers = List.copyOf(symbolizers);
    }

    /** Whether the rule applies at a scale denominator, as SLD defines Min/MaxScaleDenominator. */
    public boolean appliesAt(double scaleDenominator) {
        return scaleDenominator >= minScale && scaleDenominator < maxScale;
    }

    /** A title for people: the Title, else the Name, else empty. */
    public String label() {
        return title != null ? title : name != null ? name : "";
    }
}
