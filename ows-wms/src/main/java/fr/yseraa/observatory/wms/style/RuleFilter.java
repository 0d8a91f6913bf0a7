package fr.yseraa.observatory.wms.style;

import fr.yseraa.observatory.core.feature.Feature;

/**
 * Which features a rule applies to. Filters are evaluated by the shared filter model; until it is wired in, a rule
 * with an {@code ogc:Filter} keeps the element and matches nothing (see {@link PendingFilter}).
 */
public interface RuleFilter {

    boolean matches(Feature feature);

    /** Whether this filter can be evaluated; an else-filter cannot be decided beside a filter that cannot. */
    boolean decidable();

    /** The filter of a rule without one: every feature. */
    RuleFilter ALL = new RuleFilter() {
        @Override
        public boolean matches(Feature feature) {
            return true;
        }

        @Override
        public boolean decidable() {
            return true;
        }

        @Override
        public String toString() {
            return "all features";
        }
    };
}
