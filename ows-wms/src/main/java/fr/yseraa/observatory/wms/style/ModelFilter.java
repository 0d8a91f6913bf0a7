package fr.yseraa.observatory.wms.style;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.filter.FilterPredicate;

/**
 * A rule's {@code ogc:Filter}, parsed into the shared filter model and compiled once ({@link FilterPredicate}) for
 * its evaluation in memory on each feature.
 */
public final class ModelFilter implements RuleFilter {

    private final Filter filter;
    private final FilterPredicate predicate;

    public ModelFilter(Filter filter) {
        this.filter = filter;
        this.predicate = FilterPredicate.of(filter);
    }

    public Filter filter() {
        return filter;
    }

    @Override
    public boolean matches(Feature feature) {
        return predicate.matches(feature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelFilter m && m.filter.equals(filter);
    }

    @Override
    public int hashCode() {
        return filter.hashCode();
    }

    @Override
    public String toString() {
        return "ModelFilter[filter=" + filter + "]";
    }
}
