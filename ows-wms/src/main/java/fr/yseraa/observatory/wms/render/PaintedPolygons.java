package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.wms.style.PolygonSymbolizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The polygons one painter has already drawn with a symbolizer during one map. Drawing the same polygon with the same
 * symbolizer again adds nothing but darker translucent fills, and blurred data repeats a few areas (a commune, a
 * 10 km cell, a département) for thousands of features: each is drawn once. Bounded: past {@link #LIMIT} remembered
 * polygons, new ones are drawn without being remembered.
 */
final class PaintedPolygons {

    static final int LIMIT = 4096;

    private record Shape(Envelope envelope, int points) {
    }

    /** By symbolizer of the style, as an instance (hashing a symbolizer's whole value for every feature cost more). */
    private final Map<PolygonSymbolizer, Map<Shape, List<Geometry>>> painted = new IdentityHashMap<>();
    private int remembered;

    /** Whether this polygon is new for this symbolizer; remembers it. */
    boolean firstTime(PolygonSymbolizer symbolizer, Geometry polygon) {
        Map<Shape, List<Geometry>> shapes = painted.computeIfAbsent(symbolizer, s -> new HashMap<>());
        Shape shape = new Shape(polygon.getEnvelopeInternal(), polygon.getNumPoints());
        List<Geometry> same = shapes.get(shape);
        if (same != null && same.stream().anyMatch(polygon::equalsExact)) {
            return false;
        }
        if (remembered < LIMIT) {
            shapes.computeIfAbsent(shape, k -> new ArrayList<>(1)).add(polygon);
            remembered++;
        }
        return true;
    }
}
