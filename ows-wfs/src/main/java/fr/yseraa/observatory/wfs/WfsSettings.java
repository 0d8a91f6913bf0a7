package fr.yseraa.observatory.wfs;

import java.time.Duration;

/**
 * WFS settings.
 *
 * @param maxFeatures the most features one GetFeature answers (advertised as CountDefault); paging gives the rest
 * @param countBudget how long counting the matches of a one-type GetFeature may take before its numberMatched says
 *     "unknown" (zero: never counted; hits are always counted)
 */
public record WfsSettings(int maxFeatures, Duration countBudget) {

    public WfsSettings {
        if (maxFeatures < 1) {
            throw new IllegalArgumentException("the maximum feature count per request must be positive");
        }
        if (countBudget.isNegative()) {
            throw new IllegalArgumentException("the budget for counting matches cannot be negative");
        }
    }
}
