package fr.yseraa.observatory.server.tiles;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.wmts.tile.TileRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a RESTful WMTS tile path, {@code /wmts/1.0.0/{layer}/{style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.{ext}},
 * with percent-encoded segments ({@code obs%3Ahabitats}); a {@code +} stays a plus, as in any URL path.
 */
final class TilePath {

    static final String PREFIX = "/wmts/1.0.0/";

    private TilePath() {
    }

    /**
     * The tile the path names, empty when the path is not a tile path at all.
     *
     * @throws OwsException when a segment is not valid percent-encoding or the extension names no served format
     */
    static Optional<TileRequest> parse(String rawPath, String time) {
        if (!rawPath.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] s = rawPath.substring(PREFIX.length()).split("/", -1);
        int dot = s.length == 6 ? s[5].lastIndexOf('.') : -1;
        if (dot <= 0 || dot == s[5].length() - 1) {
            return Optional.empty();
        }
        for (String segment : s) {
            if (segment.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(TileRequest.ofRest(decode(s[0]), decode(s[1]), decode(s[2]), decode(s[3]), decode(s[4]),
                decode(s[5].substring(0, dot)), decode(s[5].substring(dot + 1)), time));
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OwsException(OwsExceptionCode.INVALID_PARAMETER_VALUE, null,
                    "Malformed percent-encoding in the tile path: " + segment);
        }
    }
}
