package fr.yseraa.observatory.wms.map;

import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.wms.WmsVersion;
import fr.yseraa.observatory.wms.render.MapViewport;
import fr.yseraa.observatory.wms.render.StyledLayer;
import java.util.List;

/**
 * The map part that GetMap and GetFeatureInfo share, validated: styled layers, CRS, area and size, time.
 *
 * @param catalog the catalog the request was checked against (one per request, even if it is reloaded meanwhile)
 * @param time the TIME asked for, or null for the layers' whole time extent
 */
public record MapRequest(WmsVersion version, Catalog catalog, List<StyledLayer> layers, CrsName crs,
                         MapViewport viewport, TimeSelection time) {

    public MapRequest {
        layers = List.copyOf(layers);
    }
}
