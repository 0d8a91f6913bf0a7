package fr.yseraa.observatory.wms.testing;

import fr.yseraa.observatory.core.testing.CapturedResponse;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.wms.WmsService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** Calls the WMS the way the dispatcher does, and keeps the answer. */
public final class WmsClient {

    public static final String URL = "http://localhost/wms";
    private final WmsService service;

    public WmsClient(WmsService service) {
        this.service = service;
    }

    public WmsService service() {
        return service;
    }

    /** An answer: status, content type and body. */
    public record Answer(int status, String contentType, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public BufferedImage image() {
            try {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(body));
                if (image == null) {
                    throw new AssertionError("not an image: " + contentType + " " + text());
                }
                return image;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A KVP request: alternating keys and values. */
    public Answer get(Caller caller, String... keyValues) {
        Map<String, String> kvp = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            kvp.put(keyValues[i], keyValues[i + 1]);
        }
        KvpParameters params = KvpParameters.of(kvp);
        String operation = service.operations().stream()
                .filter(op -> op.equalsIgnoreCase(params.get("REQUEST").orElse(""))).findFirst().orElseThrow();
        CapturedResponse capture = new CapturedResponse();
        try {
            service.handle(new OwsRequest("WMS", operation, params.get("VERSION").orElse(null), params, null, caller, URL),
                    capture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Answer(capture.status, capture.contentType, capture.bytes());
    }

    public Answer get(String... keyValues) {
        return get(Caller.anonymous(), keyValues);
    }

    /** Symbolizers for {@link #sldBody}: polygons filled red, points as red circles 9 pixels wide. */
    public static final String RED_FILL =
            "<PolygonSymbolizer><Fill><CssParameter name=\"fill\">#FF0000</CssParameter></Fill></PolygonSymbolizer>";
    public static final String RED_DOTS = "<PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill>"
            + "<CssParameter name=\"fill\">#FF0000</CssParameter></Fill></Mark><Size>9</Size></Graphic></PointSymbolizer>";

    /** An SLD_BODY drawing every feature of each layer (comma-separated) with the same symbolizers. */
    public static String sldBody(String layers, String symbolizers) {
        StringBuilder sld = new StringBuilder("<StyledLayerDescriptor version=\"1.0.0\" xmlns=\"http://www.opengis.net/sld\">");
        for (String layer : layers.split(",")) {
            sld.append("<NamedLayer><Name>").append(layer).append("</Name><UserStyle><Name>test</Name><FeatureTypeStyle><Rule>")
                    .append(symbolizers).append("</Rule></FeatureTypeStyle></UserStyle></NamedLayer>");
        }
        return sld.append("</StyledLayerDescriptor>").toString();
    }

    /** Numbers as a BBOX value. */
    public static String bbox(double... v) {
        List<String> parts = new ArrayList<>();
        for (double d : v) {
            parts.add(String.format(Locale.ROOT, "%.8f", d));
        }
        return String.join(",", parts);
    }

    /** A square 1.3.0 PNG map of the layers drawn with the symbolizers (see {@link #sldBody}), with extra parameters. */
    public Answer map(Caller caller, String layers, String symbolizers, String crs, String bbox, int size, String... extra) {
        List<String> kv = new ArrayList<>(List.of("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0",
                "LAYERS", layers, "STYLES", "", "CRS", crs, "BBOX", bbox, "WIDTH", Integer.toString(size),
                "HEIGHT", Integer.toString(size), "FORMAT", "image/png", "SLD_BODY", sldBody(layers, symbolizers)));
        kv.addAll(List.of(extra));
        return get(caller, kv.toArray(String[]::new));
    }

    /** A square, transparent 1.3.0 PNG map of the layers in their catalog styles (or the named ones), with extra parameters. */
    public Answer catalogMap(Caller caller, String layers, String styles, String bbox, int size, String... extra) {
        List<String> kv = new ArrayList<>(List.of("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0",
                "LAYERS", layers, "STYLES", styles, "CRS", "EPSG:2154", "BBOX", bbox, "WIDTH", Integer.toString(size),
                "HEIGHT", Integer.toString(size), "FORMAT", "image/png", "TRANSPARENT", "TRUE"));
        kv.addAll(List.of(extra));
        return get(caller, kv.toArray(String[]::new));
    }

    /** Feature info on a 101 x 101 Lambert-93 map centred on a place, 10 m per pixel: the place is pixel (50, 50). */
    public Answer info(Caller caller, String version, String layer, double px, double py, String format,
                       String... extra) {
        String box = String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f", px - 505, py - 505, px + 505, py + 505);
        List<String> kv = new ArrayList<>(List.of("SERVICE", "WMS", "REQUEST", "GetFeatureInfo", "VERSION", version,
                "LAYERS", layer, "QUERY_LAYERS", layer, "STYLES", "", version.equals("1.3.0") ? "CRS" : "SRS", "EPSG:2154",
                "BBOX", box, "WIDTH", "101", "HEIGHT", "101", "INFO_FORMAT", format,
                version.equals("1.3.0") ? "I" : "X", "50", version.equals("1.3.0") ? "J" : "Y", "50"));
        kv.addAll(List.of(extra));
        return get(caller, kv.toArray(String[]::new));
    }

}
