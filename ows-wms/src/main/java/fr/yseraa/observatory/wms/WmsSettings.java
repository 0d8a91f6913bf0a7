package fr.yseraa.observatory.wms;

/**
 * Limits and defaults of the WMS.
 *
 * @param maxWidth the widest map a client may ask for, in pixels
 * @param maxHeight the tallest map a client may ask for, in pixels
 * @param maxFeaturesPerLayer how many features one layer may draw in one map before the request is refused
 * @param featureInfoTolerance how many pixels around the clicked one GetFeatureInfo searches
 * @param maxFeatureCount the largest FEATURE_COUNT honoured
 */
public record WmsSettings(int maxWidth, int maxHeight, int maxFeaturesPerLayer, int featureInfoTolerance,
                          int maxFeatureCount) {

    public WmsSettings {
        if (maxWidth <= 0 || maxHeight <= 0 || maxFeaturesPerLayer <= 0 || featureInfoTolerance < 0 || maxFeatureCount <= 0) {
            throw new IllegalArgumentException("WMS limits must be positive");
        }
    }

    public static WmsSettings defaults() {
        return new WmsSettings(4096, 4096, 200_000, 4, 50);
    }
}
