package fr.yseraa.observatory.wmts.tile;

import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.wms.WmsVersion;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * WMTS GetFeatureInfo (OGC 07-057r7, 7.3): the tile is checked as GetTile checks it (so its errors are WMTS
 * errors), then the question is asked of the WMS GetFeatureInfo over the tile's extent and size, pixel I, J.
 */
public final class FeatureInfoOperation {

    private final TileResolver resolver;
    private final OwsService wms;

    public FeatureInfoOperation(TileResolver resolver, OwsService wms) {
        this.resolver = resolver;
        this.wms = wms;
    }

    public void handle(OwsRequest request, OwsResponse response) throws IOException {
        KvpParameters kvp = request.kvp();
        ResolvedTile tile = resolver.resolve(TileRequest.fromKvp(kvp), request.caller());
        String infoFormat = kvp.require("INFOFORMAT");
        int i = pixel(kvp.require("I"), "i", tile.matrix().tileWidth());
        int j = pixel(kvp.require("J"), "j", tile.matrix().tileHeight());
        CrsName crs = tile.matrixSet().mapCrs();
        double[] bbox = WmsVersion.V1_3_0.axisOrder(crs).corners(tile.matrix().tileEnvelope(tile.row(), tile.col()));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("LAYERS", tile.layer().qualifiedName());
        q.put("QUERY_LAYERS", tile.layer().qualifiedName());
        q.put("STYLES", tile.style());
        q.put("CRS", crs.code());
        q.put("BBOX", String.format(Locale.ROOT, "%.10f,%.10f,%.10f,%.10f", bbox[0], bbox[1], bbox[2], bbox[3]));
        q.put("WIDTH", Integer.toString(tile.matrix().tileWidth()));
        q.put("HEIGHT", Integer.toString(tile.matrix().tileHeight()));
        q.put("I", Integer.toString(i));
        q.put("J", Integer.toString(j));
        q.put("INFO_FORMAT", infoFormat);
        kvp.get("FEATURE_COUNT").ifPresent(v -> q.put("FEATURE_COUNT", v));
        if (tile.time() != null) {
            q.put("TIME", tile.time());
        }
        wms.handle(new OwsRequest("WMS", "GetFeatureInfo", "1.3.0", KvpParameters.of(q), null, request.caller(),
                request.serviceUrl()), response);
    }

    private static int pixel(String text, String locator, int size) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= 0 && v < size) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new OwsException(OwsExceptionCode.POINT_IJ_OUT_OF_RANGE, locator,
                locator.toUpperCase(Locale.ROOT) + " must be a pixel of the tile, 0 to " + (size - 1) + "; got " + text);
    }
}
