package fr.yseraa.observatory.wms.style;

import fr.yseraa.observatory.core.filter.FilterProperties;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The feature attributes a style reads (rule filters, labels, priorities), so that maps fetch only those. Density
 * passes read their cells' count, not the features' attributes.
 */
public final class StyleProperties {

    private StyleProperties() {
    }

    public static Set<String> of(Style style) {
        Set<String> names = new LinkedHashSet<>();
        for (FeatureTypeStyle fts : style.featureTypeStyles()) {
            if (fts.density()) {
                continue;
            }
            for (Rule r : fts.rules()) {
                if (r.filter() instanceof ModelFilter m) {
                    names.addAll(FilterProperties.of(m.filter()));
                }
                for (Symbolizer s : r.symbolizers()) {
                    if (s instanceof TextSymbolizer t) {
                        t.label().parts().forEach(p -> add(names, p));
                        add(names, t.priority());
                    }
                }
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
