package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.filter.Expression.GeometryLiteral;
import fr.yseraa.observatory.core.ows.OwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads GML 2, 3.1.1 and 3.2 geometries (Point, LineString, Polygon, LinearRing, Envelope, Box, MultiPoint,
 * MultiLineString, MultiCurve, MultiPolygon, MultiSurface) into JTS, with the CRS of their srsName and the
 * coordinates put in x = east / longitude order when the srsName's notation is latitude first.
 */
public final class GmlGeometryReader {

    static final Set<String> GML_NAMESPACES = Set.of("http://www.opengis.net/gml", "http://www.opengis.net/gml/3.2");

    private final GeometryFactory factory = new GeometryFactory();
    private final String locator;

    /** @param locator the request parameter or element invalid geometries are reported on */
    public GmlGeometryReader(String locator) {
        this.locator = locator;
    }

    /** Whether an element is of a GML namespace (2 / 3.1.1 or 3.2). */
    public static boolean isGml(Element e) {
        String namespace = e.getNamespaceURI(); // null for an element without namespace, which Set.of refuses
        return namespace != null && GML_NAMESPACES.contains(namespace);
    }

    /** A GML geometry element, checked valid; its SRID that of its (or an ancestor's) srsName, 0 when none. */
    public GeometryLiteral read(Element element) {
        CrsName srs = srsName(element);
        Geometry g = geometry(element, dimension(element, 2));
        if (srs != null && srs.axisOrder().northFirst()) {
            g.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
                double x = c.x;
                c.x = c.y;
                c.y = x;
            });
            g.geometryChanged();
        }
        int srid = srs == null ? 0 : srs.srid();
        g.setSRID(srid);
        return GeometryLiteral.checked(g, srid, locator);
    }

    private CrsName srsName(Element element) {
        for (Node n = element; n instanceof Element e; n = n.getParentNode()) {
            if (e.hasAttribute("srsName")) {
                return CrsName.parse(e.getAttribute("srsName"), locator);
            }
        }
        return null;
    }

    private Geometry geometry(Element e, int dim) {
        return switch (e.getLocalName()) {
            case "Point" -> point(e, dim);
            case "LineString" -> factory.createLineString(coordinates(e, dim, 2));
            case "LinearRing" -> ring(e, dim);
            case "Polygon" -> polygon(e, dim);
            case "Envelope", "Box" -> envelope(e, dim);
            case "MultiPoint" -> factory.createMultiPoint(members(e, dim, Point.class).toArray(Point[]::new));
            case "MultiLineString", "MultiCurve" ->
                    factory.createMultiLineString(members(e, dim, LineString.class).toArray(LineString[]::new));
            case "MultiPolygon", "MultiSurface" ->
                    factory.createMultiPolygon(members(e, dim, Polygon.class).toArray(Polygon[]::new));
            default -> throw invalid("unsupported GML geometry " + e.getLocalName());
        };
    }

    private Point point(Element e, int dim) {
        Coordinate[] c = coordinates(e, dim, 1);
        if (c.length != 1) {
            throw invalid("a gml:Point has one position");
        }
        return factory.createPoint(c[0]);
    }

    private LinearRing ring(Element e, int dim) {
        Coordinate[] c = coordinates(e, dim, 4);
        if (!c[0].equals2D(c[c.length - 1])) {
            throw invalid("a gml:LinearRing must be closed");
        }
        return factory.createLinearRing(c);
    }

    private Polygon polygon(Element e, int dim) {
        LinearRing shell = null;
        List<LinearRing> holes = new ArrayList<>();
        for (Element boundary : children(e)) {
            String name = boundary.getLocalName();
            boolean outer = name.equals("exterior") || name.equals("outerBoundaryIs");
            if (!outer && !name.equals("interior") && !name.equals("innerBoundaryIs")) {
                continue;
            }
            Element ringElement = single(boundary, "LinearRing");
            LinearRing ring = ring(ringElement, dimension(ringElement, dim));
            if (outer) {
                shell = ring;
            } else {
                holes.add(ring);
            }
        }
        if (shell == null) {
            throw invalid("a gml:Polygon needs an exterior ring");
        }
        return factory.createPolygon(shell, holes.toArray(LinearRing[]::new));
    }

    private Geometry envelope(Element e, int dim) {
        Coordinate[] corners;
        Element lower = child(e, "lowerCorner");
        Element upper = child(e, "upperCorner");
        if (lower != null && upper != null) {
            corners = new Coordinate[] {positions(lower.getTextContent(), dim)[0], positions(upper.getTextContent(), dim)[0]};
        } else {
            corners = coordinates(e, dim, 2);
        }
        if (corners.length != 2) {
            throw invalid("an envelope has two corners");
        }
        if (corners[0].x > corners[1].x || corners[0].y > corners[1].y) {
            throw invalid("the lower corner of the envelope is above its upper corner");
        }
        return factory.toGeometry(new Envelope(corners[0], corners[1]));
    }

    /** The geometries inside xxxMember / xxxMembers children, each of the expected type. */
    private <T extends Geometry> List<T> members(Element e, int dim, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Element member : children(e)) {
            if (!member.getLocalName().endsWith("Member") && !member.getLocalName().endsWith("Members")) {
                continue;
            }
            for (Element g : children(member)) {
                Geometry geometry = geometry(g, dimension(g, dim));
                if (!type.isInstance(geometry)) {
                    throw invalid(e.getLocalName() + " cannot hold a " + g.getLocalName());
                }
                out.add(type.cast(geometry));
            }
        }
        return out;
    }

    /** The coordinates of a simple geometry: gml:pos elements, gml:posList, gml:coordinates or gml:coord. */
    private Coordinate[] coordinates(Element e, int dim, int min) {
        List<Coordinate> out = new ArrayList<>();
        for (Element c : children(e)) {
            switch (c.getLocalName()) {
                case "pos" -> out.addAll(List.of(positions(c.getTextContent(), dimension(c, dim))));
                case "posList" -> out.addAll(List.of(positions(c.getTextContent(), dimension(c, dim))));
                case "coordinates" -> out.addAll(List.of(gml2Coordinates(c)));
                case "coord" -> out.add(coord(c));
                case "pointProperty", "pointRep" -> out.add(point(single(c, "Point"), dim).getCoordinate());
                default -> {
                    // other children (names, descriptions) carry no coordinates
                }
            }
        }
        if (out.size() < min) {
            throw invalid("gml:" + e.getLocalName() + " needs at least " + min + " position" + (min > 1 ? "s" : ""));
        }
        return out.toArray(Coordinate[]::new);
    }

    private Coordinate[] positions(String text, int dim) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length == 0 || parts[0].isEmpty() || parts.length % dim != 0) {
            throw invalid("a position list of dimension " + dim + " cannot have " + parts.length + " numbers");
        }
        Coordinate[] out = new Coordinate[parts.length / dim];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Coordinate(number(parts[i * dim]), number(parts[i * dim + 1]));
        }
        return out;
    }

    private Coordinate[] gml2Coordinates(Element c) {
        String cs = attribute(c, "cs", ",");
        String ts = attribute(c, "ts", " ");
        String decimal = attribute(c, "decimal", ".");
        List<Coordinate> out = new ArrayList<>();
        String text = c.getTextContent().trim();
        String[] tuples = ts.isBlank() ? text.split("\\s+") : text.split(java.util.regex.Pattern.quote(ts) + "+");
        for (String tuple : tuples) {
            if (tuple.isBlank()) {
                continue;
            }
            String[] xy = tuple.trim().split(java.util.regex.Pattern.quote(cs));
            if (xy.length < 2) {
                throw invalid("gml:coordinates tuple '" + tuple + "' needs two numbers");
            }
            out.add(new Coordinate(number(xy[0].replace(decimal, ".")), number(xy[1].replace(decimal, "."))));
        }
        return out.toArray(Coordinate[]::new);
    }

    private Coordinate coord(Element c) {
        Element x = child(c, "X");
        Element y = child(c, "Y");
        if (x == null || y == null) {
            throw invalid("gml:coord needs X and Y");
        }
        return new Coordinate(number(x.getTextContent()), number(y.getTextContent()));
    }

    private double number(String s) {
        try {
            double d = Double.parseDouble(s.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("'" + s.trim() + "' is not a coordinate");
    }

    private static int dimension(Element e, int inherited) {
        String d = e.getAttribute("srsDimension");
        if (d.isEmpty()) {
            d = e.getAttribute("dimension");
        }
        return d.matches("[23]") ? Integer.parseInt(d) : inherited;
    }

    private static String attribute(Element e, String name, String fallback) {
        return e.hasAttribute(name) ? e.getAttribute(name) : fallback;
    }

    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                out.add(child);
            }
        }
        return out;
    }

    private static Element child(Element e, String localName) {
        return children(e).stream().filter(c -> localName.equals(c.getLocalName())).findFirst().orElse(null);
    }

    private Element single(Element e, String localName) {
        Element c = child(e, localName);
        if (c == null) {
            throw invalid("gml:" + e.getLocalName() + " needs a gml:" + localName);
        }
        return c;
    }

    private OwsException invalid(String message) {
        return OwsException.invalidParameter(locator, "Invalid geometry: " + message);
    }
}
