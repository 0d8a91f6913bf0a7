package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.wms.style.Fill;
import fr.yseraa.observatory.wms.style.Halo;
import fr.yseraa.observatory.wms.style.TextSymbolizer;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Upright labels drawn once and stamped ({@link SubPixelStamps}): the same few taxon or place names label hundreds of
 * points of a map, and filling and stroking their glyph outlines (the halo a stroke of twice its radius) was most of
 * what a map of labelled points cost. A text's image is made at 4 × 4 sub-pixel positions (within 1/8 pixel of
 * where its glyphs would have been drawn). Shared by all maps, by the look of a label (font, halo, colour); bounded by
 * the pixels of the images kept: past {@value #BUDGET_PIXELS} all are forgotten and made again as needed.
 */
final class LabelStamps {

    private static final int PHASES = 4;
    private static final long BUDGET_PIXELS = 4L << 20;
    private static final Map<Look, LabelStamps> BY_LOOK = new ConcurrentHashMap<>();
    private static final AtomicLong PIXELS = new AtomicLong();

    /** What a label's picture depends on besides its text. */
    private record Look(fr.yseraa.observatory.wms.style.Font font, Halo halo, Fill fill) {
    }

    private final Look look;
    private final Map<String, SubPixelStamps> byText = new ConcurrentHashMap<>();

    private LabelStamps(Look look) {
        this.look = look;
    }

    /**
     * The stamps of a text symbolizer's labels, or null when its labels cannot be stamped: a graphic fill of the text
     * or its halo is a pattern laid from the map's corner, which a stamp would move.
     */
    static LabelStamps of(TextSymbolizer t) {
        if (t.fill().graphicFill() != null || t.halo() != null && t.halo().fill().graphicFill() != null) {
            return null;
        }
        return BY_LOOK.computeIfAbsent(new Look(t.font(), t.halo(), t.fill()), LabelStamps::new);
    }

    /** Draws a text laid out as {@code glyphs} with its origin (the baseline's left end) at a screen position. */
    void paint(Graphics2D g, String text, GlyphVector glyphs, double x, double y) {
        SubPixelStamps stamps = byText.computeIfAbsent(text, s -> new SubPixelStamps(drawing(glyphs), PHASES));
        if (PIXELS.addAndGet(stamps.paint(g, x, y)) > BUDGET_PIXELS) {
            PIXELS.set(0);
            BY_LOOK.clear();
        }
    }

    private SubPixelStamps.Drawing drawing(GlyphVector glyphs) {
        return new SubPixelStamps.Drawing() {
            @Override
            public Rectangle2D bounds() {
                Rectangle2D b = glyphs.getOutline().getBounds2D();
                double r = haloRadius();
                return new Rectangle2D.Double(b.getX() - r, b.getY() - r, b.getWidth() + 2 * r, b.getHeight() + 2 * r);
            }

            @Override
            public void draw(Graphics2D g, double x, double y) {
                LabelStamps.draw(g, glyphs.getOutline((float) x, (float) y), look.halo(), look.fill());
            }
        };
    }

    private double haloRadius() {
        return look.halo() == null ? 0 : Math.max(0, look.halo().radius());
    }

    /** A label's glyph outline drawn as the style says: its halo (if any) under its fill. */
    static void draw(Graphics2D g, java.awt.Shape outline, Halo halo, Fill fill) {
        if (halo != null && halo.radius() > 0) {
            g.setPaint(Paints.paint(halo.fill()));
            g.setStroke(new BasicStroke((float) (2 * halo.radius()), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(outline);
        }
        g.setPaint(Paints.paint(fill));
        g.fill(outline);
    }
}
