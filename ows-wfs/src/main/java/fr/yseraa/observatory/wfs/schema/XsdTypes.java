package fr.yseraa.observatory.wfs.schema;

import java.util.Locale;

/** XML Schema types of PostgreSQL column types and GML property types of PostGIS geometry types. */
public final class XsdTypes {

    private XsdTypes() {
    }

    /** The xs type of a PostgreSQL type as {@code format_type} spells it ({@code character varying(50)}...). */
    public static String ofSql(String sqlType) {
        String t = sqlType.toLowerCase(Locale.ROOT);
        if (t.endsWith("[]")) {
            return "string";
        }
        if (t.equals("integer")) {
            return "int";
        }
        if (t.equals("bigint")) {
            return "long";
        }
        if (t.equals("smallint")) {
            return "short";
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
