package fr.yseraa.observatory.core.access;

import fr.yseraa.observatory.core.catalog.AttributeInfo;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** Open data: every caller sees every row, attribute and the exact geometry. The default policy. */
public final class OpenAccessPolicy implements AccessPolicy {

    public static final String NAME = "open";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LayerAccess access(LayerInfo layer, Caller caller) {
        return new LayerAccess(true, SqlNames.quote(layer.geometryColumn()), null, allAttributes(layer), "public");
    }

    /** Each attribute of the layer, as its own quoted column. */
    public static Map<String, String> allAttributes(LayerInfo layer) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (AttributeInfo a : layer.attributes()) {
            attributes.put(a.name(), SqlNames.quote(a.name()));
        }
        return attributes;
    }
}
