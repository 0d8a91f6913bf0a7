package fr.yseraa.observatory.wfs;

/**
 * WFS settings.
 *
 * @param maxFeatures the most features one GetFeature answers (advertised as CountDefault); paging gives the rest
 */
public record WfsSettings(int maxFeatures) {

    public WfsSettings {
        if (maxFeatures < 1) {
            throw new IllegalArgumentException("the maximum feature count per request must be positive");
        }
    }
}
