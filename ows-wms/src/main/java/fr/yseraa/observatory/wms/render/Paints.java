package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.wms.style.Fill;
import fr.yseraa.observatory.wms.style.Stroke;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.TexturePaint;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Java2D paints and strokes of the style model's fills and strokes (maps and legends alike). */
public final class Paints {

    private Paints() {
    }

    public static Color withOpacity(Color c, double opacity) {
        int alpha = (int) Math.round(Math.max(0, Math.min(1, opacity)) * 255);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    public static Paint paint(Fill fill) {
        if (fill.graphicFill() != null) {
            int size = Math.max(1, (int) Math.ceil(fill.graphicFill().size()));
            BufferedImage tile = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = tile.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            GraphicPainter.paint(g, fill.graphicFill(), size / 2.0, size / 2.0);
            g.dispose();
            return new TexturePaint(tile, new Rectangle2D.Double(0, 0, size, size));
        }
        return withOpacity(fill.color(), fill.opacity());
    }

    public static BasicStroke basicStroke(Stroke s) {
        int cap = switch (s.lineCap()) {
            case "round" -> BasicStroke.CAP_ROUND;
            case "square" -> BasicStroke.CAP_SQUARE;
            default -> BasicStroke.CAP_BUTT;
        };
        int join = switch (s.lineJoin()) {
            case "round" -> BasicStroke.JOIN_ROUND;
            case "bevel" -> BasicStroke.JOIN_BEVEL;
            default -> BasicStroke.JOIN_MITER;
        };
        float width = (float) Math.max(0, s.width());
        return s.dashArray() == null ? new BasicStroke(width, cap, join, 10f)
                : new BasicStroke(width, cap, join, 10f, s.dashArray(), 0f);
    }

    public static Color strokeColor(Stroke s) {
        return withOpacity(s.color(), s.opacity());
    }
}
