package fr.yseraa.observatory.wfs;

import java.nio.file.Path;
import java.time.Duration;

/**
 * WFS settings.
 *
 * @param maxFeatures the most features one GetFeature answers (advertised as CountDefault); paging gives the rest
 * @param countBudget how long counting the matches of a one-type GetFeature may take before its numberMatched says
 *     "unknown" (zero: never counted; hits are always counted)
 * @param spoolDirectory where answers built as files (GeoPackage, zipped Shapefile) are written before they are
 *     sent, each in a temporary folder deleted afterwards
 */
public record WfsSettings(int maxFeatures, Duration countBudget, Path spoolDirectory) {

    /** Settings whose files are built in the system's temporary folder. */
    public WfsSettings(int maxFeatures, Duration countBudget) {
        this(maxFeatures, countBudget, Path.of(System.getProperty("java.io.tmpdir")));
    }

    public WfsSettings {
        if (maxFeatures < 1) {
            throw new IllegalArgumentException("the maximum feature count per request must be positive");
        }
        if (countBudget.isNegative()) {
            throw new IllegalArgumentException("the budget for counting matches cannot be negative");
        }
    }
}
