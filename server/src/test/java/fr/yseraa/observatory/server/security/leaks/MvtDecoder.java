package fr.yseraa.observatory.server.security.leaks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small Mapbox Vector Tile 2.1 decoder (protobuf wire format by hand): the features of every layer with their id,
 * attributes and coordinates in Web Mercator, for a WebMercatorQuad tile.
 */
final class MvtDecoder {

    /**
     * A decoded feature.
     *
     * @param type 1 point, 2 line, 3 polygon
     * @param vertices every vertex in EPSG:3857
     * @param onFrame for each vertex, whether it lies on the tile's clipping frame (tile edge plus buffer)
     */
    record MvtFeature(String layer, long id, int type, Map<String, Object> attributes, List<double[]> vertices,
                      List<Boolean> onFrame) {
    }

    private static final double ORIGIN = 20037508.342789244;

    private final byte[] data;
    private int pos;
    private final int end;

    private MvtDecoder(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    /** @param buffer the clipping buffer of the tiles, in tile units */
    static List<MvtFeature> decode(byte[] tile, int z, long x, long y, int buffer) {
        double span = 2 * ORIGIN / (1L << z);
        double minX = -ORIGIN + x * span;
        double maxY = ORIGIN - y * span;
        List<MvtFeature> out = new ArrayList<>();
        MvtDecoder t = new MvtDecoder(tile, 0, tile.length);
        while (t.more()) {
            int key = (int) t.varint();
            if (key >> 3 == 3) {
                t.sub().layer(out, minX, maxY, span, buffer);
            } else {
                t.skip(key & 7);
            }
        }
        return out;
    }

    private void layer(List<MvtFeature> out, double minX, double maxY, double span, int buffer) {
        String name = null;
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<MvtDecoder> features = new ArrayList<>();
        long extent = 4096;
        while (more()) {
            int key = (int) varint();
            switch (key >> 3) {
                case 1 -> name = string();
                case 2 -> features.add(sub());
                case 3 -> keys.add(string());
                case 4 -> values.add(sub().value());
                case 5 -> extent = varint();
                default -> skip(key & 7);
            }
        }
        for (MvtDecoder f : features) {
            out.add(f.feature(name, keys, values, minX, maxY, span / extent, extent, buffer));
        }
    }

    private MvtFeature feature(String layer, List<String> keys, List<Object> values, double minX, double maxY, double unit,
                               long extent, int buffer) {
        long id = 0;
        int type = 0;
        List<Boolean> onFrame = new ArrayList<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        List<double[]> vertices = new ArrayList<>();
        while (more()) {
            int key = (int) varint();
            switch (key >> 3) {
                case 1 -> id = varint();
                case 3 -> type = (int) varint();
                case 2 -> {
                    MvtDecoder tags = sub();
                    while (tags.more()) {
                        attributes.put(keys.get((int) tags.varint()), values.get((int) tags.varint()));
                    }
                }
                case 4 -> {
                    MvtDecoder g = sub();
                    long cx = 0;
                    long cy = 0;
                    while (g.more()) {
                        long command = g.varint();
                        int count = (int) (command >> 3);
                        if ((command & 7) == 7) {
                            continue; // ClosePath
                        }
                        for (int i = 0; i < count; i++) {
                            cx += zigzag(g.varint());
                            cy += zigzag(g.varint());
                            vertices.add(new double[] {minX + cx * unit, maxY - cy * unit});
                            onFrame.add(cx == -buffer || cy == -buffer || cx == extent + buffer || cy == extent + buffer);
                        }
                    }
                }
                default -> skip(key & 7);
            }
        }
        return new MvtFeature(layer, id, type, attributes, vertices, onFrame);
    }

    private Object value() {
        Object v = null;
        while (more()) {
            int key = (int) varint();
            switch (key >> 3) {
                case 1 -> v = string();
                case 2 -> v = Float.intBitsToFloat((int) fixed(4));
                case 3 -> v = Double.longBitsToDouble(fixed(8));
                case 4, 5 -> v = varint();
                case 6 -> v = zigzag(varint());
                case 7 -> v = varint() != 0;
                default -> skip(key & 7);
            }
        }
        return v;
    }

    private boolean more() {
        return pos < end;
    }

    private long varint() {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = data[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
    }

    private long fixed(int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (long) (data[pos++] & 0xFF) << (8 * i);
        }
        return v;
    }

    private static long zigzag(long n) {
        return (n >>> 1) ^ -(n & 1);
    }

    private MvtDecoder sub() {
        int length = (int) varint();
        MvtDecoder d = new MvtDecoder(data, pos, pos + length);
        pos += length;
        return d;
    }

    private String string() {
        int length = (int) varint();
        String s = new String(data, pos, length, java.nio.charset.StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    private void skip(int wireType) {
        switch (wireType) {
            case 0 -> varint();
            case 1 -> pos += 8;
            case 2 -> pos += (int) varint();
            case 5 -> pos += 4;
            default -> throw new IllegalStateException("not a vector tile: wire type " + wireType);
        }
    }
}
