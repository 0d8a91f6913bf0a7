package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.xml.XmlWriter;
import java.util.List;

/**
 * The Filter Encoding 1.1 {@code ogc:Filter_Capabilities} of what the filter model supports ({@link SupportedOperators}),
 * for the documents of services that speak Filter 1.1 (WFS 1.1.0, CSW 2.0.2). The writer's document declares the
 * {@code ogc} and {@code gml} prefixes.
 */
public final class Filter11Capabilities {

    /** Filter 1.1 names of the comparison operators the model supports. */
    private static final List<String> COMPARISON_11 = List.of("LessThan", "GreaterThan", "LessThanEqualTo",
            "GreaterThanEqualTo", "EqualTo", "NotEqualTo", "Like", "Between", "NullCheck");
    /** The geometry operands Filter 1.1's enumeration names among those the model reads. */
    private static final List<String> GEOMETRY_OPERANDS_11 = List.of("gml:Envelope", "gml:Point", "gml:LineString",
            "gml:Polygon");

    private Filter11Capabilities() {
    }

    public static void write(XmlWriter x) {
        String ogc = FesParser.OGC;
        x.start("ogc", ogc, "Filter_Capabilities");
        x.start("ogc", ogc, "Spatial_Capabilities");
        x.start("ogc", ogc, "GeometryOperands");
        GEOMETRY_OPERANDS_11.forEach(g -> x.element("ogc", ogc, "GeometryOperand", g));
        x.end();
        x.start("ogc", ogc, "SpatialOperators");
        SupportedOperators.SPATIAL.forEach(op -> x.empty("ogc", ogc, "SpatialOperator").attribute("name", op));
        x.end();
        x.end();
        x.start("ogc", ogc, "Scalar_Capabilities");
        x.empty("ogc", ogc, "LogicalOperators");
        x.start("ogc", ogc, "ComparisonOperators");
        COMPARISON_11.forEach(op -> x.element("ogc", ogc, "ComparisonOperator", op));
        x.end();
        x.start("ogc", ogc, "ArithmeticOperators").empty("ogc", ogc, "SimpleArithmetic").end();
        x.end();
        x.start("ogc", ogc, "Id_Capabilities").empty("ogc", ogc, "FID").end();
        x.end();
    }
}
