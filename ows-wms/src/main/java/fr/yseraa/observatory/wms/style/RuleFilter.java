package fr.yseraa.observatory.wms.style;

import fr.yseraa.observatory.core.feature.Feature;

/** Which features a rule applies to: all of them, or those its {@code ogc:Filter} matches ({@link ModelFilter}). */
public interface RuleFilter {

    boolean matches(Feature feature);

    /** The filter of a rule without one: every feature. */
    RuleFilter ALL = new RuleFilter() {
        @Override
        public boolean matches(Feature feature) {
            return true;
        }

        @Override
        public String toString() {
            return "all features";
        }
    };
}
