package fr.yseraa.observatory.wfs.output;

import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.xml.XmlWriter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes JTS geometries as GML 3.2 or 3.1.1 (the same encoding but for the namespace and GML 3.2's required
 * {@code gml:id}): Point, LineString, Polygon, MultiPoint, MultiCurve, MultiSurface, MultiGeometry, in the axis
 * order of the output CRS.
 */
public final class GmlGeometryWriter {

    private final XmlWriter x;
    private final String gml;
    private final boolean idsRequired;

    /**
     * @param idsRequired whether geometries carry a gml:id (required by GML 3.2)
     */
    public GmlGeometryWriter(XmlWriter x, String gmlNamespace, boolean idsRequired) {
        this.x = x;
        this.gml = gmlNamespace;
        this.idsRequired = idsRequired;
    }

    /**
     * Writes a geometry whose ids derive from {@code idBase}. Every geometry names its CRS, the members of a
     * collection too: clients that pick geometries out of a document (the OGC test suite among them) then never
     * meet one without a CRS.
     */
    public void write(Geometry g, CrsName crs, String idBase) {
        element(g, crs, idBase);
    }

    private void element(Geometry g, CrsName crs, String id) {
        if (g instanceof Point p) {
            open("Point", id, crs);
            x.element("gml", gml, "pos", CoordinateText.of(p.getCoordinate(), crs.axisOrder().northFirst()));
            x.end();
        } else if (g instanceof LineString l) {
            open("LineString", id, crs);
            x.element("gml", gml, "posList", CoordinateText.of(l.getCoordinates(), crs.axisOrder().northFirst()));
            x.end();
        } else if (g instanceof Polygon p) {
            open("Polygon", id, crs);
            ring("exterior", p.getExteriorRing(), crs);
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                ring("interior", p.getInteriorRingN(i), crs);
            }
            x.end();
        } else if (g instanceof MultiPoint m) {
            members("MultiPoint", "pointMember", m, crs, id);
        } else if (g instanceof MultiLineString m) {
            members("MultiCurve", "curveMember", m, crs, id);
        } else if (g instanceof MultiPolygon m) {
            members("MultiSurface", "surfaceMember", m, crs, id);
        } else if (g instanceof GeometryCollection c) {
            members("MultiGeometry", "geometryMember", c, crs, id);
        } else {
            throw new IllegalArgumentException("no GML encoding for " + g.getGeometryType());
        }
    }

    private void open(String name, String id, CrsName crs) {
        x.start("gml", gml, name);
        if (idsRequired) {
            x.attribute("gml", gml, "id", id);
        }
        x.attribute("srsName", crs.name());
    }

    private void ring(String role, LineString ring, CrsName crs) {
        x.start("gml", gml, role).start("gml", gml, "LinearRing");
        x.element("gml", gml, "posList", CoordinateText.of(ring.getCoordinates(), crs.axisOrder().northFirst()));
        x.end().end();
    }

    private void members(String name, String member, GeometryCollection c, CrsName crs, String id) {
        open(name, id, crs);
        for (int i = 0; i < c.getNumGeometries(); i++) {
            x.start("gml", gml, member);
            element(c.getGeometryN(i), crs, id + "." + (i + 1));
            x.end();
        }
        x.end();
    }
}
