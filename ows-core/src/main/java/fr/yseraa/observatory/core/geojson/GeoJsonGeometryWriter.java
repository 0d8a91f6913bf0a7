package fr.yseraa.observatory.core.geojson;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes JTS geometries as GeoJSON (RFC 7946) geometry objects, x before y, to a Jackson generator: numbers go
 * straight to the generator as doubles, no text or tree in between (WFS GeoJSON output streams millions of them).
 */
public final class GeoJsonGeometryWriter {

    private final JsonGenerator json;

    public GeoJsonGeometryWriter(JsonGenerator json) {
        this.json = json;
    }

    /** A geometry object. */
    public void write(Geometry g) throws IOException {
        json.writeStartObject();
        if (g instanceof GeometryCollection c && !(g instanceof MultiPoint || g instanceof MultiLineString
                || g instanceof MultiPolygon)) {
            json.writeStringField("type", "GeometryCollection");
            json.writeArrayFieldStart("geometries");
            for (int i = 0; i < c.getNumGeometries(); i++) {
                write(c.getGeometryN(i));
            }
            json.writeEndArray();
        } else {
            json.writeStringField("type", g.getGeometryType());
            json.writeFieldName("coordinates");
            coordinates(g);
        }
        json.writeEndObject();
    }

    /** A feature's {@code geometry} member: the geometry object, or null when there is none. */
    public void geometryMember(Geometry g) throws IOException {
        json.writeFieldName("geometry");
        if (g == null) {
            json.writeNull();
        } else {
            write(g);
        }
    }

    /**
     * A {@code crs} member naming the CRS of the coordinates (GeoJSON 2008, as GeoServer writes it), for when they
     * are not WGS 84 longitude / latitude.
     */
    public void crsMember(String crsName) throws IOException {
        json.writeObjectFieldStart("crs");
        json.writeStringField("type", "name");
        json.writeObjectFieldStart("properties");
        json.writeStringField("name", crsName);
        json.writeEndObject();
        json.writeEndObject();
    }

    private void coordinates(Geometry g) throws IOException {
        if (g instanceof Point p) {
            position(p.getCoordinate());
        } else if (g instanceof LineString l) {
            positions(l.getCoordinates());
        } else if (g instanceof Polygon p) {
            json.writeStartArray();
            positions(p.getExteriorRing().getCoordinates());
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                positions(p.getInteriorRingN(i).getCoordinates());
            }
            json.writeEndArray();
        } else {
            json.writeStartArray();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                coordinates(g.getGeometryN(i));
            }
            json.writeEndArray();
        }
    }

    private void positions(Coordinate[] cs) throws IOException {
        json.writeStartArray();
        for (Coordinate c : cs) {
            position(c);
        }
        json.writeEndArray();
    }

    private void position(Coordinate c) throws IOException {
        json.writeStartArray();
        json.writeNumber(c.x);
        json.writeNumber(c.y);
        json.writeEndArray();
    }
}
