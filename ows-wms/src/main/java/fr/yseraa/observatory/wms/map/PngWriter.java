package fr.yseraa.observatory.wms.map;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A PNG encoder for drawn maps (PNG 1.2 / ISO 15948): 8-bit indexed colour (a palette, with its alpha when some colour
 * is not opaque) when the map has at most 256 colours, exactly ({@link ExactPalette}: a lossless choice, the decoded
 * pixels are the same); else 8-bit truecolour with alpha, or without it when every pixel is opaque. Rows unfiltered
 * (maps are runs of flat colour, which deflate compresses better unfiltered than after the Sub, Up or Paeth filters,
 * measured on our tiles) and deflated at level 2 (on the maps and tiles of bench/wms-fair.sh, 27 % less time than
 * level 4 for 5 % more bytes; level 1 is no faster and larger). Written as it is compressed, in IDAT chunks of 64 KiB.
 * Faster than the JDK's ImageIO writer (twice as fast at level 4 already), which spent most of its time choosing a
 * filter for every row.
 */
final class PngWriter {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int LEVEL = 2;
    private static final int CHUNK = 64 * 1024;
    private static final byte FILTER_NONE = 0;
    private static final int TRUECOLOUR = 2;
    private static final int INDEXED = 3;
    private static final int TRUECOLOUR_ALPHA = 6;

    private PngWriter() {
    }

    /** Writes an image of packed ARGB pixels (TYPE_INT_ARGB, or a sub-image of one). */
    static void write(BufferedImage argb, OutputStream out) throws IOException {
        if (argb.getType() != BufferedImage.TYPE_INT_ARGB) {
            throw new IllegalArgumentException("PngWriter takes TYPE_INT_ARGB images, not type " + argb.getType());
        }
        int width = argb.getWidth();
        int height = argb.getHeight();
        Raster raster = argb.getRaster();
        int stride = ((SinglePixelPackedSampleModel) raster.getSampleModel()).getScanlineStride();
        int[] data = ((DataBufferInt) raster.getDataBuffer()).getData();
        // where the raster's pixel (0, 0) is in the array: a sub-image's raster is translated in its parent's
        int offset = raster.getDataBuffer().getOffset() - raster.getSampleModelTranslateY() * stride
                - raster.getSampleModelTranslateX();
        ExactPalette palette = ExactPalette.of(data, offset, stride, width, height);
        boolean alpha = palette == null && !opaque(data, offset, stride, width, height);
        ChunkWriter chunks = new ChunkWriter(out);
        out.write(SIGNATURE);
        chunks.write("IHDR", header(width, height, palette != null ? INDEXED : alpha ? TRUECOLOUR_ALPHA : TRUECOLOUR));
        if (palette != null) {
            writePalette(palette, chunks);
        }
        Deflater deflater = new Deflater(LEVEL);
        try (DeflaterOutputStream idat = new DeflaterOutputStream(new IdatStream(chunks), deflater, CHUNK)) {
            byte[] line = new byte[1 + width * (palette != null ? 1 : alpha ? 4 : 3)];
            line[0] = FILTER_NONE;
            for (int y = 0; y < height; y++) {
                int row = offset + y * stride;
                if (palette != null) {
                    indexRow(data, row, width, palette, line);
                } else {
                    truecolourRow(data, row, width, alpha, line);
                }
                idat.write(line);
            }
        } finally {
            deflater.end();
        }
        chunks.write("IEND", new byte[0]);
        out.flush();
    }

    /** PLTE, then tRNS when some colour is not opaque: each colour's alpha, in the palette's order. */
    private static void writePalette(ExactPalette palette, ChunkWriter chunks) throws IOException {
        int[] colours = palette.colours();
        byte[] rgb = new byte[3 * colours.length];
        byte[] alphas = new byte[colours.length];
        for (int i = 0; i < colours.length; i++) {
            rgb[3 * i] = (byte) (colours[i] >> 16);
            rgb[3 * i + 1] = (byte) (colours[i] >> 8);
            rgb[3 * i + 2] = (byte) colours[i];
            alphas[i] = (byte) (colours[i] >>> 24);
        }
        chunks.write("PLTE", rgb);
        if (palette.translucent()) {
            chunks.write("tRNS", alphas);
        }
    }

    private static void indexRow(int[] data, int row, int width, ExactPalette palette, byte[] line) {
        int previous = data[row];
        byte index = (byte) palette.indexOf(previous);
        for (int x = 0; x < width; x++) {
            int p = data[row + x];
            if (p != previous) {
                previous = p;
                index = (byte) palette.indexOf(p);
            }
            line[1 + x] = index;
        }
    }

    private static void truecolourRow(int[] data, int row, int width, boolean alpha, byte[] line) {
        for (int x = 0, i = 1; x < width; x++) {
            int p = data[row + x];
            line[i++] = (byte) (p >> 16);
            line[i++] = (byte) (p >> 8);
            line[i++] = (byte) p;
            if (alpha) {
                line[i++] = (byte) (p >>> 24);
            }
        }
    }

    private static boolean opaque(int[] data, int offset, int stride, int width, int height) {
        for (int y = 0; y < height; y++) {
            for (int x = 0, row = offset + y * stride; x < width; x++) {
                if (data[row + x] >>> 24 != 255) {
                    return false;
                }
            }
        }
        return true;
    }

    private static byte[] header(int width, int height, int colourType) {
        return new byte[] {(byte) (width >>> 24), (byte) (width >>> 16), (byte) (width >>> 8), (byte) width,
                (byte) (height >>> 24), (byte) (height >>> 16), (byte) (height >>> 8), (byte) height,
                8, (byte) colourType, 0, 0, 0}; // bit depth, colour type, deflate, adaptive filtering, no interlace
    }

    /** Writes chunks: length, type, data, CRC of type and data. */
    private static final class ChunkWriter {

        private final DataOutputStream out;

        ChunkWriter(OutputStream out) {
            this.out = new DataOutputStream(out);
        }

        void write(String type, byte[] data) throws IOException {
            write(type, data, data.length);
        }

        void write(String type, byte[] data, int length) throws IOException {
            byte[] name = type.getBytes(StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(name);
            crc.update(data, 0, length);
            out.writeInt(length);
            out.write(name);
            out.write(data, 0, length);
            out.writeInt((int) crc.getValue());
        }
    }

    /** The compressed stream, cut into IDAT chunks; closing it writes the last one, not closing the output. */
    private static final class IdatStream extends OutputStream {

        private final ChunkWriter chunks;
        private final byte[] buffer = new byte[CHUNK];
        private int size;

        IdatStream(ChunkWriter chunks) {
            this.chunks = chunks;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, CHUNK - size);
                System.arraycopy(b, off, buffer, size, n);
                size += n;
                off += n;
                len -= n;
                if (size == CHUNK) {
                    emit();
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (size > 0) {
                emit();
            }
        }

        private void emit() throws IOException {
            chunks.write("IDAT", buffer, size);
            size = 0;
        }
    }
}
