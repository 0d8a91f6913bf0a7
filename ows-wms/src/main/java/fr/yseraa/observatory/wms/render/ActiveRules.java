package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.wms.style.FeatureTypeStyle;
import fr.yseraa.observatory.wms.style.Rule;
import java.util.List;
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
