package fr.yseraa.observatory.wms.map;

import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsExceptionCode;
import fr.yseraa.observatory.wms.WmsVersion;
import fr.yseraa.observatory.wms.render.MapRenderer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * GetMap: checks the request, draws the map and writes it. The map is drawn whole before the answer starts, so
 * any error still answers a proper exception: an XML report, or, when EXCEPTIONS asks, the message in an image
 * or a blank image of the size and format asked for.
 */
public final class GetMapOperation {

    private final WmsContext context;
    private final MapRequestParser parser;
    private final MapRenderer renderer = new MapRenderer();

    public GetMapOperation(WmsContext context, MapRequestParser parser) {
        this.context = context;
        this.parser = parser;
    }

    /** How the image looks around the features, and how errors are told. */
    private record Frame(ImageFormat format, boolean transparent, Color background, ExceptionFormat exceptions) {
        /** The colour under the features, null when transparent. */
        Color canvas() {
            return transparent && format.alpha() ? null : background;
        }
    }

    public void handle(OwsRequest request, WmsVersion version, OwsResponse response) throws IOException {
        KvpParameters kvp = request.kvp();
        ExceptionFormat exceptions = ExceptionFormat.parse(kvp.get("EXCEPTIONS").orElse(null));
        String formatText = kvp.require("FORMAT");
        ImageFormat format = ImageFormat.parse(formatText).orElseThrow(() -> new OwsException(
                WmsExceptionCode.INVALID_FORMAT, "format", "FORMAT " + formatText + " is not served; served: "
                + String.join(", ", ImageFormat.mimeTypes())));
        Frame frame = new Frame(format, transparent(kvp), background(kvp), exceptions);
        BufferedImage image;
        try {
            MapRequest map = parser.parse(request, version);
            image = renderer.render(map.viewport(), map.layers(), frame.canvas(),
                    new CappedFeatureSource(map, context, request.caller()));
        } catch (OwsException e) {
            if (exceptions == ExceptionFormat.XML || !WmsExceptionCode.isWms(e)) {
                throw e; // the shared engine's failures are reported in XML, as they always were
            }
            int width = MapRequestParser.size(kvp, "WIDTH", context.settings().maxWidth());
            int height = MapRequestParser.size(kvp, "HEIGHT", context.settings().maxHeight());
            image = exceptions == ExceptionFormat.BLANK ? ErrorImage.blank(width, height, frame.canvas())
                    : ErrorImage.withMessage(width, height, frame.canvas(), e.getMessage());
        }
        response.setStatus(200);
        response.setContentType(format.mimeType());
        try (OutputStream out = response.body()) {
            ImageEncoder.write(image, format, frame.background(), out);
        }
    }

    private static boolean transparent(KvpParameters kvp) {
        String v = kvp.get("TRANSPARENT").orElse("FALSE").toUpperCase(Locale.ROOT);
        return switch (v) {
            case "TRUE" -> true;
            case "FALSE" -> false;
            default -> throw WmsExceptionCode.invalid("transparent", "TRANSPARENT must be TRUE or FALSE; got " + v);
        };
    }

    private static Color background(KvpParameters kvp) {
        String v = kvp.get("BGCOLOR").orElse("0xFFFFFF");
        if (!v.matches("(0x|0X|#)[0-9a-fA-F]{6}")) {
            throw WmsExceptionCode.invalid("bgcolor", "BGCOLOR must be 0xRRGGBB; got " + v);
        }
        return new Color(Integer.parseInt(v.substring(v.startsWith("#") ? 1 : 2), 16));
    }
}
