package fr.yseraa.observatory.wms.style;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.filter.FilterEvaluator;

/** A rule's {@code ogc:Filter}, parsed into the shared filter model and evaluated in memory on each feature. */
public record ModelFilter(Filter filter) implements RuleFilter {

    @Override
    public boolean matches(Feature feature) {
        return FilterEvaluator.matches(filter, feature);
    }
}
