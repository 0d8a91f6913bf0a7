package fr.yseraa.observatory.wmts.tile;

import fr.yseraa.observatory.core.ows.OwsResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Writes a tile with its HTTP caching headers: ETag, Last-Modified, Cache-Control (public only for the public
 * access level: a tile drawn for a logged-in caller must not be kept by shared caches), and 304 Not Modified
 * when the client already holds the same entity.
 */
public final class TileResponseWriter {

    private final int maxAgeSeconds;

    public TileResponseWriter(int maxAgeSeconds) {
        this.maxAgeSeconds = maxAgeSeconds;
    }

    /** @param ifNoneMatch the request's If-None-Match header, or null */
    public void write(TileProvider.Tile tile, String ifNoneMatch, OwsResponse response) throws IOException {
        String etag = tile.content().etag();
        response.setHeader("ETag", etag);
        response.setHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                tile.content().created().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
        response.setHeader("Cache-Control", (tile.request().publicTile() ? "public" : "private")
                + ", max-age=" + maxAgeSeconds);
        if (!tile.request().publicTile()) {
            response.setHeader("Vary", "Authorization, X-API-Key");
        }
        if (matches(ifNoneMatch, etag)) {
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

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
