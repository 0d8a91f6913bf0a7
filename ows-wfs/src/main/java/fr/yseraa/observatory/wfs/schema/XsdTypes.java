package fr.yseraa.observatory.wfs.schema;

import java.util.Locale;

/** XML Schema types of PostgreSQL column types and GML property types of PostGIS geometry types. */
public final class XsdTypes {

    private XsdTypes() {
    }

    /**
     * A simple type: a built-in type, or a range of {@code xs:integer}.
     *
     * @param base the built-in type's local name
     * @param minInclusive the lowest value, or null for a plain built-in type
     * @param maxInclusive the highest value, or null for a plain built-in type
     */
    public record SimpleType(String base, String minInclusive, String maxInclusive) {

        static SimpleType of(String base) {
            return new SimpleType(base, null, null);
        }

        static SimpleType integerRange(long min, long max) {
            return new SimpleType("integer", Long.toString(min), Long.toString(max));
        }

        public boolean isRange() {
            return minInclusive != null;
        }
    }

    /**
     * The type of a PostgreSQL type as {@code format_type} spells it ({@code character varying(50)}...).
     * {@code integer} and {@code smallint} columns are ranges of {@code xs:integer}: the same values and lexical
     * forms as {@code xs:int} and {@code xs:short}, but clients that only know the primitive numeric types (the
     * OGC test suite among them) read them as integers. {@code bigint} stays {@code xs:long}: GDAL reads an
     * {@code xs:integer} as a 32-bit integer and would cut larger values.
     */
    public static SimpleType ofSql(String sqlType) {
        String t = sqlType.toLowerCase(Locale.ROOT);
        if (t.equals("integer")) {
            return SimpleType.integerRange(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (t.equals("bigint")) {
            return SimpleType.of("long");
        }
        if (t.equals("smallint")) {
            return SimpleType.integerRange(Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return SimpleType.of(builtIn(t));
    }

    private static String builtIn(String t) {
        if (t.endsWith("[]")) {
            return "string";
        }
        if (t.startsWith("numeric")) {
            return "decimal";
        }
        if (t.equals("real")) {
            return "float";
        }
        if (t.equals("double precision")) {
            return "double";
        }
        if (t.equals("boolean")) {
            return "boolean";
        }
        if (t.equals("date")) {
            return "date";
        }
        if (t.startsWith("timestamp")) {
            return "dateTime";
        }
        if (t.startsWith("time")) {
            return "time";
        }
        return "string";
    }

    /**
     * The GML property type (local name in the gml namespace) of a PostGIS geometry type. GML 3.1.1 still has
     * LineString and Polygon property types, which clients read as simple (not curve) geometries; GML 3.2 only
     * has the curve and surface ones.
     */
    public static String gmlPropertyType(String geometryType, boolean gml32) {
        return switch (geometryType.toUpperCase(Locale.ROOT)) {
            case "POINT" -> "PointPropertyType";
            case "LINESTRING" -> gml32 ? "CurvePropertyType" : "LineStringPropertyType";
            case "POLYGON" -> gml32 ? "SurfacePropertyType" : "PolygonPropertyType";
            case "MULTIPOINT" -> "MultiPointPropertyType";
            case "MULTILINESTRING" -> "MultiCurvePropertyType";
            case "MULTIPOLYGON" -> "MultiSurfacePropertyType";
            default -> "GeometryPropertyType";
        };
    }
}
