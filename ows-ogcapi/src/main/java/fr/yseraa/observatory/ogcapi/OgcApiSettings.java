package fr.yseraa.observatory.ogcapi;

import java.time.Duration;

/**
 * @param defaultLimit the features of an items page when the request gives no {@code limit}
 * @param maxLimit the most features of one page: a larger {@code limit} is served as this one (OGC API Features
 *                 permission 6)
 * @param countBudget how long counting {@code numberMatched} may take (as the WFS's); zero never counts
 */
public record OgcApiSettings(int defaultLimit, int maxLimit, Duration countBudget) {

    public OgcApiSettings {
        if (defaultLimit < 1 || maxLimit < defaultLimit) {
            throw new IllegalArgumentException("limits must be positive, the default not above the maximum");
        }
    }
}
