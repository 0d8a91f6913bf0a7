package fr.yseraa.observatory.wmts;

import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wmts.cache.TileCache;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSets;

/** What the WMTS operations share: the WMS they render with, the tile matrix sets, the cache and the settings. */
public record WmtsContext(WmsContext wms, TileMatrixSets matrixSets, TileCache cache, WmtsSettings settings) {
}
