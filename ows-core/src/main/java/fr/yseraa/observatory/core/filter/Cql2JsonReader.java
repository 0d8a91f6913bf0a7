package fr.yseraa.observatory.core.filter;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.filter.Expression.ArithmeticOperator;
import fr.yseraa.observatory.core.filter.Expression.GeometryLiteral;
import fr.yseraa.observatory.core.filter.Expression.Literal;
import fr.yseraa.observatory.core.filter.Expression.Property;
import fr.yseraa.observatory.core.ows.OwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads OGC CQL2 JSON filters ({@code {"op": "=", "args": [{"property": "cd_nom"}, 60612]}}) into the shared filter
 * model, the same operators {@link CqlParser} reads in CQL2 text: and / or / not, comparisons, like, between, in,
 * isNull, arithmetic, s_intersects... on GeoJSON geometries and {@code {"bbox": [...]}}, t_after / t_before /
 * t_during / t_equals on {@code {"date": ...}}, {@code {"timestamp": ...}} and {@code {"interval": [...]}}.
 * Geometries are in the given CRS. Any error answers InvalidParameterValue on the locator.
 */
public final class Cql2JsonReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DEPTH = 64;
    private static final String PREFIX = "CQL2 JSON filter: ";
    private static final Map<String, ComparisonOperator> COMPARISONS = Map.of("=", ComparisonOperator.EQUAL,
            "<>", ComparisonOperator.NOT_EQUAL, "<", ComparisonOperator.LESS,
            "<=", ComparisonOperator.LESS_OR_EQUAL, ">", ComparisonOperator.GREATER,
            ">=", ComparisonOperator.GREATER_OR_EQUAL);
    private static final Map<String, ArithmeticOperator> ARITHMETIC = Map.of("+", ArithmeticOperator.ADD,
            "-", ArithmeticOperator.SUBTRACT, "*", ArithmeticOperator.MULTIPLY, "/", ArithmeticOperator.DIVIDE);
    private static final Map<String, TemporalOperator> TEMPORAL = Map.of("t_after", TemporalOperator.AFTER,
            "t_before", TemporalOperator.BEFORE, "t_during", TemporalOperator.DURING,
            "t_equals", TemporalOperator.TEQUALS);

    private final String locator;
    private final int srid;
    private final GeometryFactory geometries = new GeometryFactory();

    private Cql2JsonReader(String locator, int srid) {
        this.locator = locator;
        this.srid = srid;
    }

    /** Reads a CQL2 JSON filter whose geometries are in the CRS of {@code srid} (4326: CRS84). */
    public static Filter read(String text, String locator, int srid) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JacksonException e) {
            throw OwsException.invalidParameter(locator, PREFIX + "not JSON"
                    + (e.getLocation() == null ? "" : " (at character " + e.getLocation().getCharOffset() + ")"));
        }
        if (tree == null || !tree.isObject()) {
            throw OwsException.invalidParameter(locator, PREFIX + "expected a JSON object");
        }
        try {
            return FilterSize.check(new Cql2JsonReader(locator, srid).filter(tree, 0), locator);
        } catch (OwsException e) {
            throw e.getMessage().startsWith(PREFIX) ? e : OwsException.invalidParameter(locator, PREFIX + e.getMessage());
        }
    }

    private Filter filter(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested too deeply");
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? new Filter.Include() : new Filter.Exclude();
        }
        String op = text(node.get("op"), "an object with \"op\" and \"args\"").toLowerCase(Locale.ROOT);
        JsonNode args = node.get("args");
        if (args == null || !args.isArray()) {
            throw error("operator " + op + " needs an \"args\" array");
        }
        switch (op) {
            case "and", "or" -> {
                List<Filter> operands = new ArrayList<>();
                args.forEach(a -> operands.add(filter(a, depth + 1)));
                arity(op, args, operands.isEmpty() ? -1 : operands.size());
                return op.equals("and") ? Filter.and(operands) : Filter.or(operands);
            }
            case "not" -> {
                arity(op, args, 1);
                return new Filter.Not(filter(args.get(0), depth + 1));
            }
            case "like" -> {
                arity(op, args, 2);
                boolean caseInsensitive = isCasei(args.get(1));
                JsonNode pattern = caseInsensitive ? args.get(1).get("args").get(0) : args.get(1);
                if (!pattern.isTextual()) {
                    throw error("like needs a pattern string");
                }
                JsonNode left = isCasei(args.get(0)) ? args.get(0).get("args").get(0) : args.get(0);
                return new Filter.Like(expression(left, depth), LikePattern.sql(pattern.textValue()),
                        !caseInsensitive);
            }
            case "between" -> {
                arity(op, args, 3);
                return new Filter.Between(expression(args.get(0), depth), expression(args.get(1), depth),
                        expression(args.get(2), depth));
            }
            case "in" -> {
                arity(op, args, 2);
                Expression left = expression(args.get(0), depth);
                if (!args.get(1).isArray() || args.get(1).isEmpty()) {
                    throw error("in needs a non-empty list of values");
                }
                List<Filter> equals = new ArrayList<>();
                args.get(1).forEach(v -> equals.add(new Filter.Comparison(ComparisonOperator.EQUAL, left,
                        expression(v, depth), true)));
                return Filter.or(equals);
            }
            case "isnull" -> {
                arity(op, args, 1);
                return new Filter.IsNull(expression(args.get(0), depth));
            }
            default -> {
                return predicate(op, args, depth);
            }
        }
    }

    private Filter predicate(String op, JsonNode args, int depth) {
        if (COMPARISONS.containsKey(op)) {
            arity(op, args, 2);
            boolean casei = isCasei(args.get(0)) && isCasei(args.get(1));
            JsonNode left = casei ? args.get(0).get("args").get(0) : args.get(0);
            JsonNode right = casei ? args.get(1).get("args").get(0) : args.get(1);
            return new Filter.Comparison(COMPARISONS.get(op), expression(left, depth), expression(right, depth),
                    !casei);
        }
        if (op.startsWith("s_")) {
            SpatialOperator spatial;
            try {
                spatial = SpatialOperator.valueOf(op.substring(2).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error("unknown operator " + op);
            }
            arity(op, args, 2);
            return new Filter.Spatial(spatial, property(args.get(0)), geometry(args.get(1)));
        }
        if (TEMPORAL.containsKey(op)) {
            arity(op, args, 2);
            return new Filter.Temporal(TEMPORAL.get(op), property(args.get(0)), time(args.get(1)));
        }
        throw error("unknown or unsupported operator " + op);
    }

    private Expression expression(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested too deeply");
        }
        if (node == null || node.isNull()) {
            throw error("a value is missing");
        }
        if (node.isTextual()) {
            return new Literal(node.textValue());
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return new Literal(node.longValue());
        }
        if (node.isNumber()) {
            return new Literal(node.decimalValue());
        }
        if (node.isBoolean()) {
            return new Literal(node.booleanValue());
        }
        if (node.isObject() && node.has("property")) {
            return property(node);
        }
        if (node.isObject() && (node.has("date") || node.has("timestamp"))) {
            return new Literal(instant(node).value());
        }
        if (node.isObject() && node.has("op") && ARITHMETIC.containsKey(node.get("op").asText())) {
            JsonNode args = node.get("args");
            if (args == null || !args.isArray() || args.size() != 2) {
                throw error("arithmetic " + node.get("op").asText() + " needs two arguments");
            }
            return new Expression.Arithmetic(ARITHMETIC.get(node.get("op").asText()),
                    expression(args.get(0), depth + 1), expression(args.get(1), depth + 1));
        }
        if (node.isObject() && (node.has("type") || node.has("bbox"))) {
            return geometry(node);
        }
        throw error("unsupported value " + cut(node));
    }

    private Property property(JsonNode node) {
        if (node == null || !node.isObject() || !node.has("property") || !node.get("property").isTextual()) {
            throw error("expected {\"property\": name}, not " + cut(node));
        }
        return new Property(node.get("property").textValue());
    }

    private static boolean isCasei(JsonNode node) {
        return node != null && node.isObject() && "casei".equalsIgnoreCase(node.path("op").asText())
                && node.path("args").isArray() && node.path("args").size() == 1;
    }

    private TimeValue time(JsonNode node) {
        if (node != null && node.has("interval")) {
            JsonNode ends = node.get("interval");
            if (!ends.isArray() || ends.size() != 2) {
                throw error("an interval has two ends");
            }
            return new TimeValue.Period(end(ends.get(0)), end(ends.get(1)));
        }
        return instant(node);
    }

    private TimeValue.Instant end(JsonNode node) {
        if (node.isTextual()) {
            return TimeValue.instant(node.textValue(), locator);
        }
        return instant(node);
    }

    private TimeValue.Instant instant(JsonNode node) {
        JsonNode value = node == null ? null : node.has("date") ? node.get("date") : node.get("timestamp");
        if (value == null || !value.isTextual()) {
            throw error("expected {\"date\": ...}, {\"timestamp\": ...} or {\"interval\": [...]}, not " + cut(node));
        }
        return TimeValue.instant(value.textValue(), locator);
    }

    private GeometryLiteral geometry(JsonNode node) {
        if (node != null && node.has("bbox")) {
            JsonNode b = node.get("bbox");
            if (!b.isArray() || b.size() != 4 && b.size() != 6) {
                throw error("a bbox has 4 numbers (or 6 with heights)");
            }
            int d = b.size() / 2;
            double[] c = {number(b.get(0)), number(b.get(1)), number(b.get(d)), number(b.get(d + 1))};
            if (c[0] > c[2] || c[1] > c[3]) {
                throw error("the bbox minimum corner is above its maximum corner");
            }
            return new GeometryLiteral(geometries.toGeometry(new Envelope(c[0], c[2], c[1], c[3])), srid);
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            throw error("expected a GeoJSON geometry or {\"bbox\": [...]}, not " + cut(node));
        }
        return GeometryLiteral.checked(geoJson(node, 0), srid, locator);
    }

    private Geometry geoJson(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested too deeply");
        }
        String type = node.path("type").asText();
        JsonNode c = node.get("coordinates");
        if (!type.equals("GeometryCollection") && (c == null || !c.isArray())) {
            throw error("a GeoJSON " + type + " needs coordinates");
        }
        return switch (type) {
            case "Point" -> geometries.createPoint(coordinate(c));
            case "LineString" -> geometries.createLineString(coordinates(c));
            case "Polygon" -> polygon(c);
            case "MultiPoint" -> geometries.createMultiPoint(each(c, n -> geometries.createPoint(coordinate(n)))
                    .toArray(Point[]::new));
            case "MultiLineString" -> geometries.createMultiLineString(
                    each(c, n -> geometries.createLineString(coordinates(n))).toArray(LineString[]::new));
            case "MultiPolygon" -> geometries.createMultiPolygon(each(c, this::polygon).toArray(Polygon[]::new));
            case "GeometryCollection" -> geometries.createGeometryCollection(
                    each(node.path("geometries"), g -> geoJson(g, depth + 1)).toArray(Geometry[]::new));
            default -> throw error("unknown GeoJSON geometry type " + cut(node.get("type")));
        };
    }

    private Polygon polygon(JsonNode rings) {
        List<LinearRing> all = each(rings, r -> {
            try {
                return geometries.createLinearRing(coordinates(r));
            } catch (IllegalArgumentException e) {
                throw error("a polygon ring must be closed and have at least 4 positions");
            }
        });
        if (all.isEmpty()) {
            return geometries.createPolygon();
        }
        return geometries.createPolygon(all.get(0), all.subList(1, all.size()).toArray(LinearRing[]::new));
    }

    private <T> List<T> each(JsonNode array, java.util.function.Function<JsonNode, T> item) {
        if (!array.isArray()) {
            throw error("expected an array, not " + cut(array));
        }
        List<T> items = new ArrayList<>();
        array.forEach(n -> items.add(item.apply(n)));
        return items;
    }

    private Coordinate[] coordinates(JsonNode array) {
        try {
            return each(array, this::coordinate).toArray(Coordinate[]::new);
        } catch (IllegalArgumentException e) {
            throw error("invalid coordinates");
        }
    }

    private Coordinate coordinate(JsonNode position) {
        if (!position.isArray() || position.size() < 2) {
            throw error("a position has at least 2 numbers");
        }
        return new Coordinate(number(position.get(0)), number(position.get(1)));
    }

    private double number(JsonNode n) {
        if (n == null || !n.isNumber() || !Double.isFinite(n.doubleValue())) {
            throw error("expected a finite number, not " + cut(n));
        }
        return n.doubleValue();
    }

    private String text(JsonNode node, String expected) {
        if (node == null || !node.isTextual()) {
            throw error("expected " + expected);
        }
        return node.textValue();
    }

    private void arity(String op, JsonNode args, int found) {
        int expected = switch (op) {
            case "and", "or" -> found < 1 ? 2 : found;
            case "not", "isnull" -> 1;
            case "between" -> 3;
            default -> 2;
        };
        if (args.size() != expected || found < 0) {
            throw error(op + " takes " + (op.equals("and") || op.equals("or") ? "at least 1" : expected)
                    + " argument(s), not " + args.size());
        }
    }

    private static String cut(JsonNode node) {
        String s = String.valueOf(node);
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private OwsException error(String message) {
        return OwsException.invalidParameter(locator, PREFIX + message);
    }
}
