package fr.yseraa.observatory.wms.info;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsExceptionCode;
import fr.yseraa.observatory.wms.WmsVersion;
import fr.yseraa.observatory.wms.map.CappedFeatureSource;
import fr.yseraa.observatory.wms.map.LayerResolver;
import fr.yseraa.observatory.wms.map.MapRequest;
import fr.yseraa.observatory.wms.map.MapRequestParser;
import fr.yseraa.observatory.wms.render.MapViewport;
import fr.yseraa.observatory.wms.render.StyledLayer;
import java.awt.geom.Point2D;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * GetFeatureInfo: the features of the queried layers within a few pixels of the clicked one (I/J in 1.3.0, X/Y in
 * 1.1.1), read through the feature-access layer like the map itself, so a caller learns nothing the map would not
 * show. FEATURE_COUNT features at most per layer, the nearest first.
 */
public final class GetFeatureInfoOperation {

    private final WmsContext context;
    private final MapRequestParser parser;

    public GetFeatureInfoOperation(WmsContext context, MapRequestParser parser) {
        this.context = context;
        this.parser = parser;
    }

    public void handle(OwsRequest request, WmsVersion version, OwsResponse response) throws IOException {
        KvpParameters kvp = request.kvp();
        MapRequest map = parser.parse(request, version);
        List<StyledLayer> queried = queryLayers(kvp, map);
        String formatText = version == WmsVersion.V1_3_0 ? kvp.require("INFO_FORMAT") : kvp.get("INFO_FORMAT").orElse("text/html");
        InfoFormat format = InfoFormat.parse(formatText).orElseThrow(() -> new OwsException(WmsExceptionCode.INVALID_FORMAT,
                "info_format", "INFO_FORMAT " + formatText + " is not served; served: " + String.join(", ", InfoFormat.mimeTypes())));
        int column = pixel(kvp, version.columnParameter(), map.viewport().width());
        int row = pixel(kvp, version.rowParameter(), map.viewport().height());
        int count = featureCount(kvp);
        MapViewport vp = map.viewport();
        Point2D centre = vp.toWorld(column, row);
        double radius = (context.settings().featureInfoTolerance() + 0.5) * vp.pixelSize();
        Envelope area = new Envelope(centre.getX() - radius, centre.getX() + radius, centre.getY() - radius, centre.getY() + radius);
        Point click = new GeometryFactory().createPoint(new Coordinate(centre.getX(), centre.getY()));
        CappedFeatureSource source = new CappedFeatureSource(map, context, request.caller());
        List<LayerFeatures> found = new ArrayList<>();
        for (StyledLayer styled : queried) {
            LayerInfo layer = styled.layer();
            List<Feature> near = new ArrayList<>();
            source.stream(styled, area, f -> {
                if (f.geometry() != null && f.geometry().distance(click) <= radius) {
                    near.add(f);
                }
            });
            near.sort((a, b) -> Double.compare(a.geometry().distance(click), b.geometry().distance(click)));
            found.add(new LayerFeatures(layer, near.subList(0, Math.min(count, near.size()))));
        }
        response.setStatus(200);
        response.setContentType(format.contentType());
        try (OutputStream out = response.body()) {
            format.writer().write(found, map.crs(), out);
        }
    }

    private static List<StyledLayer> queryLayers(KvpParameters kvp, MapRequest map) {
        List<StyledLayer> out = new ArrayList<>();
        for (String name : kvp.require("QUERY_LAYERS").split(",")) {
            String n = name.strip();
            StyledLayer layer = map.layers().stream()
                    .filter(l -> l.layer().qualifiedName().equals(n) || l.layer().name().equals(n)).findFirst()
                    .orElseThrow(() -> new OwsException(WmsExceptionCode.LAYER_NOT_DEFINED, "query_layers",
                            "Layer " + n + " is not one of LAYERS"));
            out.add(layer);
        }
        return out;
    }

    private static int pixel(KvpParameters kvp, String name, int size) {
        String text = kvp.get(name).orElseThrow(() -> WmsExceptionCode.missing(name.toLowerCase(Locale.ROOT)));
        try {
            int v = Integer.parseInt(text);
            if (v >= 0 && v < size) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new OwsException(WmsExceptionCode.INVALID_POINT, name.toLowerCase(Locale.ROOT),
                name + " must be a pixel of the map, from 0 to " + (size - 1) + "; got " + text);
    }

    private int featureCount(KvpParameters kvp) {
        String text = kvp.get("FEATURE_COUNT").orElse("1");
        try {
            int v = Integer.parseInt(text);
            if (v >= 1) {
                return Math.min(v, context.settings().maxFeatureCount());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw WmsExceptionCode.invalid("feature_count", "FEATURE_COUNT must be a positive whole number; got " + text);
    }
}
