package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.filter.PartialEvaluation;
import fr.yseraa.observatory.wms.style.FeatureTypeStyle;
import fr.yseraa.observatory.wms.style.ModelFilter;
import fr.yseraa.observatory.wms.style.Rule;
import fr.yseraa.observatory.wms.style.RuleFilter;
import fr.yseraa.observatory.wms.style.StyleProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The rules of one pass that apply at the map's scale. A feature gets every rule whose filter it matches; the
 * else-rules take those no other rule matched.
 */
public final class ActiveRules {

    private final List<Rule> filtered;
    private final List<Rule> elses;

    public ActiveRules(FeatureTypeStyle pass, double scaleDenominator) {
        List<Rule> inScale = pass.rules().stream().filter(r -> r.appliesAt(scaleDenominator)).toList();
        this.filtered = inScale.stream().filter(r -> !r.elseFilter()).toList();
        this.elses = inScale.stream().filter(Rule::elseFilter).toList();
    }

    /** Whether any rule of the pass can draw anything at this scale. */
    public boolean drawsAnything() {
        return Stream.concat(filtered.stream(), elses.stream()).anyMatch(r -> !r.symbolizers().isEmpty());
    }

    /**
     * Whether values many features share (the others unknown) decide which rules draw those features, and whether
     * those rules read nothing else to draw them: then one feature with those values stands for them all.
     */
    public boolean decidedBy(Map<String, Object> shared) {
        boolean matched = false;
        for (Rule r : filtered) {
            Optional<Boolean> matches = r.filter() == RuleFilter.ALL ? Optional.of(true)
                    : r.filter() instanceof ModelFilter m ? PartialEvaluation.matches(m.filter(), shared)
                    : Optional.empty();
            if (matches.isEmpty() || matches.get() && !readsOnly(r, shared)) {
                return false;
            }
            matched |= matches.get();
        }
        return matched || elses.stream().allMatch(r -> readsOnly(r, shared));
    }

    private static boolean readsOnly(Rule rule, Map<String, Object> shared) {
        return shared.keySet().containsAll(StyleProperties.ofSymbolizers(rule));
    }

    /** Gives each rule the feature matches, in rule order. */
    public void forEachMatch(Feature feature, Consumer<Rule> action) {
        boolean matched = false;
        for (Rule r : filtered) {
            if (r.filter().matches(feature)) {
                matched = true;
                action.accept(r);
            }
        }
        if (!matched) {
            elses.forEach(action);
        }
    }
}
