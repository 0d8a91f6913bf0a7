package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.wms.style.LinePlacement;
import fr.yseraa.observatory.wms.style.PointPlacement;
import fr.yseraa.observatory.wms.style.TextSymbolizer;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.Area;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * Collects labels while features are drawn, then places them over the map: highest priority first (ties in the
 * order they came), each label drawn only when its box, halo included, overlaps no label already placed.
 */
public final class LabelPlacer {

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private final ShapeConverter shapes;
    private final List<Candidate> candidates = new ArrayList<>();
    /**
     * The glyphs of each text in each font of the style, laid out once per map: the same few names label thousands of
     * points (a layout is immutable once made, and the candidates only read it). By font instance: hashing a font's
     * value for every label cost more than the look-up.
     */
    private final Map<fr.yseraa.observatory.wms.style.Font, Map<String, GlyphVector>> layouts = new IdentityHashMap<>();
    /** The stamps of each text symbolizer's labels, looked up once per map (null: drawn, not stamped). */
    private final Map<TextSymbolizer, LabelStamps> stamps = new IdentityHashMap<>();

    public LabelPlacer(ShapeConverter shapes) {
        this.shapes = shapes;
    }

    /**
     * A label waiting for placement: its glyphs and where they go on the screen (their outline is only built for the
     * labels drawn), and the area it claims (its text box grown by the halo, turned with the text: a label along a
     * slanted line does not claim its whole bounding rectangle).
     */
    record Candidate(String text, GlyphVector glyphs, AffineTransform at, Shape box, Rectangle2D bounds,
                     TextSymbolizer symbolizer, LabelStamps stamps, double priority, int order) {

        Candidate(String text, GlyphVector glyphs, AffineTransform at, Shape box, TextSymbolizer symbolizer,
                  LabelStamps stamps, double priority, int order) {
            this(text, glyphs, at, box, box.getBounds2D(), symbolizer, stamps, priority, order);
        }

        /** Boxes first; the exact areas only when one of the two labels is turned and their boxes meet. */
        boolean overlaps(Candidate other) {
            if (!bounds.intersects(other.bounds)) {
                return false;
            }
            if (upright() && other.upright()) {
                return true;
            }
            Area common = new Area(box);
            common.intersect(new Area(other.box));
            return !common.isEmpty();
        }

        private boolean upright() {
            return (at.getType() & (AffineTransform.TYPE_GENERAL_ROTATION | AffineTransform.TYPE_QUADRANT_ROTATION
                    | AffineTransform.TYPE_GENERAL_TRANSFORM | AffineTransform.TYPE_FLIP)) == 0;
        }

        void draw(Graphics2D g) {
            if (stamps != null && (at.getType() & ~AffineTransform.TYPE_TRANSLATION) == 0) {
                stamps.paint(g, text, glyphs, at.getTranslateX(), at.getTranslateY());
            } else {
                LabelStamps.draw(g, at.createTransformedShape(glyphs.getOutline()), symbolizer.halo(),
                        symbolizer.fill());
            }
        }
    }

    /** How many labels were offered so far (a mark for {@link #truncate}). */
    public int size() {
        return candidates.size();
    }

    /** Forgets the labels offered after the first {@code size}: those of features that will not be drawn after all. */
    public void truncate(int size) {
        candidates.subList(size, candidates.size()).clear();
    }

    public void add(Feature feature, Geometry geometry, TextSymbolizer t) {
        String text = t.label().text(feature);
        if (text.isEmpty()) {
            return;
        }
        GlyphVector glyphs = layouts.computeIfAbsent(t.font(), f -> new HashMap<>())
                .computeIfAbsent(text, s -> AwtFonts.font(t.font()).createGlyphVector(FRC, s));
        Rectangle2D bounds = glyphs.getLogicalBounds();
        double w = bounds.getWidth();
        double ascent = -bounds.getY();
        double h = bounds.getHeight();
        AffineTransform at;
        if (t.placement() instanceof LinePlacement lp && geometry instanceof Lineal) {
            at = alongLine(geometry, lp, w, h);
        } else {
            PointPlacement pp = t.placement() instanceof PointPlacement p ? p : PointPlacement.DEFAULT;
            Point anchor = geometry instanceof Point p ? p : geometry.getInteriorPoint();
            if (anchor.isEmpty()) {
                return;
            }
            Point2D s = shapes.toScreen(anchor.getX(), anchor.getY());
            at = AffineTransform.getTranslateInstance(s.getX(), s.getY());
            at.rotate(Math.toRadians(pp.rotation()));
            // anchor (0,0) is the lower left of the box, y up; displacement is in pixels, y up
            at.translate(-pp.anchorX() * w + pp.displacementX(), pp.anchorY() * h - pp.displacementY() - (h - ascent));
        }
        if (at == null) {
            return;
        }
        double margin = (t.halo() == null ? 0 : t.halo().radius()) + 1;
        Shape box = at.createTransformedShape(
                new Rectangle2D.Double(-margin, -ascent - margin, w + 2 * margin, h + 2 * margin));
        LabelStamps stamped = stamps.computeIfAbsent(t, LabelStamps::of);
        candidates.add(new Candidate(text, glyphs, at, box, t, stamped, priority(feature, t), candidates.size()));
    }

