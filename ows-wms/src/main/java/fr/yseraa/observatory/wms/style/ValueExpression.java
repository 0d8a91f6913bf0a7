package fr.yseraa.observatory.wms.style;

import fr.yseraa.observatory.core.feature.Feature;

/** A value taken from a feature's attribute or written in the style. */
public sealed interface ValueExpression {

    Object value(Feature feature);

    /** A literal. */
    record Literal(String text) implements ValueExpression {
        @Override
        public Object value(Feature feature) {
            return text;
        }
    }

    /** A feature attribute (null when the caller does not see it). */
    record Property(String name) implements ValueExpression {
        @Override
        public Object value(Feature feature) {
            return feature.attributes().get(name);
        }
    }
}
