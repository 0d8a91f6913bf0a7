package fr.yseraa.observatory.wfs.output.file;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;

/** The shape types a Shapefile holds, one per file: the features of one layer are split by kind. */
enum ShapeKind {
    NULL(0, "nogeom", "sans géométrie"),
    POINT(1, "point", "points"),
    LINE(3, "line", "lignes"),
    POLYGON(5, "polygon", "polygones"),
    MULTIPOINT(8, "multipoint", "multipoints");

    final int code;
    /** What the file's name ends with when a layer's features span several kinds. */
    final String suffix;
    /** The kind in words, for the archive's README (French). */
    final String label;

    ShapeKind(int code, String suffix, String label) {
        this.code = code;
        this.suffix = suffix;
        this.label = label;
    }

    /**
     * The kind of file a geometry goes to: lines and multilines together, polygons and multipolygons together, a
     * collection of one kind with that kind; null for a collection of mixed kinds, which no Shapefile holds.
     */
    static ShapeKind of(Geometry g) {
        if (g == null || g.isEmpty()) {
            return NULL;
        }
        if (g instanceof Point) {
            return POINT;
        }
        if (g instanceof MultiPoint) {
            return MULTIPOINT;
        }
        if (g instanceof Lineal) {
            return LINE;
        }
        if (g instanceof Polygonal) {
            return POLYGON;
        }
        ShapeKind kind = null;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part.isEmpty()) {
                continue;
            }
            ShapeKind k = of(part);
            k = k == POINT ? MULTIPOINT : k;
            if (k == null || (kind != null && kind != k)) {
                return null;
            }
            kind = k;
        }
        return kind == null ? NULL : kind;
    }
}
