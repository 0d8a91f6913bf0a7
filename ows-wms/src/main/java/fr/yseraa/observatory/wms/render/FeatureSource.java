package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.core.feature.Feature;
import java.util.function.Consumer;

/**
 * Where the renderer gets the features of a layer inside a map's area, in the map's CRS, with at least the
 * attributes its style reads.
 */
@FunctionalInterface
public interface FeatureSource {

    void features(StyledLayer layer, MapViewport viewport, Consumer<Feature> consumer);
}
