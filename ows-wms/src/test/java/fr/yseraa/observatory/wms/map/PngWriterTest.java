package fr.yseraa.observatory.wms.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.IntBinaryOperator;
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

    /** Writes the image, checks its colour type and that it decodes to the same pixels; the PNG. */
    private static byte[] assertWritten(BufferedImage image, int colourType) throws Exception {
        byte[] png = png(image);
        assertThat(colourType(png)).isEqualTo(colourType);
        assertSamePixels(image, png);
        return png;
    }

    /** An ARGB image whose pixel at x, y is the colour the function gives. */
    private static BufferedImage image(int width, int height, IntBinaryOperator colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, colour.applyAsInt(x, y));
            }
        }
        return image;
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
        BufferedImage image = image(70, 40, (x, y) -> (x * 3) << 24 | (y * 6) << 16 | (x + y) << 8 | 0x7F);
        assertWritten(image, 6);
    }

    @Test
    void anOpaqueImageIsWrittenWithoutAlpha() throws Exception {
        BufferedImage image = image(33, 17, (x, y) -> 0xFF000000 | (x * 7) << 16 | (y * 15) << 8 | 0x20);
        assertWritten(image, 2);
    }

    @Test
    void aTileCutFromAMetatileIsItsOwnPart() throws Exception {
        Random random = new Random(7);
        BufferedImage meta = image(96, 96, (x, y) -> random.nextInt());
        BufferedImage part = meta.getSubimage(32, 16, 40, 50);
        assertSamePixels(part, png(part));
    }

    @Test
    void largeImagesAreWrittenInSeveralIdatChunks() throws Exception {
        Random random = new Random(11);
        BufferedImage noise = image(300, 300, (x, y) -> random.nextInt());
        byte[] png = png(noise);
        assertThat(chunks(png, "IDAT")).isGreaterThan(1);
        assertThat(chunks(png, "IEND")).isEqualTo(1);
        assertSamePixels(noise, png);
    }

    /** An image of the given number of colours, translucent and transparent ones among them. */
    private static BufferedImage withColours(int count) {
        int[] colours = new int[count];
        for (int i = 0; i < count; i++) {
            // blue and green tell the colours apart; every fourth one translucent or transparent (alpha 0 first)
            colours[i] = (i % 4 == 0 ? i / 4 : 255 - i % 3) << 24 | (i * 37 % 256) << 16 | (i >> 8) << 8 | (i & 255);
        }
        Random random = new Random(count);
        // each colour once first, then runs (the left half) and scattered pixels (the right half)
        return image(64, 48, (x, y) -> colours[y * 64 + x < count ? y * 64 + x
                : x < 32 ? y % count : random.nextInt(count)]);
    }

    @Test
    void aMapOfAtMost256ColoursIsWrittenWithItsPaletteLosslessly() throws Exception {
        BufferedImage image = withColours(256);
        byte[] png = assertWritten(image, 3);
        assertThat(chunks(png, "PLTE")).isEqualTo(1);
        assertThat(chunks(png, "tRNS")).isEqualTo(1);
    }

    @Test
    void anOpaquePaletteHasNoTransparencyChunk() throws Exception {
        BufferedImage image = image(30, 20, (x, y) -> x < 10 ? 0xFF7CC3EA : y < 5 ? 0xFF3A8CC4 : 0xFFC9BB6E);
        byte[] png = assertWritten(image, 3);
        assertThat(chunks(png, "tRNS")).isZero();
    }

    @Test
    void the257thColourTakesTruecolour() throws Exception {
        BufferedImage image = withColours(257);
        assertWritten(image, 6);
    }

    @Test
    void aTileOfFewColoursCutFromAMetatileIsItsOwnPart() throws Exception {
        Random random = new Random(5);
        // many colours outside the part, three inside it
        BufferedImage meta = image(96, 96, (x, y) -> x >= 32 && x < 72 && y >= 16 && y < 66
                ? 0x80FF0000 >>> random.nextInt(3) : random.nextInt());
        BufferedImage part = meta.getSubimage(32, 16, 40, 50);
        assertWritten(part, 3);
    }

    @Test
    void onlyPackedArgbImagesAreTaken() {
        assertThatThrownBy(() -> png(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
