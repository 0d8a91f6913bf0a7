package fr.yseraa.observatory.wms.style;

import java.util.List;

/** A user style: what GetMap's STYLES names and GetLegendGraphic draws. Immutable. */
public record Style(String name, String title, String abstractText, List<FeatureTypeStyle> featureTypeStyles) {

    public Style {
        featureTypeStyles = List.copyOf(featureTypeStyles);
    }
}