    private AffineTransform alongLine(Geometry line, LinePlacement lp, double w, double h) {
        LengthIndexedLine indexed = new LengthIndexedLine(line);
        double length = line.getLength();
        double step = Math.max(length / 100, shapes.viewport().pixelSize());
        Coordinate mid = indexed.extractPoint(length / 2);
        Coordinate before = indexed.extractPoint(Math.max(0, length / 2 - step));
        Coordinate after = indexed.extractPoint(Math.min(length, length / 2 + step));
        Point2D m = shapes.toScreen(mid.x, mid.y);
        Point2D a = shapes.toScreen(before.x, before.y);
        Point2D b = shapes.toScreen(after.x, after.y);
        if (a.distance(b) == 0 || length / shapes.viewport().pixelSize() < w) {
            return null; // the line is shorter on screen than its label
        }
        double angle = Math.atan2(b.getY() - a.getY(), b.getX() - a.getX());
        if (angle > Math.PI / 2 || angle < -Math.PI / 2) {
            angle += Math.PI; // keep text upright
        }
        AffineTransform at = AffineTransform.getTranslateInstance(m.getX(), m.getY());
        at.rotate(angle);
        at.translate(-w / 2, h / 3 - lp.perpendicularOffset());
        return at;
    }

    private static double priority(Feature feature, TextSymbolizer t) {
        if (t.priority() == null) {
            return 0;
        }
        Object v = t.priority().value(feature);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return v == null ? 0 : Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Places and draws the collected labels; returns how many were drawn. */
    public int drawAll(Graphics2D g) {
        List<Candidate> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparingDouble(Candidate::priority).reversed().thenComparingInt(Candidate::order));
        Placed placed = new Placed(shapes.viewport().width(), shapes.viewport().height());
        for (Candidate c : ordered) {
            if (placed.overlaps(c)) {
                continue;
            }
            placed.add(c);
            c.draw(g);
        }
        return placed.size;
    }

    /**
     * The labels placed so far, filed under each cell of a coarse grid over the map that their bounds touch (those
     * beyond the map's edges under its edge cells), so that a candidate is tested against its neighbours only.
     */
    private static final class Placed {

        private static final int CELL = 64;

        private final int columns;
        private final int rows;
        private final List<List<Candidate>> cells;
        private int size;

        Placed(int width, int height) {
            columns = Math.max(1, (width + CELL - 1) / CELL);
            rows = Math.max(1, (height + CELL - 1) / CELL);
            cells = new ArrayList<>(Collections.nCopies(columns * rows, null));
        }

        boolean overlaps(Candidate c) {
            return anyCell(c.bounds(), i -> cells.get(i) != null && cells.get(i).stream().anyMatch(c::overlaps));
        }

        void add(Candidate c) {
            anyCell(c.bounds(), i -> {
                if (cells.get(i) == null) {
                    cells.set(i, new ArrayList<>());
                }
                cells.get(i).add(c);
                return false;
            });
            size++;
        }

        /** Whether the test holds for one of the cells (by index) the box touches, tried in turn until one does. */
        private boolean anyCell(Rectangle2D b, IntPredicate test) {
            for (int row = cell(b.getMinY(), rows); row <= cell(b.getMaxY(), rows); row++) {
                for (int column = cell(b.getMinX(), columns); column <= cell(b.getMaxX(), columns); column++) {
                    if (test.test(row * columns + column)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static int cell(double coordinate, int count) {
            return (int) Math.max(0, Math.min(count - 1, Math.floor(coordinate / CELL)));
        }
    }
}
