package fr.yseraa.observatory.wmts.tile;

import fr.yseraa.observatory.wms.map.ImageEncoder;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blank-tile detection and the one encoded blank tile per format and size that every blank tile is served as
 * (transparent PNG, white JPEG, empty vector tile).
 */
public final class BlankTiles {

    private record Kind(TileFormat format, int width, int height) {
    }

    private final Map<Kind, byte[]> encoded = new ConcurrentHashMap<>();

    /** Whether nothing at all is drawn on the image (every pixel fully transparent). */
    public static boolean isBlank(BufferedImage argb) {
        for (int y = 0; y < argb.getHeight(); y++) {
            for (int x = 0; x < argb.getWidth(); x++) {
                if ((argb.getRGB(x, y) >>> 24) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    public byte[] bytes(TileFormat format, int width, int height) {
        if (format == TileFormat.MVT) {
            return new byte[0];
        }
        return encoded.computeIfAbsent(new Kind(format, width, height),
                k -> encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB), format));
    }

    static byte[] encode(BufferedImage argb, TileFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageEncoder.write(argb, format.image(), Color.WHITE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
