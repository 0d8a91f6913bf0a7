package fr.yseraa.observatory.wmts;

import java.nio.file.Path;

/**
 * @param metatile tiles per side of a metatile (rendered at once)
 * @param gutter pixels drawn around a metatile and thrown away, so symbols and labels near its edge are whole
 * @param cacheDir the folder of the disk tile store
 * @param memoryBytes the size of the in-memory cache of hot tiles
 * @param maxAgeSeconds the Cache-Control max-age of tiles
 */
public record WmtsSettings(int metatile, int gutter, Path cacheDir, long memoryBytes, int maxAgeSeconds) {

    public WmtsSettings {
        if (metatile < 1 || metatile > 16 || gutter < 0 || gutter > 512) {
            throw new IllegalArgumentException("metatile must be 1 to 16 and gutter 0 to 512 pixels");
        }
    }
}
