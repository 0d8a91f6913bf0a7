package fr.yseraa.observatory.wms.info;

import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.feature.Feature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
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
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    @Override
    public void write(List<LayerFeatures> found, CrsName crs, OutputStream out) throws IOException {
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("gml", "FeatureCollection", GML);
            w.writeNamespace("gml", GML);
            String srs = "EPSG:" + crs.srid();
            for (LayerFeatures lf : found) {
                String prefix = lf.layer().workspace().name();
                String ns = lf.layer().workspace().namespaceUri();
                for (Feature f : lf.features()) {
                    w.writeStartElement("gml", "featureMember", GML);
                    w.writeStartElement(prefix, lf.layer().name(), ns);
                    w.writeNamespace(prefix, ns);
                    w.writeAttribute("fid", f.id());
                    for (Map.Entry<String, Object> a : f.attributes().entrySet()) {
                        if (a.getValue() != null) {
                            w.writeStartElement(prefix, a.getKey(), ns);
                            w.writeCharacters(Values.text(a.getValue()));
                            w.writeEndElement();
                        }
                    }
                    if (f.geometry() != null) {
                        w.writeStartElement(prefix, "geometry", ns);
                        geometry(w, f.geometry(), srs);
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                    w.writeEndElement();
                }
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write GML feature info", e);
        }
    }

    private static void geometry(XMLStreamWriter w, Geometry g, String srs) throws XMLStreamException {
        w.writeStartElement("gml", g.getGeometryType().equals("GeometryCollection") ? "MultiGeometry" : g.getGeometryType(), GML);
        if (srs != null) {
            w.writeAttribute("srsName", srs);
        }
        if (g instanceof Point || g instanceof LineString) {
            coordinates(w, g.getCoordinates());
        } else if (g instanceof Polygon p) {
            ring(w, "outerBoundaryIs", p.getExteriorRing());
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                ring(w, "innerBoundaryIs", p.getInteriorRingN(i));
            }
        } else {
            String member = switch (g.getGeometryType()) {
                case "MultiPoint" -> "pointMember";
                case "MultiLineString" -> "lineStringMember";
                case "MultiPolygon" -> "polygonMember";
                default -> "geometryMember";
            };
            for (int i = 0; i < g.getNumGeometries(); i++) {
                w.writeStartElement("gml", member, GML);
                geometry(w, g.getGeometryN(i), null);
                w.writeEndElement();
            }
        }
        w.writeEndElement();
    }

    private static void ring(XMLStreamWriter w, String boundary, LineString ring) throws XMLStreamException {
        w.writeStartElement("gml", boundary, GML);
        w.writeStartElement("gml", "LinearRing", GML);
        coordinates(w, ring.getCoordinates());
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void coordinates(XMLStreamWriter w, Coordinate[] cs) throws XMLStreamException {
        StringBuilder b = new StringBuilder();
        for (Coordinate c : cs) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(c.x).append(',').append(c.y);
        }
        w.writeStartElement("gml", "coordinates", GML);
        w.writeCharacters(b.toString());
        w.writeEndElement();
    }
}
