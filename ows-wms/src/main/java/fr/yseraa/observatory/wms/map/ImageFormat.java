package fr.yseraa.observatory.wms.map;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The map formats served. */
public enum ImageFormat {
    PNG("image/png", true),
    PNG8("image/png; mode=8bit", true),
    JPEG("image/jpeg", false);

    private final String mimeType;
    private final boolean alpha;

    ImageFormat(String mimeType, boolean alpha) {
        this.mimeType = mimeType;
        this.alpha = alpha;
    }

    public String mimeType() {
        return mimeType;
    }

    /** Whether the format keeps transparency. */
    public boolean alpha() {
        return alpha;
    }

    public static List<String> mimeTypes() {
        return Arrays.stream(values()).map(ImageFormat::mimeType).toList();
    }

    /** The format a FORMAT value names (spaces and case aside; {@code image/png8} is the 8-bit PNG too). */
    public static Optional<ImageFormat> parse(String value) {
        String v = value.toLowerCase(Locale.ROOT).replace(" ", "");
        if (v.equals("image/png8")) {
            return Optional.of(PNG8);
        }
        return Arrays.stream(values()).filter(f -> f.mimeType.replace(" ", "").equals(v)).findFirst();
    }
}
