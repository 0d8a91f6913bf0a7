package fr.yseraa.observatory.wms.legend;

import fr.yseraa.observatory.wms.render.AwtFonts;
import fr.yseraa.observatory.wms.render.GraphicPainter;
import fr.yseraa.observatory.wms.render.Paints;
import fr.yseraa.observatory.wms.style.FeatureTypeStyle;
import fr.yseraa.observatory.wms.style.LineSymbolizer;
import fr.yseraa.observatory.wms.style.PointSymbolizer;
import fr.yseraa.observatory.wms.style.PolygonSymbolizer;
import fr.yseraa.observatory.wms.style.Rule;
import fr.yseraa.observatory.wms.style.Style;
import fr.yseraa.observatory.wms.style.Symbolizer;
import fr.yseraa.observatory.wms.style.TextSymbolizer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a style's legend: one entry per rule (those applying at a scale, when one is given), each a small sample
 * of its symbolizers beside the rule's title, in style order.
 */
public final class LegendRenderer {

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int GAP = 6;
    private static final int PADDING = 4;

    private final int iconWidth;
    private final int iconHeight;

    public LegendRenderer(int iconWidth, int iconHeight) {
        this.iconWidth = iconWidth;
        this.iconHeight = iconHeight;
    }

    /** The rules a legend shows: all of them, or those applying at the scale. */
    public static List<Rule> rules(Style style, Double scale) {
        List<Rule> rules = new ArrayList<>();
        for (FeatureTypeStyle fts : style.featureTypeStyles()) {
            for (Rule r : fts.rules()) {
                if (scale == null || r.appliesAt(scale)) {
                    rules.add(r);
                }
            }
        }
        return rules;
    }

    public Dimension size(List<Rule> rules) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scratch.createGraphics();
        FontMetrics fm = g.getFontMetrics(TITLE_FONT);
        int text = 0;
        for (Rule r : rules) {
            text = Math.max(text, fm.stringWidth(r.label()));
        }
        g.dispose();
        int row = Math.max(iconHeight, fm.getHeight()) + PADDING;
        return new Dimension(PADDING * 2 + iconWidth + (text > 0 ? GAP + text : 0), Math.max(1, rules.size()) * row + PADDING);
    }

    public BufferedImage render(List<Rule> rules, boolean transparent) {
        Dimension size = size(rules);
        BufferedImage image = new BufferedImage(size.width, size.height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        if (!transparent) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size.width, size.height);
        }
        FontMetrics fm = g.getFontMetrics(TITLE_FONT);
        int row = Math.max(iconHeight, fm.getHeight()) + PADDING;
        int y = PADDING;
        for (Rule r : rules) {
            Graphics2D icon = (Graphics2D) g.create(PADDING, y, iconWidth, iconHeight);
            for (Symbolizer s : r.symbolizers()) {
                drawSample(icon, s);
            }
            icon.dispose();
            g.setFont(TITLE_FONT);
            g.setColor(Color.BLACK);
            g.drawString(r.label(), PADDING + iconWidth + GAP, y + (iconHeight + fm.getAscent() - fm.getDescent()) / 2);
            y += row;
        }
        g.dispose();
        return image;
    }

    private void drawSample(Graphics2D g, Symbolizer s) {
        if (s instanceof PolygonSymbolizer p) {
            Shape box = new Rectangle2D.Double(1, 1, iconWidth - 2, iconHeight - 2);
            if (p.fill() != null) {
                g.setPaint(Paints.paint(p.fill()));
                g.fill(box);
            }
            if (p.stroke() != null && p.stroke().width() > 0) {
                stroke(g, p.stroke(), 3);
                g.draw(box);
            }
        } else if (s instanceof LineSymbolizer l) {
            Path2D.Double line = new Path2D.Double();
            line.moveTo(1, iconHeight - 2);
            line.curveTo(iconWidth * 0.4, iconHeight * 0.2, iconWidth * 0.6, iconHeight * 0.8, iconWidth - 1, 2);
            stroke(g, l.stroke(), iconHeight / 3.0);
            g.draw(line);
        } else if (s instanceof PointSymbolizer p) {
            double size = Math.min(GraphicPainter.extent(p.graphic()), Math.min(iconWidth, iconHeight) - 2);
            GraphicPainter.paint(g, new fr.yseraa.observatory.wms.style.Graphic(p.graphic().symbol(),
                    p.graphic().opacity(), size, p.graphic().rotation()), iconWidth / 2.0, iconHeight / 2.0);
        } else if (s instanceof TextSymbolizer t) {
            Font f = AwtFonts.font(t.font()).deriveFont((float) Math.min(t.font().size(), iconHeight - 4));
            g.setFont(f);
            g.setPaint(Paints.paint(t.fill()));
            FontMetrics fm = g.getFontMetrics();
            g.drawString("Aa", (iconWidth - fm.stringWidth("Aa")) / 2, (iconHeight + fm.getAscent() - fm.getDescent()) / 2);
        }
    }

    /** A stroke as the map draws it, thinned to fit the sample. */
    private static void stroke(Graphics2D g, fr.yseraa.observatory.wms.style.Stroke s, double maxWidth) {
        g.setPaint(Paints.strokeColor(s));
        BasicStroke b = Paints.basicStroke(s);
        g.setStroke(new BasicStroke((float) Math.min(b.getLineWidth(), maxWidth), b.getEndCap(), b.getLineJoin(),
                b.getMiterLimit(), b.getDashArray(), b.getDashPhase()));
    }
}
