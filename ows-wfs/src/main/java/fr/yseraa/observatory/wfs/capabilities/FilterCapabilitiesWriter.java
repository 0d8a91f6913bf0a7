package fr.yseraa.observatory.wfs.capabilities;

import fr.yseraa.observatory.wfs.WfsVersion;
import fr.yseraa.observatory.wfs.XmlOutput;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Filter capabilities: only what really works. Filter expressions (FILTER, CQL_FILTER, fes:Filter) wait for the
 * shared filter model; until then the server supports ad hoc queries with the BBOX and RESOURCEID parameters and
 * sorting, which FES declares as {@code ImplementsQuery}, {@code ImplementsAdHocQuery} and {@code ImplementsSorting}.
 */
final class FilterCapabilitiesWriter {

    private static final String OWS11 = WfsVersion.V2_0_0.owsNamespace();

    private FilterCapabilitiesWriter() {
    }

    static Map<String, Boolean> conformance() {
        Map<String, Boolean> c = new LinkedHashMap<>();
        c.put("ImplementsQuery", true);
        c.put("ImplementsAdHocQuery", true);
        c.put("ImplementsFunctions", false);
        c.put("ImplementsResourceId", false);
        c.put("ImplementsMinStandardFilter", false);
        c.put("ImplementsStandardFilter", false);
        c.put("ImplementsMinSpatialFilter", false);
        c.put("ImplementsSpatialFilter", false);
        c.put("ImplementsMinTemporalFilter", false);
        c.put("ImplementsTemporalFilter", false);
        c.put("ImplementsVersionNav", false);
        c.put("ImplementsSorting", true);
        c.put("ImplementsExtendedOperators", false);
        c.put("ImplementsMinimumXPath", false);
        c.put("ImplementsSchemaElementFunc", false);
        return c;
    }

    static void writeFes20(XmlOutput x) {
        String fes = CapabilitiesWriter.FES;
        x.start("fes", fes, "Filter_Capabilities");
        x.start("fes", fes, "Conformance");
        conformance().forEach((name, value) -> {
            x.start("fes", fes, "Constraint").attribute("name", name);
            x.empty("ows", OWS11, "NoValues");
            x.element("ows", OWS11, "DefaultValue", Boolean.toString(value).toUpperCase(Locale.ROOT));
            x.end();
        });
        x.end();
        x.end();
    }

    /** Filter 1.1 requires spatial, scalar and id capabilities: the BBOX and FEATUREID parameters. */
    static void writeFilter11(XmlOutput x) {
        String ogc = CapabilitiesWriter.OGC;
        x.start("ogc", ogc, "Filter_Capabilities");
        x.start("ogc", ogc, "Spatial_Capabilities");
        x.start("ogc", ogc, "GeometryOperands").element("ogc", ogc, "GeometryOperand", "gml:Envelope").end();
        x.start("ogc", ogc, "SpatialOperators");
        x.empty("ogc", ogc, "SpatialOperator").attribute("name", "BBOX");
        x.end();
        x.end();
        x.empty("ogc", ogc, "Scalar_Capabilities");
        x.start("ogc", ogc, "Id_Capabilities").empty("ogc", ogc, "FID").end();
        x.end();
    }
}
