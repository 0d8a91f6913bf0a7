package fr.yseraa.observatory.wmts.tile;

import fr.yseraa.observatory.core.ows.OwsResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a tile with its HTTP caching headers, whatever the encoding of the request (KVP, RESTful, OGC API):
 * <ul>
 * <li>{@code ETag} (digest of the bytes) and {@code Last-Modified} (when the tile was rendered);</li>
 * <li>{@code Cache-Control: public} only for the tile the public gets; any other is {@code private}, so that no
 * shared cache hands a tile drawn for one caller to another;</li>
 * <li>{@code Vary: Authorization, X-API-Key} when the answer at this URL depends on the caller;</li>
 * <li>{@code X-Tile-Cache: HIT} when the tile came from the cache, {@code MISS} when it was rendered;</li>
 * <li>{@code 304 Not Modified} when If-None-Match names the tile's ETag, or, without If-None-Match, when the tile
 * is not newer than If-Modified-Since (RFC 9110, 13.1.3 and 13.2.2).</li>
 * </ul>
 */
public final class TileResponseWriter {

    /** The conditional headers of a tile request, each null when absent. */
    public record Conditions(String ifNoneMatch, String ifModifiedSince) {

        public static final Conditions NONE = new Conditions(null, null);

        /** From a request's headers, looked up by name. */
        public static Conditions of(Function<String, String> header) {
            return new Conditions(header.apply("If-None-Match"), header.apply("If-Modified-Since"));
        }
    }

    private final int maxAgeSeconds;

    public TileResponseWriter(int maxAgeSeconds) {
        this.maxAgeSeconds = maxAgeSeconds;
    }

    /** Writes the tile, or 304 when the client already holds it. */
    public void write(TileProvider.Tile tile, Conditions conditions, OwsResponse response) throws IOException {
        headers(tile).forEach(response::setHeader);
        if (notModified(tile, conditions)) {
            response.setStatus(304);
            response.body().close();
            return;
        }
        response.setStatus(200);
        response.setContentType(tile.request().format().mimeType());
        try (OutputStream out = response.body()) {
            out.write(tile.content().bytes());
        }
    }

    /** The caching headers of a tile, for 200 and 304 answers alike. */
    public Map<String, String> headers(TileProvider.Tile tile) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", tile.content().etag());
        headers.put("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified(tile)
                .atOffset(ZoneOffset.UTC)));
        headers.put("Cache-Control", (tile.request().shared() ? "public" : "private") + ", max-age=" + maxAgeSeconds);
        if (tile.request().variesByCaller()) {
            headers.put("Vary", "Authorization, X-API-Key");
        }
        headers.put("X-Tile-Cache", tile.hit() ? "HIT" : "MISS");
        return headers;
    }

    /** Whether the client's copy is current: If-None-Match decides when present, else If-Modified-Since. */
    public boolean notModified(TileProvider.Tile tile, Conditions conditions) {
        if (conditions.ifNoneMatch() != null) {
            return matches(conditions.ifNoneMatch(), tile.content().etag());
        }
        Instant since = httpDate(conditions.ifModifiedSince());
        return since != null && !lastModified(tile).isAfter(since);
    }

    private static Instant lastModified(TileProvider.Tile tile) {
        return tile.content().created().truncatedTo(ChronoUnit.SECONDS);
    }

    /** An HTTP date, or null when absent or unreadable (an unreadable If-Modified-Since is ignored). */
    static Instant httpDate(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
