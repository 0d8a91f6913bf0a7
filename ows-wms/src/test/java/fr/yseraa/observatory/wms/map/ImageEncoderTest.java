package fr.yseraa.observatory.wms.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageEncoderTest {

    static BufferedImage roundTrip(BufferedImage image, ImageFormat format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageEncoder.write(image, format, Color.WHITE, out);
        return ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void eightBitPngKeepsFewColoursExactlyAndManyNearly() throws Exception {
        BufferedImage few = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB); // transparent
        for (int x = 0; x < 32; x++) {
            for (int y = 0; y < 64; y++) {
                few.setRGB(x, y, 0xFF1F78B4);
            }
        }
        BufferedImage back = roundTrip(few, ImageFormat.PNG8);
        assertThat(back.getColorModel()).isInstanceOf(IndexColorModel.class);
        assertThat(back.getRGB(10, 10)).isEqualTo(0xFF1F78B4);
        assertThat(back.getRGB(50, 10) >>> 24).isZero();

        BufferedImage gradient = new BufferedImage(256, 64, BufferedImage.TYPE_INT_ARGB);
        for (int x = 0; x < 256; x++) {
            for (int y = 0; y < 64; y++) {
                gradient.setRGB(x, y, new Color(x, y * 4, 255 - x).getRGB()); // 16 384 colours
            }
        }
        BufferedImage reduced = roundTrip(gradient, ImageFormat.PNG8);
        assertThat(((IndexColorModel) reduced.getColorModel()).getMapSize()).isLessThanOrEqualTo(256);
        Color a = new Color(gradient.getRGB(100, 30));
        Color b = new Color(reduced.getRGB(100, 30));
        assertThat(Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue())).isLessThan(90);
    }

    @Test
    void jpegFlattensTransparencyOnTheBackground() throws Exception {
        BufferedImage transparent = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        BufferedImage back = roundTrip(transparent, ImageFormat.JPEG);
        assertThat(back.getColorModel().hasAlpha()).isFalse();
        Color c = new Color(back.getRGB(8, 8));
        assertThat(c.getRed()).isGreaterThan(250);
    }

    @Test
    void formatNamesAreReadLeniently() {
        assertThat(ImageFormat.parse("image/png;mode=8bit")).contains(ImageFormat.PNG8);
        assertThat(ImageFormat.parse("IMAGE/PNG; MODE=8BIT")).contains(ImageFormat.PNG8);
        assertThat(ImageFormat.parse("image/png8")).contains(ImageFormat.PNG8);
        assertThat(ImageFormat.parse("image/jpeg")).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.parse("image/gif")).isEmpty();
    }
}
