package fr.yseraa.observatory.wfs.output;

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

/** Writes JTS geometries as GeoJSON (RFC 7946) geometry objects, x before y. */
final class GeoJsonGeometryWriter {

    private final JsonGenerator json;

    GeoJsonGeometryWriter(JsonGenerator json) {
        this.json = json;
    }

    void write(Geometry g) throws IOException {
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
