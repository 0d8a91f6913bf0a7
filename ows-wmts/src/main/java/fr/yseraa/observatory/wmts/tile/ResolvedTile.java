package fr.yseraa.observatory.wmts.tile;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.wmts.cache.TileKey;
import fr.yseraa.observatory.wmts.matrix.TileMatrix;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSet;

/**
 * A checked tile request: the layer the caller may read, the style's name, the format, the tile's place and its
 * cache key (which carries the caller's access level to the layer).
 *
 * @param time the TIME dimension, or null
 * @param shared whether the tile is the one the public gets, so shared caches (proxies) may keep it for anyone
 * @param variesByCaller whether another caller may get another answer at the same URL (the layer is not open data
 *     readable by the public), so caches must key it on the credentials
 */
public record ResolvedTile(Catalog catalog, Caller caller, LayerInfo layer, String style, TileFormat format,
                           TileMatrixSet matrixSet, TileMatrix matrix, long row, long col, String time, TileKey key,
                           boolean shared, boolean variesByCaller) {
}
