package fr.yseraa.observatory.wms.style;

import fr.yseraa.observatory.core.filter.FilterProperties;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The feature attributes a style reads (rule filters, labels, priorities), so that maps fetch only those, and only
 * those of the rules that apply at the map's scale. Density passes read their cells' count, not the features'
 * attributes.
 */
public final class StyleProperties {

    private StyleProperties() {
    }

    /** What the style reads at any scale. */
    public static Set<String> of(Style style) {
        return read(style, r -> true);
    }

    /** What the style reads at a scale: rules that do not apply there read nothing. */
    public static Set<String> at(Style style, double scaleDenominator) {
        return read(style, r -> r.appliesAt(scaleDenominator));
    }

    private static Set<String> read(Style style, Predicate<Rule> applies) {
        Set<String> names = new LinkedHashSet<>();
        for (FeatureTypeStyle fts : style.featureTypeStyles()) {
            if (fts.density()) {
                continue;
            }
            for (Rule r : fts.rules()) {
                if (!applies.test(r)) {
                    continue;
                }
                if (r.filter() instanceof ModelFilter m) {
                    names.addAll(FilterProperties.of(m.filter()));
                }
                names.addAll(ofSymbolizers(r));
            }
        }
        return names;
    }

    /** What a rule's symbolizers read to draw a feature (labels and their priorities). */
    public static Set<String> ofSymbolizers(Rule rule) {
        Set<String> names = new LinkedHashSet<>();
        for (Symbolizer s : rule.symbolizers()) {
            if (s instanceof TextSymbolizer t) {
                t.label().parts().forEach(p -> add(names, p));
                add(names, t.priority());
            }
        }
        return names;
    }

    private static void add(Set<String> names, ValueExpression e) {
        if (e instanceof ValueExpression.Property p) {
            names.add(p.name());
        }
    }
}
