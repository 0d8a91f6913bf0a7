package fr.yseraa.observatory.wms.map;

import java.util.Arrays;

/**
 * The colours of an image that has at most 256 of them, each with its index, for a lossless palette PNG: every ARGB
 * value its own entry (transparent pixels of different colours too), in the order met. Found by one scan of the
 * pixels that stops at the 257th colour, so that a map of many colours (anti-aliased edges, translucent strokes) pays
 * little for the attempt.
 */
final class ExactPalette {

    static final int MAX_COLOURS = 256;
    /** Open addressing: a table four times the largest palette, so that probes stay short. */
    private static final int SLOTS = 4 * MAX_COLOURS;

    private final int[] keys = new int[SLOTS];
    /** The index of the colour in the slot, plus one; 0 for an empty slot. */
    private final short[] entries = new short[SLOTS];
    private final int[] colours = new int[MAX_COLOURS];
    private int size;

    private ExactPalette() {
    }

    /**
     * The palette of the pixels (packed ARGB, rows of {@code stride} from {@code offset}), or null when they have more
     * than 256 colours.
     */
    static ExactPalette of(int[] data, int offset, int stride, int width, int height) {
        ExactPalette palette = new ExactPalette();
        for (int y = 0; y < height; y++) {
            int row = offset + y * stride;
            int previous = 0;
            boolean known = false;
            for (int x = 0; x < width; x++) {
                int p = data[row + x];
                if (known && p == previous) {
                    continue; // runs of one colour are the rule on maps
                }
                if (palette.indexOf(p) < 0 && !palette.add(p)) {
                    return null;
                }
                previous = p;
                known = true;
            }
        }
        return palette;
    }

    int size() {
        return size;
    }

    /** The colours in index order, packed ARGB. */
    int[] colours() {
        return Arrays.copyOf(colours, size);
    }

    /** Whether some colour is not opaque (the PNG then needs its tRNS chunk). */
    boolean translucent() {
        for (int i = 0; i < size; i++) {
            if (colours[i] >>> 24 != 255) {
                return true;
            }
        }
        return false;
    }

    /** The index of a colour of the palette, or -1. */
    int indexOf(int colour) {
        for (int slot = slot(colour); ; slot = (slot + 1) & (SLOTS - 1)) {
            if (entries[slot] == 0) {
                return -1;
            }
            if (keys[slot] == colour) {
                return entries[slot] - 1;
            }
        }
    }

    private boolean add(int colour) {
        if (size == MAX_COLOURS) {
            return false;
        }
        int slot = slot(colour);
        while (entries[slot] != 0) {
            slot = (slot + 1) & (SLOTS - 1);
        }
        keys[slot] = colour;
        colours[size] = colour;
        entries[slot] = (short) ++size;
        return true;
    }

    private static int slot(int colour) {
        int h = colour * 0x9E3779B9; // Fibonacci hashing: the high bits mix every channel
        return h >>> (32 - Integer.numberOfTrailingZeros(SLOTS));
    }
}
