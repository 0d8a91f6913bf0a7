package fr.yseraa.observatory.wfs.capabilities;

import fr.yseraa.observatory.core.filter.SupportedOperators;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wfs.WfsVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Filter capabilities: what the shared filter model reads and runs ({@link SupportedOperators}), plus the query
 * constraints the WFS itself meets (ad hoc queries, sorting).
 */
final class FilterCapabilitiesWriter {

    private static final String OWS11 = WfsVersion.V2_0_0.owsNamespace();

    private FilterCapabilitiesWriter() {
    }

    static Map<String, Boolean> conformance() {
        Map<String, Boolean> c = new LinkedHashMap<>();
        c.put("ImplementsQuery", true);
        c.put("ImplementsAdHocQuery", true);
        c.put("ImplementsSorting", true);
        c.putAll(new TreeMap<>(SupportedOperators.FES20_CONFORMANCE));
        // the temporal operators work (FilterTest), but the conformance suite's temporal tests cannot pass on our
        // data (bench/RESULTS.md, "WFS 2.0 conformance"): it cannot read timestamps with more than 3 decimals of
        // seconds, and expects features after the middle of a property's sampled extent, which a type of one
        // feature (a layer of one polygon) or a time shared by every feature cannot give; not claimed
        c.put("ImplementsMinTemporalFilter", false);
        return c;
    }

    static void writeFes20(XmlWriter x) {
        String fes = WfsCapabilitiesWriter.FES;
        x.start("fes", fes, "Filter_Capabilities");
        x.start("fes", fes, "Conformance");
        conformance().forEach((name, value) -> {
            x.start("fes", fes, "Constraint").attribute("name", name);
            x.empty("ows", OWS11, "NoValues");
            x.element("ows", OWS11, "DefaultValue", Boolean.toString(value).toUpperCase(Locale.ROOT));
            x.end();
        });
        x.end();
        x.start("fes", fes, "Id_Capabilities").empty("fes", fes, "ResourceIdentifier").attribute("name", "fes:ResourceId").end();
        x.start("fes", fes, "Scalar_Capabilities");
        x.empty("fes", fes, "LogicalOperators");
        named(x, fes, "ComparisonOperators", "ComparisonOperator", SupportedOperators.COMPARISON);
        x.end();
        x.start("fes", fes, "Spatial_Capabilities");
        named(x, fes, "GeometryOperands", "GeometryOperand", SupportedOperators.GEOMETRY_OPERANDS);
        named(x, fes, "SpatialOperators", "SpatialOperator", SupportedOperators.SPATIAL);
        x.end();
        x.start("fes", fes, "Temporal_Capabilities");
        named(x, fes, "TemporalOperands", "TemporalOperand", SupportedOperators.TEMPORAL_OPERANDS);
        named(x, fes, "TemporalOperators", "TemporalOperator", SupportedOperators.TEMPORAL);
        x.end();
        x.end();
    }

    private static void named(XmlWriter x, String ns, String list, String item, List<String> names) {
        x.start("fes", ns, list);
        names.forEach(n -> x.empty("fes", ns, item).attribute("name", n));
        x.end();
    }
}
