package fr.yseraa.observatory.wms.info;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.Feature;
import java.util.List;

/** The features of one queried layer found under the clicked pixel. */
public record LayerFeatures(LayerInfo layer, List<Feature> features) {

    public LayerFeatures {
        features = List.copyOf(features);
    }
}
