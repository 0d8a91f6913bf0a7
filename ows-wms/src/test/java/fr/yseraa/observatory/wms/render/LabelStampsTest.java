package fr.yseraa.observatory.wms.render;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.wms.style.Fill;
import fr.yseraa.observatory.wms.style.Font;
import fr.yseraa.observatory.wms.style.Graphic;
import fr.yseraa.observatory.wms.style.Halo;
import fr.yseraa.observatory.wms.style.LabelTemplate;
import fr.yseraa.observatory.wms.style.Mark;
import fr.yseraa.observatory.wms.style.PointPlacement;
import fr.yseraa.observatory.wms.style.TextSymbolizer;
import fr.yseraa.observatory.wms.style.ValueExpression;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Stamped labels against the same labels' glyph outlines filled and stroked on the map itself. */
class LabelStampsTest {

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static final List<String> NAMES = List.of("Anas platyrhynchos", "Luronium natans", "Rana dalmatina",
            "Vertigo moulinsiana", "Saint-Omer", "Clairmarais");

    private static TextSymbolizer label(Halo halo, Fill fill) {
        return new TextSymbolizer(new LabelTemplate(List.of(new ValueExpression.Property("nom"))),
                new Font("DejaVu Sans", true, false, 11), halo, new PointPlacement(0, 0, 0, 0, 0), fill, null);
    }

    /** Draws the names at the given origins both ways, over the same background; returns {stamped, direct}. */
    private static BufferedImage[] drawBothWays(TextSymbolizer t, double[][] origins) {
        BufferedImage stamped = canvas();
        BufferedImage direct = canvas();
        Graphics2D gs = MapRenderer.graphics(stamped);
        Graphics2D gd = MapRenderer.graphics(direct);
        LabelStamps stamps = LabelStamps.of(t);
        java.awt.Font font = AwtFonts.font(t.font());
        for (int i = 0; i < origins.length; i++) {
            String text = NAMES.get(i % NAMES.size());
            GlyphVector glyphs = font.createGlyphVector(FRC, text);
            double x = origins[i][0];
            double y = origins[i][1];
            stamps.paint(gs, text, glyphs, x, y);
            LabelStamps.draw(gd, glyphs.getOutline((float) x, (float) y), t.halo(), t.fill());
        }
        gs.dispose();
        gd.dispose();
        return new BufferedImage[] {stamped, direct};
    }

    private static BufferedImage canvas() {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(250, 240, 180, 200)); // a translucent background: the stamps are laid over it
        g.fillRect(0, 0, 400, 150);
        g.dispose();
        return image;
    }

    /** The largest difference of a channel between two images' pixels, premultiplied (as they are seen). */
    private static int largestChannelDifference(BufferedImage a, BufferedImage b) {
        int worst = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                worst = Math.max(worst, Math.abs((p >>> 24) - (q >>> 24)));
                for (int shift = 0; shift < 24; shift += 8) {
                    worst = Math.max(worst, Math.abs(premultiplied(p, shift) - premultiplied(q, shift)));
                }
            }
        }
        return worst;
    }

    private static int premultiplied(int argb, int shift) {
        return Math.round((argb >>> shift & 0xff) * (argb >>> 24) / 255f);
    }

    private static long ink(BufferedImage image) {
        long sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                sum += (p >>> 24) * ((p >>> 16 & 0xff) + (p >>> 8 & 0xff) + (p & 0xff));
            }
        }
        return sum;
    }

    @Test
    void aLabelStampedAtOneOfItsSubPixelPositionsIsTheLabelDrawnThere() {
        TextSymbolizer t = label(new Halo(1.5, new Fill(Color.WHITE, 0.8, null)), new Fill(new Color(20, 60, 140), 1, null));
        Random random = new Random(7);
        double[][] origins = new double[60][];
        for (int i = 0; i < origins.length; i++) {
            // on the quarter-pixel grid the stamps are made at
            origins[i] = new double[] {random.nextInt(1400) / 4.0, 10 + random.nextInt(1160) / 4.0};
        }
        BufferedImage[] both = drawBothWays(t, origins);
        // a stamp made on a transparent image, then laid on the map, rounds each channel to 8 bits three times where
        // drawing in place rounds twice, and the map's translucent (alpha 200) non-premultiplied pixels scale that
        assertThat(largestChannelDifference(both[0], both[1])).isLessThanOrEqualTo(3);
    }

    @Test
    void aLabelStampedAnywhereIsWithinAnEighthOfAPixelOfTheLabelDrawnThere() {
        TextSymbolizer t = label(new Halo(2, new Fill(Color.WHITE, 1, null)), new Fill(new Color(200, 30, 30), 0.9, null));
        Random random = new Random(11);
        double[][] origins = new double[80][];
        for (int i = 0; i < origins.length; i++) {
            origins[i] = new double[] {random.nextDouble() * 350 - 20, 5 + random.nextDouble() * 300};
        }
        BufferedImage[] both = drawBothWays(t, origins);
        long stampedInk = ink(both[0]);
        long directInk = ink(both[1]);
        assertThat(Math.abs(stampedInk - directInk)).isLessThan(directInk / 1000);
        // a glyph edge moved by at most 1/8 pixel across and 1/8 down changes a pixel's cover by a quarter at most
        // (measured: 54 levels)
        assertThat(largestChannelDifference(both[0], both[1])).isLessThanOrEqualTo(64);
    }

    @Test
    void labelsPaintedWithAPatternAreNotStamped() {
        Graphic hatch = new Graphic(new Mark("square", new Fill(Color.BLACK, 1, null), null), 1, 4, 0);
        assertThat(LabelStamps.of(label(null, new Fill(Color.BLACK, 1, hatch)))).isNull();
        assertThat(LabelStamps.of(label(new Halo(1, new Fill(Color.WHITE, 1, hatch)), new Fill(Color.BLACK, 1, null))))
                .isNull();
        assertThat(LabelStamps.of(label(null, new Fill(Color.BLACK, 1, null)))).isNotNull();
    }
}
