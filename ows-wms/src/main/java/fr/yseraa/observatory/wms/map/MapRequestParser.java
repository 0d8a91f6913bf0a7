package fr.yseraa.observatory.wms.map;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.crs.CrsList;
import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.crs.Epsg;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsExceptionCode;
import fr.yseraa.observatory.wms.WmsVersion;
import fr.yseraa.observatory.wms.capabilities.TimeExtent;
import fr.yseraa.observatory.wms.capabilities.TimeExtents;
import fr.yseraa.observatory.wms.render.MapViewport;
import fr.yseraa.observatory.wms.render.StyledLayer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;

/** Reads and checks the map parameters GetMap and GetFeatureInfo share. */
public final class MapRequestParser {

    private final WmsContext context;
    private final LayerResolver layers;
    private final TimeExtents times;

    public MapRequestParser(WmsContext context, TimeExtents times) {
        this.context = context;
        this.layers = new LayerResolver(context);
        this.times = times;
    }

    public LayerResolver layers() {
        return layers;
    }

    public MapRequest parse(OwsRequest request, WmsVersion version) {
        KvpParameters kvp = request.kvp();
        Catalog catalog = context.catalog(request);
        List<StyledLayer> styled = layers.resolve(catalog, kvp, request.caller());
        CrsName crs = crs(kvp, version, styled);
        Envelope bbox = bbox(kvp, crs, version);
        int width = size(kvp, "WIDTH", context.settings().maxWidth());
        int height = size(kvp, "HEIGHT", context.settings().maxHeight());
        TimeSelection time = kvp.get("TIME").map(TimeSelection::parse).orElse(null);
        if (time != null) {
            checkTimeExtents(catalog, styled, time, request.caller());
        }
        return new MapRequest(version, catalog, styled, crs, new MapViewport(bbox, width, height, Epsg.isGeographic(crs.srid())), time);
    }

    /** A TIME outside a layer's time extent is an InvalidDimensionValue (WMS 1.3.0, C.4.2; no nearest value). */
    private void checkTimeExtents(Catalog catalog, List<StyledLayer> styled, TimeSelection time, Caller caller) {
        for (StyledLayer s : styled) {
            Optional<TimeExtent> extent = times.of(catalog, s.layer(), caller);
            if (extent.isPresent() && !time.meets(extent.get().first(), extent.get().last())) {
                throw new OwsException(WmsExceptionCode.INVALID_DIMENSION_VALUE, "time", "TIME is outside the time "
                        + "extent of layer " + s.layer().qualifiedName() + ": " + extent.get().defaultValue());
            }
        }
    }

    private static CrsName crs(KvpParameters kvp, WmsVersion version, List<StyledLayer> styled) {
        String other = version == WmsVersion.V1_3_0 ? "SRS" : "CRS";
        String code = kvp.get(version.crsParameter()).or(() -> kvp.get(other))
                .orElseThrow(() -> WmsExceptionCode.missing(version.crsParameter().toLowerCase(Locale.ROOT)));
        String locator = version.crsParameter().toLowerCase(Locale.ROOT);
        CrsName crs = CrsName.recognise(code).orElseThrow(() -> new OwsException(WmsExceptionCode.INVALID_CRS, locator,
                version.crsParameter() + " " + code + " is not a CRS this server knows"));
        for (StyledLayer s : styled) {
            LayerInfo layer = s.layer();
            boolean offered = CrsList.recognised(layer.definition().crs()).stream()
                    .anyMatch(c -> c.code().equals(crs.code()));
            if (!offered) {
                throw new OwsException(WmsExceptionCode.INVALID_CRS, locator, "Layer " + layer.qualifiedName()
                        + " is not offered in " + code + "; offered: " + String.join(", ", layer.definition().crs()));
            }
        }
        return crs;
    }

    private static Envelope bbox(KvpParameters kvp, CrsName crs, WmsVersion version) {
        String text = kvp.require("BBOX");
        String[] parts = text.split(",");
        if (parts.length != 4 && parts.length != 5) {
            throw WmsExceptionCode.invalid("bbox", "BBOX must be minx,miny,maxx,maxy; got " + text);
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw WmsExceptionCode.invalid("bbox", "BBOX value " + parts[i] + " is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw WmsExceptionCode.invalid("bbox", "BBOX values must be finite");
            }
        }
        if (v[0] >= v[2] || v[1] >= v[3]) {
            throw WmsExceptionCode.invalid("bbox", "BBOX minimum must be below maximum on both axes: " + text);
        }
        return version.axisOrder(crs).envelope(v[0], v[1], v[2], v[3]);
    }

    static int size(KvpParameters kvp, String name, int max) {
        String text = kvp.require(name);
        String locator = name.toLowerCase(Locale.ROOT);
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw WmsExceptionCode.invalid(locator, name + " " + text + " is not a whole number");
        }
        if (value < 1 || value > max) {
            throw WmsExceptionCode.invalid(locator, name + " must be between 1 and " + max + "; got " + value);
        }
        return value;
    }
}
