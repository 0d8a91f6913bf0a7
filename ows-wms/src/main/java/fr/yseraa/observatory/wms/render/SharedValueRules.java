package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.core.feature.SharedAreaStyle;
import fr.yseraa.observatory.wms.style.Style;
import java.util.List;
import java.util.Map;

/**
 * What a layer's style draws at a map's scale, asked about an area many features share: whether the values they
 * share decide it in every feature pass (density passes read cells, not features). The map can then read each area
 * once instead of its features.
 */
public final class SharedValueRules implements SharedAreaStyle {

    private final List<ActiveRules> passes;

    public SharedValueRules(Style style, double scaleDenominator) {
        this.passes = style.featureTypeStyles().stream().filter(fts -> !fts.density())
                .map(fts -> new ActiveRules(fts, scaleDenominator)).filter(ActiveRules::drawsAnything).toList();
    }

    @Override
    public boolean decidedBy(Map<String, Object> shared) {
        return passes.stream().allMatch(rules -> rules.decidedBy(shared));
    }
}
