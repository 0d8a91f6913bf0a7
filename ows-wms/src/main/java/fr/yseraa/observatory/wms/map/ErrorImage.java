package fr.yseraa.observatory.wms.map;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** The images GetMap answers errors with when EXCEPTIONS asks for INIMAGE or BLANK. */
final class ErrorImage {

    private ErrorImage() {
    }

    /** An empty map: transparent, or the background colour. */
    static BufferedImage blank(int width, int height, Color background) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        if (background != null) {
            Graphics2D g = image.createGraphics();
            g.setColor(background);
            g.fillRect(0, 0, width, height);
            g.dispose();
        }
        return image;
    }

    /** A map with the error message written across it, wrapped to its width. */
    static BufferedImage withMessage(int width, int height, Color background, String message) {
        BufferedImage image = blank(width, height, background);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.RED.darker());
        FontMetrics fm = g.getFontMetrics();
        int y = fm.getAscent() + 4;
        for (String line : wrap(message, fm, width - 8)) {
            g.drawString(line, 4, y);
            y += fm.getHeight();
        }
        g.dispose();
        return image;
    }

    private static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() > 0 && fm.stringWidth(line + " " + word) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
