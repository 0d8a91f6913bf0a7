package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wps.process.Format;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.LiteralType;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes DescribeProcess responses (wpsDescribeProcess_response.xsd) from the processes' own descriptions. That
 * schema declares its local elements unqualified: ProcessDescription, DataInputs, Input, LiteralData... are in no
 * namespace, the ows: elements in OWS 1.1.
 */
final class ProcessDescriptionWriter {

    private ProcessDescriptionWriter() {
    }

    static void write(List<ProcessDescription> processes, boolean storeSupported, OutputStream out) {
        XmlWriter x = WpsDocuments.start(out, "ProcessDescriptions", "wpsDescribeProcess_response.xsd");
        for (ProcessDescription p : processes) {
            x.start("ProcessDescription");
            x.attribute("wps", WpsDocuments.WPS, "processVersion", p.version());
            x.attribute("storeSupported", Boolean.toString(storeSupported));
            x.attribute("statusSupported", Boolean.toString(storeSupported));
            WpsDocuments.description(x, p.identifier(), p.title(), p.abstractText());
            if (!p.inputs().isEmpty()) {
                x.start("DataInputs");
                for (InputDescription input : p.inputs()) {
                    input(x, input);
                }
                x.end();
            }
            x.start("ProcessOutputs");
            for (OutputDescription output : p.outputs()) {
                output(x, output);
            }
            x.end();
            x.end();
        }
        x.close();
    }

    private static void input(XmlWriter x, InputDescription input) {
        x.start("Input");
        x.attribute("minOccurs", Integer.toString(input.minOccurs()));
        x.attribute("maxOccurs", Integer.toString(input.maxOccurs()));
        WpsDocuments.description(x, input.identifier(), input.title(), input.abstractText());
        if (input instanceof InputDescription.Literal l) {
            x.start("LiteralData");
            dataTypeAndUom(x, l.type(), l.uom());
            if (l.allowedValues().isEmpty() && !l.hasRange()) {
                x.empty("ows", WpsDocuments.OWS, "AnyValue");
            } else {
                x.start("ows", WpsDocuments.OWS, "AllowedValues");
                for (String v : l.allowedValues()) {
                    x.element("ows", WpsDocuments.OWS, "Value", v);
                }
                if (l.allowedValues().isEmpty()) {
                    x.start("ows", WpsDocuments.OWS, "Range");
                    x.attribute("ows", WpsDocuments.OWS, "rangeClosure", "closed");
                    if (l.minimum() != null) {
                        x.element("ows", WpsDocuments.OWS, "MinimumValue", number(l.minimum(), l.type()));
                    }
                    if (l.maximum() != null) {
                        x.element("ows", WpsDocuments.OWS, "MaximumValue", number(l.maximum(), l.type()));
                    }
                    x.end();
                }
                x.end();
            }
            x.element("DefaultValue", l.defaultValue());
            x.end();
        } else if (input instanceof InputDescription.Complex c) {
            x.start("ComplexData");
            formats(x, c.formats());
            x.end();
        } else if (input instanceof InputDescription.BoundingBox b) {
            x.start("BoundingBoxData");
            crs(x, b.crs());
            x.end();
        }
        x.end();
    }

    private static String number(double d, LiteralType type) {
        return type == LiteralType.INTEGER ? Long.toString((long) d) : Double.toString(d);
    }

    private static void output(XmlWriter x, OutputDescription output) {
        x.start("Output");
        WpsDocuments.description(x, output.identifier(), output.title(), output.abstractText());
        if (output instanceof OutputDescription.Literal l) {
            x.start("LiteralOutput");
            dataTypeAndUom(x, l.type(), l.uom());
            x.end();
        } else if (output instanceof OutputDescription.Complex c) {
            x.start("ComplexOutput");
            formats(x, c.formats());
            x.end();
        }
        x.end();
    }

    private static void dataTypeAndUom(XmlWriter x, LiteralType type, String uom) {
        x.start("ows", WpsDocuments.OWS, "DataType");
        x.attribute("ows", WpsDocuments.OWS, "reference", type.reference());
        x.text(type.xsName());
        x.end();
        if (uom != null) {
            x.start("UOMs");
            x.start("Default");
            x.element("ows", WpsDocuments.OWS, "UOM", uom);
            x.end();
            x.start("Supported");
            x.element("ows", WpsDocuments.OWS, "UOM", uom);
            x.end();
            x.end();
        }
    }

    private static void formats(XmlWriter x, List<Format> formats) {
        x.start("Default");
        format(x, formats.get(0));
        x.end();
        x.start("Supported");
        for (Format f : formats) {
            format(x, f);
        }
        x.end();
    }

    private static void format(XmlWriter x, Format f) {
        x.start("Format");
        x.element("MimeType", f.mimeType());
        x.element("Encoding", f.encoding());
        x.element("Schema", f.schema());
        x.end();
    }

    private static void crs(XmlWriter x, List<String> crs) {
        x.start("Default");
        x.element("CRS", crs.get(0));
        x.end();
        x.start("Supported");
        for (String c : crs) {
            x.element("CRS", c);
        }
        x.end();
    }
}
