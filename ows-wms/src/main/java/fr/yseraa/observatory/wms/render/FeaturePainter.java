package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.wms.style.Fill;
import fr.yseraa.observatory.wms.style.Graphic;
import fr.yseraa.observatory.wms.style.LineSymbolizer;
import fr.yseraa.observatory.wms.style.Mark;
import fr.yseraa.observatory.wms.style.PointSymbolizer;
import fr.yseraa.observatory.wms.style.PolygonSymbolizer;
import fr.yseraa.observatory.wms.style.Stroke;
import fr.yseraa.observatory.wms.style.Symbolizer;
import fr.yseraa.observatory.wms.style.TextSymbolizer;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.IdentityHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.buffer.OffsetCurve;

/**
 * Draws one feature with one symbolizer, as SLD says each symbolizer treats each kind of geometry: polygons are
 * filled and outlined, lines (and polygon outlines) stroked, point graphics put on points (on an interior point of
 * lines and polygons); labels are handed to the label placer, drawn last. A polygon already drawn with the same
 * symbolizer is not drawn again ({@link PaintedPolygons}); marks are stamped ({@link MarkStamps}); fills of one
 * colour are laid on the pixels directly ({@link PolygonFills}), and so are plain strokes of at most a pixel
 * ({@link Hairlines}).
 */
public final class FeaturePainter {

    private final Graphics2D g;
    private final ShapeConverter shapes;
    private final LabelPlacer labels;
    private final PaintedPolygons painted = new PaintedPolygons();
    /** Java2D paints and strokes of the style's fills and strokes, made once per map, not once per feature. */
    private final Map<Fill, Paint> paints = new IdentityHashMap<>();
    private final Map<Stroke, Color> strokeColors = new IdentityHashMap<>();
    private final Map<Stroke, BasicStroke> strokes = new IdentityHashMap<>();
    private final Map<Graphic, SubPixelStamps> stamps = new IdentityHashMap<>();
    /** Thin strokes and plain fills drawn into the image's pixels, or null where they go through Java2D. */
    private final Hairlines hairlines;
    private final PolygonFills fills;

    /**
     * @param image what g draws on: thin strokes and plain fills are drawn into its pixels when g draws on the whole of
     *              it, anti-aliased, untransformed, source over (the painter then owns g's state: whatever changes it
     *              restores it)
     */
    public FeaturePainter(Graphics2D g, BufferedImage image, ShapeConverter shapes, LabelPlacer labels) {
        this.g = g;
        this.shapes = shapes;
        this.labels = labels;
        boolean plain = g.getTransform().isIdentity() && g.getClip() == null
                && AlphaComposite.SrcOver.equals(g.getComposite())
                && RenderingHints.VALUE_ANTIALIAS_ON.equals(g.getRenderingHint(RenderingHints.KEY_ANTIALIASING));
        ArgbPixels pixels = plain ? ArgbPixels.of(image) : null;
        this.hairlines = pixels == null ? null : new Hairlines(pixels);
        this.fills = pixels == null ? null : new PolygonFills(pixels, shapes.viewport().worldToScreen());
    }

    public void paint(Feature feature, Geometry geometry, Symbolizer symbolizer) {
        if (geometry == null || geometry.isEmpty()) {
            return;
        }
        if (symbolizer instanceof PolygonSymbolizer p) {
            polygon(geometry, p);
        } else if (symbolizer instanceof LineSymbolizer l) {
            line(geometry, l);
        } else if (symbolizer instanceof PointSymbolizer p) {
            point(geometry, p);
        } else if (symbolizer instanceof TextSymbolizer t) {
            labels.add(feature, geometry, t);
        }
    }

    private void polygon(Geometry geometry, PolygonSymbolizer p) {
        if (!(geometry instanceof Polygonal) || !painted.firstTime(p, geometry)) {
            return;
        }
        Shape shape = null;
        if (p.fill() != null) {
            Paint paint = paints.computeIfAbsent(p.fill(), Paints::paint);
            if (fills != null && paint instanceof Color color) {
                fills.fill(geometry, color);
            } else {
                shape = shapes.toShape(geometry);
                g.setPaint(paint);
                g.fill(shape);
            }
        }
        if (p.stroke() != null && p.stroke().width() > 0) {
            stroke(shape != null ? shape : shapes.toShape(geometry), p.stroke());
        }
    }

    private void line(Geometry geometry, LineSymbolizer l) {
        if (geometry.getDimension() < 1 || l.stroke().width() <= 0) {
            return;
        }
        Geometry lines = geometry instanceof Polygonal ? geometry.getBoundary() : geometry;
        if (l.perpendicularOffset() != 0) {
            // SE: positive offsets go left of the line's direction; y is up in the map CRS
            lines = OffsetCurve.getCurve(lines, l.perpendicularOffset() * shapes.viewport().pixelSize());
        }
        stroke(shapes.toShape(lines), l.stroke());
    }

    /** Strokes a shape: a plain stroke of at most a pixel as a hairline when the map allows, otherwise by Java2D. */
    private void stroke(Shape shape, Stroke stroke) {
        Color color = strokeColors.computeIfAbsent(stroke, Paints::strokeColor);
        BasicStroke basic = strokes.computeIfAbsent(stroke, Paints::basicStroke);
        if (hairlines != null && Hairlines.draws(basic.getLineWidth(), basic.getDashArray())) {
            hairlines.draw(shape, basic.getLineWidth(), color);
            return;
        }
        g.setPaint(color);
        g.setStroke(basic);
        g.draw(shape);
    }

    private void point(Geometry geometry, PointSymbolizer p) {
        if (geometry.getDimension() == 0) {
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                Point pt = (Point) geometry.getGeometryN(i);
                draw(p, pt);
            }
        } else {
            draw(p, geometry.getInteriorPoint());
        }
    }

    private void draw(PointSymbolizer p, Point pt) {
        if (pt.isEmpty()) {
            return;
        }
        Point2D s = shapes.toScreen(pt.getX(), pt.getY());
        if (p.graphic().symbol() instanceof Mark) {
            stamps.computeIfAbsent(p.graphic(), MarkStamps::of).paint(g, s.getX(), s.getY());
        } else {
            GraphicPainter.paint(g, p.graphic(), s.getX(), s.getY());
        }
    }
}
