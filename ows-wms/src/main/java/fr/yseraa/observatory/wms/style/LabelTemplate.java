package fr.yseraa.observatory.wms.style;

import fr.yseraa.observatory.core.feature.Feature;
import java.util.List;

/** A label's text: literals and attribute values, concatenated. */
public record LabelTemplate(List<ValueExpression> parts) {

    public LabelTemplate {
        parts = List.copyOf(parts);
    }

    /** The label of a feature, trimmed; empty when every attribute it names is null. */
    public String text(Feature feature) {
        StringBuilder b = new StringBuilder();
        for (ValueExpression part : parts) {
            Object v = part.value(feature);
            if (v != null) {
                b.append(v);
            }
        }
        return b.toString().strip();
    }
}
