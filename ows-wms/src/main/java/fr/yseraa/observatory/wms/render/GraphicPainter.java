package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.wms.style.ExternalGraphic;
import fr.yseraa.observatory.wms.style.Graphic;
import fr.yseraa.observatory.wms.style.GraphicImage;
import fr.yseraa.observatory.wms.style.Mark;
import java.awt.AlphaComposite;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;

/** Draws a point graphic (mark or image) centred on a screen position. */
public final class GraphicPainter {

    private GraphicPainter() {
    }

    public static void paint(Graphics2D g, Graphic graphic, double x, double y) {
        Composite previous = g.getComposite();
        if (graphic.opacity() < 1) {
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) Math.max(0, graphic.opacity())));
        }
        AffineTransform at = AffineTransform.getTranslateInstance(x, y);
        at.rotate(Math.toRadians(graphic.rotation()));
        if (graphic.symbol() instanceof Mark mark) {
            Shape shape = markShape(graphic, mark, at);
            if (mark.fill() != null) {
                g.setPaint(Paints.paint(mark.fill()));
                g.fill(shape);
            }
            if (mark.stroke() != null && mark.stroke().width() > 0) {
                g.setPaint(Paints.strokeColor(mark.stroke()));
                g.setStroke(Paints.basicStroke(mark.stroke()));
                g.draw(shape);
            }
        } else if (graphic.symbol() instanceof ExternalGraphic external) {
            GraphicImage image = external.image();
            double scale = graphic.size() > 0 ? graphic.size() / image.height() : 1;
            at.scale(scale, scale);
            at.translate(-image.width() / 2.0, -image.height() / 2.0);
            AffineTransform before = g.getTransform();
            g.transform(at);
            image.paint(g);
            g.setTransform(before);
        }
        g.setComposite(previous);
    }

    /** A mark's shape, scaled to the graphic's size, turned and placed by {@code at}. */
    private static Shape markShape(Graphic graphic, Mark mark, AffineTransform at) {
        AffineTransform scaled = new AffineTransform(at);
        scaled.scale(graphic.size(), graphic.size());
        return scaled.createTransformedShape(MarkShapes.shape(mark.wellKnownName()));
    }

    /** What a mark graphic covers around its centre, in pixels, its stroke included. */
    static Rectangle2D bounds(Graphic graphic) {
        Mark mark = (Mark) graphic.symbol();
        AffineTransform at = AffineTransform.getRotateInstance(Math.toRadians(graphic.rotation()));
        Shape shape = markShape(graphic, mark, at);
        Rectangle2D bounds = shape.getBounds2D();
        if (mark.stroke() != null && mark.stroke().width() > 0) {
            bounds.add(Paints.basicStroke(mark.stroke()).createStrokedShape(shape).getBounds2D());
        }
        return bounds;
    }

    /** The size in pixels a graphic covers (for legends and margins). */
    public static double extent(Graphic graphic) {
        if (graphic.symbol() instanceof ExternalGraphic external && graphic.size() <= 0) {
            return Math.max(external.image().width(), external.image().height());
        }
        return graphic.size();
    }
}
