package fr.yseraa.observatory.wms.style;

import java.util.List;
import java.util.Map;

/**
 * What a style document gives: the user styles of each named layer (in document order; the key is the layer name,
 * empty for a bare SE FeatureTypeStyle) and the warnings about what it holds that cannot be drawn.
 */
public record ParsedStyles(Map<String, List<Style>> stylesByLayer, List<String> warnings) {

    public ParsedStyles {
        stylesByLayer = Map.copyOf(stylesByLayer);
        warnings = List.copyOf(warnings);
    }

    /** Every style of the document, in no particular layer order. */
    public List<Style> allStyles() {
        return stylesByLayer.values().stream().flatMap(List::stream).toList();
    }
}
