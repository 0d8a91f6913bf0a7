package fr.yseraa.observatory.wms.style;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.util.List;

/**
 * An SVG graphic as vector shapes, drawn at whatever size the symbolizer asks (no raster scaling).
 *
 * @param viewBox maps the SVG's user units to (0, 0)-(width, height)
 */
public record SvgImage(double width, double height, AffineTransform viewBox, List<Part> parts) implements GraphicImage {

    /** One filled and/or stroked shape, in SVG user units; a null paint draws nothing. */
    public record Part(Shape shape, Paint fill, Paint stroke, BasicStroke strokeStyle) {
    }

    public SvgImage {
        viewBox = new AffineTransform(viewBox);
        parts = List.copyOf(parts);
    }

    @Override
    public AffineTransform viewBox() {
        return new AffineTransform(viewBox);
    }

    @Override
    public void paint(Graphics2D g) {
        AffineTransform previous = g.getTransform();
        g.transform(viewBox);
        for (Part p : parts) {
            if (p.fill() != null) {
                g.setPaint(p.fill());
                g.fill(p.shape());
            }
            if (p.stroke() != null) {
                g.setPaint(p.stroke());
                g.setStroke(p.strokeStyle());
                g.draw(p.shape());
            }
        }
        g.setTransform(previous);
    }
}
