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
 */
public record ResolvedTile(Catalog catalog, Caller caller, LayerInfo layer, String style, TileFormat format,
                           TileMatrixSet matrixSet, TileMatrix matrix, long row, long col, String time, TileKey key) {

    /** Whether tiles of this access level may be kept by shared caches. */
    public boolean publicTile() {
        return "public".equals(key.accessLevel());
    }
}
