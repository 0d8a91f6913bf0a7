package fr.yseraa.observatory.ext.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * A GeoJSON FeatureCollection read with Jackson's streaming parser: only one feature is in memory at a time.
 * A feature's properties are its source columns; its geometry is in WGS 84 (RFC 7946).
 */
final class GeoJsonSource extends SourceFile.Streamed {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonParser parser;
    private final GeometryFactory factory = new GeometryFactory();
    private long rank;

    GeoJsonSource(SourceFile.CountingInputStream in) throws IOException {
        super(in);
        parser = new JsonFactory(JSON).createParser(in);
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("not a GeoJSON FeatureCollection: the file is no JSON object");
        }
        // skip the collection's other members up to its features, whatever their order
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("features".equals(member)) {
                if (value != JsonToken.START_ARRAY) {
                    throw new IOException("not a GeoJSON FeatureCollection: 'features' is not an array");
                }
                return;
            }
            parser.skipChildren();
        }
        throw new IOException("not a GeoJSON FeatureCollection: no 'features' array");
    }

    @Override
    Record next() throws IOException {
        if (parser.isClosed() || parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        rank++;
        JsonNode feature = parser.readValueAsTree();
        Map<String, String> values = new HashMap<>();
        JsonNode properties = feature.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode v = p.getValue();
            String text = v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
            if (!text.isEmpty()) {
                values.put(p.getKey(), text);
            }
        }
        JsonNode g = feature.get("geometry");
        if (g == null || g.isNull()) {
            return new Record(rank, values, null, null);
        }
        Geometry geometry;
        try {
            geometry = geometry(g);
            geometry.setSRID(4326);
        } catch (IllegalArgumentException e) {
            geometry = null;
        }
        String text = g.toString();
        return new Record(rank, values, geometry, text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }

    /** A GeoJSON geometry as a JTS geometry; a malformed one throws IllegalArgumentException. */
    private Geometry geometry(JsonNode g) {
        JsonNode c = g.path("coordinates");
        return switch (g.path("type").asText()) {
            case "Point" -> point(c);
            case "LineString" -> factory.createLineString(coordinates(c));
            case "Polygon" -> polygon(c);
            case "MultiPoint" -> factory.createMultiPoint(children(c, this::point).toArray(Point[]::new));
            case "MultiLineString" -> factory.createMultiLineString(children(c, n -> factory.createLineString(coordinates(n)))
                    .toArray(LineString[]::new));
            case "MultiPolygon" -> factory.createMultiPolygon(children(c, this::polygon).toArray(Polygon[]::new));
            case "GeometryCollection" -> factory.createGeometryCollection(children(g.path("geometries"), this::geometry)
                    .toArray(Geometry[]::new));
            default -> throw new IllegalArgumentException("unknown geometry type " + g.path("type"));
        };
    }

    private Point point(JsonNode c) {
        return factory.createPoint(coordinate(c));
    }

    private Polygon polygon(JsonNode rings) {
        LinearRing[] all = children(rings, r -> factory.createLinearRing(coordinates(r))).toArray(LinearRing[]::new);
        if (all.length == 0) {
            throw new IllegalArgumentException("a polygon without rings");
        }
        return factory.createPolygon(all[0], java.util.Arrays.copyOfRange(all, 1, all.length));
    }

    private Coordinate[] coordinates(JsonNode c) {
        return children(c, this::coordinate).toArray(Coordinate[]::new);
    }

    private Coordinate coordinate(JsonNode c) {
        if (!c.isArray() || c.size() < 2 || !c.get(0).isNumber() || !c.get(1).isNumber()) {
            throw new IllegalArgumentException("a position is an array of two numbers");
        }
        return new Coordinate(c.get(0).asDouble(), c.get(1).asDouble());
    }

    private static <T> java.util.List<T> children(JsonNode array, java.util.function.Function<JsonNode, T> read) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("an array is expected");
        }
        java.util.List<T> out = new java.util.ArrayList<>(array.size());
        array.forEach(n -> out.add(read.apply(n)));
        return out;
    }
}
