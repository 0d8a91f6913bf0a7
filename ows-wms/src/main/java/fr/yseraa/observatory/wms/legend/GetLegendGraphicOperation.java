package fr.yseraa.observatory.wms.legend;

import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsExceptionCode;
import fr.yseraa.observatory.wms.map.ImageEncoder;
import fr.yseraa.observatory.wms.map.ImageFormat;
import fr.yseraa.observatory.wms.map.LayerResolver;
import fr.yseraa.observatory.wms.style.LayerStyles;
import fr.yseraa.observatory.wms.style.Rule;
import fr.yseraa.observatory.wms.style.Style;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/**
 * GetLegendGraphic (SLD 1.1 profile of WMS): LAYER, optional STYLE, RULE, SCALE, WIDTH and HEIGHT of the samples,
 * FORMAT (PNG or JPEG), TRANSPARENT.
 */
public final class GetLegendGraphicOperation {

    public static final int DEFAULT_ICON = 20;
    private static final int MAX_ICON = 256;

    private final WmsContext context;
    private final LayerResolver layers;

    public GetLegendGraphicOperation(WmsContext context, LayerResolver layers) {
        this.context = context;
        this.layers = layers;
    }

    public void handle(OwsRequest request, OwsResponse response) throws IOException {
        KvpParameters kvp = request.kvp();
        Catalog catalog = context.catalog(request);
        LayerInfo layer = layers.readableLayer(catalog, kvp.require("LAYER"), request.caller(), "layer");
        String formatText = kvp.get("FORMAT").orElse("image/png");
        ImageFormat format = ImageFormat.parse(formatText).orElseThrow(() -> new OwsException(
                WmsExceptionCode.INVALID_FORMAT, "format", "FORMAT " + formatText + " is not served for legends"));
        LayerStyles styles = context.styles().stylesOf(layer);
        String styleName = kvp.get("STYLE").orElse("");
        Style style = styleName.isEmpty() ? styles.defaultStyle() : styles.find(styleName).orElseThrow(() ->
                new OwsException(WmsExceptionCode.STYLE_NOT_DEFINED, "style",
                        "Style " + styleName + " is not defined for layer " + layer.qualifiedName()));
        Double scale = kvp.get("SCALE").map(GetLegendGraphicOperation::scale).orElse(null);
        List<Rule> rules = LegendRenderer.rules(style, scale);
        String ruleName = kvp.get("RULE").orElse(null);
        if (ruleName != null) {
            rules = rules.stream().filter(r -> ruleName.equals(r.name())).toList();
            if (rules.isEmpty()) {
                throw WmsExceptionCode.invalid("rule", "Style " + styleName + " has no rule " + ruleName);
            }
        }
        int width = icon(kvp, "WIDTH");
        int height = icon(kvp, "HEIGHT");
        boolean transparent = kvp.get("TRANSPARENT").map(v -> v.equalsIgnoreCase("TRUE")).orElse(false);
        var image = new LegendRenderer(width, height).render(rules, transparent && format.alpha());
        response.setStatus(200);
        response.setContentType(format.mimeType());
        try (OutputStream out = response.body()) {
            ImageEncoder.write(image, format, Color.WHITE, out);
        }
    }

    private static double scale(String v) {
        try {
            double s = Double.parseDouble(v);
            if (s > 0) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw WmsExceptionCode.invalid("scale", "SCALE must be a positive number; got " + v);
    }

    private static int icon(KvpParameters kvp, String name) {
        String v = kvp.get(name).orElse(null);
        if (v == null) {
            return DEFAULT_ICON;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 4 && n <= MAX_ICON) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw WmsExceptionCode.invalid(name.toLowerCase(Locale.ROOT), name + " must be a whole number from 4 to " + MAX_ICON);
    }
}
