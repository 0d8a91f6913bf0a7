package fr.yseraa.observatory.wms.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hairlines look like Java2D's anti-aliased strokes of the same width, on every slope, over any background. */
class HairlinesTest {

    private static final int SIZE = 128;

    /** Random closed rings of small and large polygons and open lines, some reaching far outside the image. */
    private static List<Path2D> shapes(long seed) {
        Random r = new Random(seed);
        List<Path2D> shapes = new ArrayList<>();
        for (int n = 0; n < 60; n++) {
            double cx = r.nextDouble() * SIZE;
            double cy = r.nextDouble() * SIZE;
            double radius = n % 3 == 0 ? 40 + r.nextDouble() * 200 : 1 + r.nextDouble() * 8;
            Path2D.Double p = new Path2D.Double();
            int vertices = 3 + r.nextInt(9);
            for (int k = 0; k < vertices; k++) {
                double t = k * 2 * Math.PI / vertices;
                double rr = radius * (0.6 + 0.8 * r.nextDouble());
                double x = cx + rr * Math.cos(t);
                double y = cy + rr * Math.sin(t);
                if (k == 0) {
                    p.moveTo(x, y);
                } else {
                    p.lineTo(x, y);
                }
            }
            if (n % 4 != 1) {
                p.closePath();
            }
            shapes.add(p);
        }
        return shapes;
    }

    private static BufferedImage image(Color background) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        if (background != null) {
            Graphics2D g = image.createGraphics();
            g.setColor(background);
            g.fillRect(0, 0, SIZE, SIZE);
            g.dispose();
        }
        return image;
    }

    private static BufferedImage java2d(List<Path2D> shapes, double width, Color color, Color background) {
        BufferedImage image = image(background);
        Graphics2D g = MapRenderer.graphics(image);
        g.setColor(color);
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Shape s : shapes) {
            g.draw(s);
        }
        g.dispose();
        return image;
    }

    private static BufferedImage hairlines(List<Path2D> shapes, double width, Color color, Color background) {
        BufferedImage image = image(background);
        Hairlines hairlines = Hairlines.of(image);
        for (Shape s : shapes) {
            hairlines.draw(s, width, color);
        }
        return image;
    }

    @Test
    void drawsWhatJava2dDrawsWithinALevelOrTwo() {
        Color[] colors = {new Color(58, 140, 196, 153), new Color(20, 20, 20, 255), new Color(200, 60, 40, 90)};
        Color[] backgrounds = {null, new Color(124, 195, 234), new Color(255, 255, 255, 120)};
        int compared = 0;
        for (double width : new double[] {0.3, 0.5, 0.65, 0.8}) {
            for (int i = 0; i < colors.length; i++) {
                List<Path2D> shapes = shapes(17L * i + (long) (width * 10));
                BufferedImage expected = java2d(shapes, width, colors[i], backgrounds[i]);
                BufferedImage actual = hairlines(shapes, width, colors[i], backgrounds[i]);
                long drawn = 0;
                long far = 0;
                long inkExpected = 0;
                long inkActual = 0;
                int worst = 0;
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        int e = expected.getRGB(x, y);
                        int a = actual.getRGB(x, y);
                        int delta = maxChannelDelta(e, a);
                        worst = Math.max(worst, delta);
                        far += delta > 24 ? 1 : 0;
                        drawn += e != image(backgrounds[i]).getRGB(0, 0) ? 1 : 0;
                        inkExpected += ink(e, backgrounds[i]);
                        inkActual += ink(a, backgrounds[i]);
                    }
                }
                String what = "width " + width + ", colour " + i;
                assertThat(drawn).as(what + ": the lines draw something to compare").isGreaterThan(SIZE * 4);
                assertThat((double) far / drawn).as(what + ": pixels further than 24 levels, of those drawn")
                        .isLessThan(0.02);
                assertThat(worst).as(what + ": the worst pixel").isLessThanOrEqualTo(96);
                assertThat((double) inkActual / inkExpected).as(what + ": the ink laid down").isBetween(0.93, 1.07);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(12);
    }

    @Test
    void onlyPlainThinStrokesOfArgbImages() {
        assertThat(Hairlines.draws(0.3, null)).isTrue();
        assertThat(Hairlines.draws(0.8, null)).isTrue();
        assertThat(Hairlines.draws(1.0, null)).isFalse();
        assertThat(Hairlines.draws(1.2, null)).isFalse();
        assertThat(Hairlines.draws(0, null)).isFalse();
        assertThat(Hairlines.draws(0.5, new float[] {2, 2})).isFalse();
        assertThat(Hairlines.of(new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB_PRE))).isNull();
        assertThat(Hairlines.of(new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB).getSubimage(2, 2, 4, 4))).isNull();
        assertThat(Hairlines.of(new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB))).isNotNull();
        assertThat(Hairlines.of(new BufferedImage(1024, 1024, BufferedImage.TYPE_INT_ARGB))).isNotNull();
        assertThat(Hairlines.of(new BufferedImage(1025, 1024, BufferedImage.TYPE_INT_ARGB))).as("bounded memory").isNull();
    }

    /**
     * The largest difference of a channel, premultiplied by alpha: what shows once the pixel is laid on anything (the
     * colour of a pixel drawn at 2 % opacity is not seen, and Java2D's rounding moves it far).
     */
    private static int maxChannelDelta(int p, int q) {
        int max = Math.abs((p >>> 24) - (q >>> 24));
        for (int shift = 0; shift < 24; shift += 8) {
            max = Math.max(max, Math.abs((p >>> shift & 0xff) * (p >>> 24) - (q >>> shift & 0xff) * (q >>> 24)) / 255);
        }
        return max;
    }

    /** How far a pixel is from the background, summed over its channels. */
    private static int ink(int p, Color background) {
        int b = background == null ? 0 : background.getRGB();
        return maxChannelDelta(p, b) == 0 ? 0 : Math.abs((p >>> 24) - (b >>> 24)) + Math.abs((p >> 16 & 0xff) - (b >> 16 & 0xff))
                + Math.abs((p >> 8 & 0xff) - (b >> 8 & 0xff)) + Math.abs((p & 0xff) - (b & 0xff));
    }
}
