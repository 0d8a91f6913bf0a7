package fr.yseraa.observatory.wms.map;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A PNG encoder for drawn maps (PNG 1.2 / ISO 15948): 8-bit truecolour with alpha, or without it when every pixel is
 * opaque; rows unfiltered (maps are runs of flat colour, which deflate compresses better unfiltered than after the
 * Sub, Up or Paeth filters, measured on our tiles) and deflated at level 2 (on the maps and tiles of bench/wms-fair.sh,
 * 27 % less time than level 4 for 5 % more bytes; level 1 is no faster and larger). Written as it is compressed, in IDAT
 * chunks of 64 KiB. Faster than the JDK's ImageIO writer (twice as fast at level 4 already), which spent most of its time
 * choosing a filter for every row.
 */
final class PngWriter {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int LEVEL = 2;
    private static final int CHUNK = 64 * 1024;
    private static final byte FILTER_NONE = 0;

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
        boolean alpha = !opaque(raster, width, height);
        int channels = alpha ? 4 : 3;
        ChunkWriter chunks = new ChunkWriter(out);
        out.write(SIGNATURE);
        chunks.write("IHDR", header(width, height, alpha ? 6 : 2));
        Deflater deflater = new Deflater(LEVEL);
        try (DeflaterOutputStream idat = new DeflaterOutputStream(new IdatStream(chunks), deflater, CHUNK)) {
            int[] pixels = new int[width];
            byte[] line = new byte[1 + width * channels];
            line[0] = FILTER_NONE;
            for (int y = 0; y < height; y++) {
                raster.getDataElements(0, y, width, 1, pixels);
                for (int x = 0, i = 1; x < width; x++) {
                    int p = pixels[x];
                    line[i++] = (byte) (p >> 16);
                    line[i++] = (byte) (p >> 8);
                    line[i++] = (byte) p;
                    if (alpha) {
                        line[i++] = (byte) (p >>> 24);
                    }
                }
                idat.write(line);
            }
        } finally {
            deflater.end();
        }
        chunks.write("IEND", new byte[0]);
        out.flush();
    }

    private static boolean opaque(Raster raster, int width, int height) {
        int[] pixels = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getDataElements(0, y, width, 1, pixels);
            for (int p : pixels) {
                if (p >>> 24 != 255) {
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
