package fr.yseraa.observatory.wms.style;

import fr.yseraa.observatory.core.feature.Feature;
import org.w3c.dom.Element;

/**
 * An {@code ogc:Filter} kept as parsed XML until the shared filter model (ows-core {@code core.filter}) can
 * evaluate it. It matches no feature, so that a rule is never drawn for features it was not meant for.
 */
public record PendingFilter(Element element) implements RuleFilter {

    public static final String WARNING = "filter support pending the shared filter model";

    @Override
    public boolean matches(Feature feature) {
        return false;
    }

    @Override
    public boolean decidable() {
        return false;
    }
}
