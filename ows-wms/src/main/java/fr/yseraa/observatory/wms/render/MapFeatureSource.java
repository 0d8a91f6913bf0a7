package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.core.feature.Feature;
import java.util.function.Consumer;

/** Where the renderer gets what it draws of a layer inside a map's area, in the map's CRS. */
public interface MapFeatureSource {

    /**
     * The layer's features, with at least the attributes its style reads, their geometries already generalised to
     * the map's resolution.
     */
    void features(StyledLayer layer, MapViewport viewport, Consumer<Feature> consumer);

    /**
     * The layer's density grid: one feature per grid cell of about {@code cellPixels} pixels that holds features of
     * the layer, its polygon as geometry and how many features it holds as its
     * {@value fr.yseraa.observatory.wms.style.FeatureTypeStyle#COUNT} attribute.
     */
    void cells(StyledLayer layer, MapViewport viewport, int cellPixels, Consumer<Feature> consumer);
}
