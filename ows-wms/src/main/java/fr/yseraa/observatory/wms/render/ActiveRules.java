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
        this(pass.rules().stream().filter(r -> r.appliesAt(scaleDenominator)).toList());
    }

    private ActiveRules(List<Rule> applying) {
        this.filtered = applying.stream().filter(r -> !r.elseFilter()).toList();
        this.elses = applying.stream().filter(Rule::elseFilter).toList();
    }

    /**
     * The rules of a density pass that draws instead of the feature passes at a scale where its own rules may not
     * apply (switched in by its {@link FeatureTypeStyle#densityAbove()}): those that apply at the map's scale; if none
     * draws, those that apply at the nearest smaller scale where the pass draws (the smallest MinScaleDenominator of
     * its rules above the map's: the scale from which the style itself turns to the grid); if none either, all its
     * rules whatever their scales.
     */
    public static ActiveRules switchedIn(FeatureTypeStyle pass, double scaleDenominator) {
        ActiveRules here = new ActiveRules(pass, scaleDenominator);
        if (here.drawsAnything()) {
            return here;
        }
        List<Double> smaller = pass.rules().stream().map(Rule::minScale).filter(s -> s > scaleDenominator).sorted()
                .distinct().toList();
        for (double s : smaller) {
            ActiveRules there = new ActiveRules(pass, s);
            if (there.drawsAnything()) {
                return there;
            }
        }
        return new ActiveRules(pass.rules());
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
