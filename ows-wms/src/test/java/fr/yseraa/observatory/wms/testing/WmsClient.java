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
import java.util.LinkedHashMap;
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

}
