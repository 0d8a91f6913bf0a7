package fr.yseraa.observatory.wms.info;

import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.xml.XmlWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * GML 2 (what {@code application/vnd.ogc.gml} means to WMS clients): a {@code gml:FeatureCollection} whose members
 * are elements named after the layer in its workspace's namespace, attributes as child elements, geometry in
 * {@code geometry} with {@code gml:coordinates} in the map's CRS.
 */
final class GmlInfoWriter implements FeatureInfoWriter {

    static final String GML = "http://www.opengis.net/gml";

    @Override
    public void write(List<LayerFeatures> found, CrsName crs, OutputStream out) throws IOException {
        try (XmlWriter x = new XmlWriter(out)) {
            x.start("gml", GML, "FeatureCollection").namespace("gml", GML);
            String srs = "EPSG:" + crs.srid();
            for (LayerFeatures lf : found) {
                String prefix = lf.layer().workspace().name();
                String ns = lf.layer().workspace().namespaceUri();
                for (Feature f : lf.features()) {
                    x.start("gml", GML, "featureMember");
                    x.start(prefix, ns, lf.layer().name()).namespace(prefix, ns).attribute("fid", f.id());
                    for (Map.Entry<String, Object> a : f.attributes().entrySet()) {
                        if (a.getValue() != null) {
                            x.element(prefix, ns, a.getKey(), Values.text(a.getValue()));
                        }
                    }
                    if (f.geometry() != null) {
                        x.start(prefix, ns, "geometry");
                        geometry(x, f.geometry(), srs);
                        x.end();
                    }
                    x.end();
                    x.end();
                }
            }
        } catch (XmlWriter.XmlWriteException e) {
            throw new IOException("cannot write GML feature info", e);
        }
    }

    private static void geometry(XmlWriter x, Geometry g, String srs) {
        x.start("gml", GML, g.getGeometryType().equals("GeometryCollection") ? "MultiGeometry" : g.getGeometryType());
        if (srs != null) {
            x.attribute("srsName", srs);
        }
        if (g instanceof Point || g instanceof LineString) {
            coordinates(x, g.getCoordinates());
        } else if (g instanceof Polygon p) {
            ring(x, "outerBoundaryIs", p.getExteriorRing());
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                ring(x, "innerBoundaryIs", p.getInteriorRingN(i));
            }
        } else {
            String member = switch (g.getGeometryType()) {
                case "MultiPoint" -> "pointMember";
                case "MultiLineString" -> "lineStringMember";
                case "MultiPolygon" -> "polygonMember";
                default -> "geometryMember";
            };
            for (int i = 0; i < g.getNumGeometries(); i++) {
                x.start("gml", GML, member);
                geometry(x, g.getGeometryN(i), null);
                x.end();
            }
        }
        x.end();
    }

    private static void ring(XmlWriter x, String boundary, LineString ring) {
        x.start("gml", GML, boundary);
        x.start("gml", GML, "LinearRing");
        coordinates(x, ring.getCoordinates());
        x.end();
        x.end();
    }

    private static void coordinates(XmlWriter x, Coordinate[] cs) {
        StringBuilder b = new StringBuilder();
        for (Coordinate c : cs) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(c.x).append(',').append(c.y);
        }
        x.start("gml", GML, "coordinates");
        x.text(b.toString());
        x.end();
    }
}
