package fr.yseraa.observatory.wmts.tile;

import fr.yseraa.observatory.wms.map.ImageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The tile formats served: images drawn by the WMS renderer, and Mapbox Vector Tiles built by PostGIS. */
public enum TileFormat {
    PNG("image/png", "png", ImageFormat.PNG),
    JPEG("image/jpeg", "jpeg", ImageFormat.JPEG),
    MVT("application/vnd.mapbox-vector-tile", "pbf", null);

    private final String mimeType;
    private final String extension;
    private final ImageFormat image;

    TileFormat(String mimeType, String extension, ImageFormat image) {
        this.mimeType = mimeType;
        this.extension = extension;
        this.image = image;
    }

    public String mimeType() {
        return mimeType;
    }

    public String extension() {
        return extension;
    }

    /** The WMS image format, or null for vector tiles. */
    public ImageFormat image() {
        return image;
    }

    public static List<String> mimeTypes() {
        return Arrays.stream(values()).map(TileFormat::mimeType).toList();
    }

    public static Optional<TileFormat> ofMimeType(String value) {
        String v = value.toLowerCase(Locale.ROOT).replace(" ", "");
        return Arrays.stream(values()).filter(f -> f.mimeType.equals(v)).findFirst();
    }

    /** By file extension, as REST tile URLs end ({@code jpg} too; {@code mvt} too). */
    public static Optional<TileFormat> ofExtension(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return switch (v) {
            case "png" -> Optional.of(PNG);
            case "jpg", "jpeg" -> Optional.of(JPEG);
            case "pbf", "mvt" -> Optional.of(MVT);
            default -> Optional.empty();
        };
    }
}
