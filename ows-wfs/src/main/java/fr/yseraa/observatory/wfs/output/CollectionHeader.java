package fr.yseraa.observatory.wfs.output;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.crs.CrsName;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a collection says of itself before its features.
 *
 * @param layers the feature types it may hold (for namespaces and schema locations)
 * @param matched how many features match, empty when they were not counted (numberMatched="unknown")
 * @param next the URL of the next page, or null
 * @param previous the URL of the previous page, or null
 * @param crs the CRS of the geometries, or null when there is no query
 * @param hits whether the request asked for the count only (RESULTTYPE=hits)
 * @param lockId the lock that holds the features (GetFeatureWithLock), or null
 */
public record CollectionHeader(List<LayerInfo> layers, OptionalLong matched, long returned, String next,
                               String previous, CrsName crs, boolean hits, String lockId) {

    /** The header of a collection no lock holds. */
    public CollectionHeader(List<LayerInfo> layers, OptionalLong matched, long returned, String next, String previous,
                            CrsName crs, boolean hits) {
        this(layers, matched, returned, next, previous, crs, hits, null);
    }

    /** numberMatched as WFS 2.0 writes it: a count or "unknown". */
    public String numberMatched() {
        return numberMatched(matched);
    }

    /** A count, or "unknown" when there is none. */
    public static String numberMatched(OptionalLong matched) {
        return matched.isPresent() ? Long.toString(matched.getAsLong()) : "unknown";
    }
}
