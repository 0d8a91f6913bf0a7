package fr.yseraa.observatory.wmts.cache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A tile ready to serve: its bytes, its entity tag (a digest of the bytes), when it was made, and whether it is
 * blank (nothing drawn: stored as an empty marker on disk, served as the shared blank tile of its format).
 */
public record CachedTile(byte[] bytes, String etag, Instant created, boolean blank) {

    public static CachedTile of(byte[] bytes, Instant created, boolean blank) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new CachedTile(bytes, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"", created, blank);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
