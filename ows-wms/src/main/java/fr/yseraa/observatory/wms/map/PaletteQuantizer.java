package fr.yseraa.observatory.wms.map;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reduces an ARGB image to at most 256 colours for 8-bit PNG: exact when the map has few colours (the usual case
 * for small tiles), else the most frequent colours, each other colour taking its nearest palette entry. Nearly
 * transparent pixels share one transparent entry.
 */
final class PaletteQuantizer {

    private static final int TRANSPARENT = 0;
    private static final int ALPHA_CUTOFF = 8;

    private PaletteQuantizer() {
    }

    static BufferedImage quantize(BufferedImage argb) {
        int w = argb.getWidth();
        int h = argb.getHeight();
        int[] pixels = argb.getRGB(0, 0, w, h, null, 0, w);
        Map<Integer, Integer> histogram = new HashMap<>();
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            if ((p >>> 24) < ALPHA_CUTOFF) {
                p = TRANSPARENT;
                pixels[i] = p;
            }
            histogram.merge(p, 1, Integer::sum);
        }
        List<Integer> colours = new ArrayList<>(histogram.keySet());
        colours.sort((a, b) -> Integer.compare(histogram.get(b), histogram.get(a)));
        List<Integer> palette = new ArrayList<>(colours.subList(0, Math.min(256, colours.size())));
        if (colours.size() > 256 && histogram.containsKey(TRANSPARENT) && !palette.contains(TRANSPARENT)) {
            palette.set(255, TRANSPARENT);
        }
        int n = palette.size();
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        byte[] a = new byte[n];
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int c = palette.get(i);
            a[i] = (byte) (c >>> 24);
            r[i] = (byte) (c >> 16);
            g[i] = (byte) (c >> 8);
            b[i] = (byte) c;
            index.put(c, i);
        }
        IndexColorModel model = new IndexColorModel(8, n, r, g, b, a);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, model);
        WritableRaster raster = out.getRaster();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = pixels[y * w + x];
                row[x] = index.computeIfAbsent(p, c -> nearest(c, palette));
            }
            raster.setPixels(0, y, w, 1, row);
        }
        return out;
    }

    private static int nearest(int c, List<Integer> palette) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < palette.size(); i++) {
            int p = palette.get(i);
            long d = 0;
            for (int shift = 0; shift < 32; shift += 8) {
                long diff = ((c >>> shift) & 0xFF) - ((p >>> shift) & 0xFF);
                d += diff * diff;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
