package fr.yseraa.observatory.wms.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Our PNGs decode, with a standard decoder (ImageIO's reader), to the very pixels drawn. */
class PngWriterTest {

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngWriter.write(image, out);
        return out.toByteArray();
    }

    private static void assertSamePixels(BufferedImage expected, byte[] png) throws Exception {
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(back.getWidth()).isEqualTo(expected.getWidth());
        assertThat(back.getHeight()).isEqualTo(expected.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertThat(back.getRGB(x, y)).as("pixel %d, %d", x, y).isEqualTo(expected.getRGB(x, y));
            }
        }
    }

    /** The IHDR colour type: 6 truecolour with alpha, 2 truecolour, 3 indexed. */
    private static int colourType(byte[] png) {
        assertThat(new String(png, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("IHDR");
        return png[25];
    }

    private static int chunks(byte[] png, String type) {
        int count = 0;
        for (int at = 8; at < png.length; ) {
            int length = ((png[at] & 255) << 24) | ((png[at + 1] & 255) << 16) | ((png[at + 2] & 255) << 8) | (png[at + 3] & 255);
            if (new String(png, at + 4, 4, StandardCharsets.US_ASCII).equals(type)) {
                count++;
            }
            at += 12 + length;
        }
        return count;
    }

    @Test
    void translucentPixelsKeepTheirAlphaExactly() throws Exception {
        BufferedImage image = new BufferedImage(70, 40, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 70; x++) {
                image.setRGB(x, y, (x * 3) << 24 | (y * 6) << 16 | (x + y) << 8 | 0x7F);
            }
        }
        byte[] png = png(image);
        assertThat(colourType(png)).isEqualTo(6);
        assertSamePixels(image, png);
    }

    @Test
    void anOpaqueImageIsWrittenWithoutAlpha() throws Exception {
        BufferedImage image = new BufferedImage(33, 17, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 17; y++) {
            for (int x = 0; x < 33; x++) {
                image.setRGB(x, y, 0xFF000000 | (x * 7) << 16 | (y * 15) << 8 | 0x20);
            }
        }
        byte[] png = png(image);
        assertThat(colourType(png)).isEqualTo(2);
        assertSamePixels(image, png);
    }

    @Test
    void aTileCutFromAMetatileIsItsOwnPart() throws Exception {
        BufferedImage meta = new BufferedImage(96, 96, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(7);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 96; x++) {
                meta.setRGB(x, y, random.nextInt());
            }
        }
        BufferedImage part = meta.getSubimage(32, 16, 40, 50);
        assertSamePixels(part, png(part));
    }

    @Test
    void largeImagesAreWrittenInSeveralIdatChunks() throws Exception {
        BufferedImage noise = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(11);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 300; x++) {
                noise.setRGB(x, y, random.nextInt());
            }
        }
        byte[] png = png(noise);
        assertThat(chunks(png, "IDAT")).isGreaterThan(1);
        assertThat(chunks(png, "IEND")).isEqualTo(1);
        assertSamePixels(noise, png);
    }

    /** An image of the given number of colours, translucent and transparent ones among them, in runs and scattered. */
    private static BufferedImage withColours(int count) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
        int[] colours = new int[count];
        for (int i = 0; i < count; i++) {
            // blue and green tell the colours apart; every fourth one translucent or transparent (alpha 0 first)
            colours[i] = (i % 4 == 0 ? i / 4 : 255 - i % 3) << 24 | (i * 37 % 256) << 16 | (i >> 8) << 8 | (i & 255);
        }
        Random random = new Random(count);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                int i = y * 64 + x;
                image.setRGB(x, y, colours[i < count ? i : x < 32 ? y % count : random.nextInt(count)]);
            }
        }
        return image;
    }

    @Test
    void aMapOfAtMost256ColoursIsWrittenWithItsPaletteLosslessly() throws Exception {
        BufferedImage image = withColours(256);
        byte[] png = png(image);
        assertThat(colourType(png)).isEqualTo(3);
        assertThat(chunks(png, "PLTE")).isEqualTo(1);
        assertThat(chunks(png, "tRNS")).isEqualTo(1);
        assertSamePixels(image, png);
    }

    @Test
    void anOpaquePaletteHasNoTransparencyChunk() throws Exception {
        BufferedImage image = new BufferedImage(30, 20, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 30; x++) {
                image.setRGB(x, y, x < 10 ? 0xFF7CC3EA : y < 5 ? 0xFF3A8CC4 : 0xFFC9BB6E);
            }
        }
        byte[] png = png(image);
        assertThat(colourType(png)).isEqualTo(3);
        assertThat(chunks(png, "tRNS")).isZero();
        assertSamePixels(image, png);
    }

    @Test
    void the257thColourTakesTruecolour() throws Exception {
        BufferedImage image = withColours(257);
        byte[] png = png(image);
        assertThat(colourType(png)).isEqualTo(6);
        assertSamePixels(image, png);
    }

    @Test
    void aTileOfFewColoursCutFromAMetatileIsItsOwnPart() throws Exception {
        BufferedImage meta = new BufferedImage(96, 96, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(5);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 96; x++) {
                // many colours outside the part, three inside it
                boolean inside = x >= 32 && x < 72 && y >= 16 && y < 66;
                meta.setRGB(x, y, inside ? 0x80FF0000 >>> random.nextInt(3) : random.nextInt());
            }
        }
        BufferedImage part = meta.getSubimage(32, 16, 40, 50);
        byte[] png = png(part);
        assertThat(colourType(png)).isEqualTo(3);
        assertSamePixels(part, png);
    }

    @Test
    void onlyPackedArgbImagesAreTaken() {
        assertThatThrownBy(() -> png(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
