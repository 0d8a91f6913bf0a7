package fr.yseraa.observatory.wfs.output;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.wfs.Crs;
import java.util.List;

/**
 * What a collection says of itself before its features.
 *
 * @param layers the feature types it may hold (for namespaces and schema locations)
 * @param next the URL of the next page, or null
 * @param previous the URL of the previous page, or null
 * @param crs the CRS of the geometries, or null when there is no query
 * @param hits whether the request asked for the count only (RESULTTYPE=hits)
 */
public record CollectionHeader(List<LayerInfo> layers, long matched, long returned, String next, String previous,
                               Crs crs, boolean hits) {
}
