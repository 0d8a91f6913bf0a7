package fr.yseraa.observatory.ogcapi;

import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.catalog.AttributeInfo;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.filter.ValueType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The queryables of a collection as a JSON Schema (OGC API Features part 3): the attributes the caller may see, each
 * with its JSON type, and the geometry as {@code geometry}. The same names work in {@code filter} and as
 * {@code name=value} parameters of the items.
 */
final class Queryables {

    static final String GEOMETRY = "geometry";

    private Queryables() {
    }

    static Map<String, Object> of(LayerInfo layer, LayerAccess access, String url) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", url);
        schema.put("type", "object");
        schema.put("title", layer.title());
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : access.attributeExpressions().keySet()) {
            properties.put(name, property(layer, name));
        }
        properties.put(GEOMETRY, Map.of("title", "Géométrie", "format", geometryFormat(layer.geometryType())));
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The JSON Schema of one attribute (its type and, for dates, its format). */
    static Map<String, Object> property(LayerInfo layer, String name) {
        Map<String, Object> p = new LinkedHashMap<>();
        AttributeInfo a = layer.attribute(name).orElse(null);
        if (a != null && a.comment() != null && !a.comment().isBlank()) {
            p.put("title", a.comment());
        }
        switch (ValueType.of(a == null ? null : a.sqlType())) {
            case INTEGER -> p.put("type", "integer");
            case NUMERIC -> p.put("type", "number");
            case BOOLEAN -> p.put("type", "boolean");
            case DATE -> {
                p.put("type", "string");
                p.put("format", "date");
            }
            case TIMESTAMP, TIMESTAMPTZ -> {
                p.put("type", "string");
                p.put("format", "date-time");
            }
            case UUID_TYPE -> {
                p.put("type", "string");
                p.put("format", "uuid");
            }
            default -> p.put("type", "string");
        }
        return p;
    }

    private static String geometryFormat(String geometryType) {
        String t = geometryType == null ? "GEOMETRY" : geometryType.toUpperCase(Locale.ROOT);
        return switch (t) {
            case "POINT" -> "geometry-point";
            case "MULTIPOINT" -> "geometry-multipoint";
            case "LINESTRING" -> "geometry-linestring";
            case "MULTILINESTRING" -> "geometry-multilinestring";
            case "POLYGON" -> "geometry-polygon";
            case "MULTIPOLYGON" -> "geometry-multipolygon";
            default -> "geometry-any";
        };
    }
}
