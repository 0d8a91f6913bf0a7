package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.wms.style.Font;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Java2D fonts of the style model's fonts (sizes in pixels), cached. */
public final class AwtFonts {

    private static final Map<Font, java.awt.Font> CACHE = new ConcurrentHashMap<>();

    private AwtFonts() {
    }

    public static java.awt.Font font(Font f) {
        return CACHE.computeIfAbsent(f, k -> {
            int style = (k.bold() ? java.awt.Font.BOLD : 0) | (k.italic() ? java.awt.Font.ITALIC : 0);
            return new java.awt.Font(k.family(), style, 1).deriveFont((float) k.size());
        });
    }
}
