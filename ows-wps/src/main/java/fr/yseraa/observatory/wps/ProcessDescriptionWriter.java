package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.wps.process.Format;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.LiteralType;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import java.io.OutputStream;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes DescribeProcess responses (wpsDescribeProcess_response.xsd) from the processes' own descriptions. That
 * schema declares its local elements unqualified: ProcessDescription, DataInputs, Input, LiteralData... are in no
 * namespace, the ows: elements in OWS 1.1.
 */
final class ProcessDescriptionWriter {

    private ProcessDescriptionWriter() {
    }

    static void write(List<ProcessDescription> processes, boolean storeSupported, OutputStream out)
            throws XMLStreamException {
        XMLStreamWriter w = WpsXml.start(out, "ProcessDescriptions", "wpsDescribeProcess_response.xsd");
        for (ProcessDescription p : processes) {
            w.writeStartElement("ProcessDescription");
            w.writeAttribute("wps", WpsXml.WPS, "processVersion", p.version());
            w.writeAttribute("storeSupported", Boolean.toString(storeSupported));
            w.writeAttribute("statusSupported", Boolean.toString(storeSupported));
            WpsXml.description(w, p.identifier(), p.title(), p.abstractText());
            if (!p.inputs().isEmpty()) {
                w.writeStartElement("DataInputs");
                for (InputDescription input : p.inputs()) {
                    input(w, input);
                }
                w.writeEndElement();
            }
            w.writeStartElement("ProcessOutputs");
            for (OutputDescription output : p.outputs()) {
                output(w, output);
            }
            w.writeEndElement();
            w.writeEndElement();
        }
        WpsXml.end(w);
    }

    private static void input(XMLStreamWriter w, InputDescription input) throws XMLStreamException {
        w.writeStartElement("Input");
        w.writeAttribute("minOccurs", Integer.toString(input.minOccurs()));
        w.writeAttribute("maxOccurs", Integer.toString(input.maxOccurs()));
        WpsXml.description(w, input.identifier(), input.title(), input.abstractText());
        if (input instanceof InputDescription.Literal l) {
            w.writeStartElement("LiteralData");
            dataTypeAndUom(w, l.type(), l.uom());
            if (l.allowedValues().isEmpty() && l.minimum() == null) {
                w.writeEmptyElement("ows", "AnyValue", WpsXml.OWS);
            } else {
                w.writeStartElement("ows", "AllowedValues", WpsXml.OWS);
                for (String v : l.allowedValues()) {
                    WpsXml.ows(w, "Value", v);
                }
                if (l.allowedValues().isEmpty()) {
                    w.writeStartElement("ows", "Range", WpsXml.OWS);
                    w.writeAttribute("ows", WpsXml.OWS, "rangeClosure", "closed");
                    WpsXml.ows(w, "MinimumValue", number(l.minimum(), l.type()));
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            WpsXml.plain(w, "DefaultValue", l.defaultValue());
            w.writeEndElement();
        } else if (input instanceof InputDescription.Complex c) {
            w.writeStartElement("ComplexData");
            formats(w, c.formats());
            w.writeEndElement();
        } else if (input instanceof InputDescription.BoundingBox b) {
            w.writeStartElement("BoundingBoxData");
            crs(w, b.crs());
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static String number(double d, LiteralType type) {
        return type == LiteralType.INTEGER ? Long.toString((long) d) : Double.toString(d);
    }

    private static void output(XMLStreamWriter w, OutputDescription output) throws XMLStreamException {
        w.writeStartElement("Output");
        WpsXml.description(w, output.identifier(), output.title(), output.abstractText());
        if (output instanceof OutputDescription.Literal l) {
            w.writeStartElement("LiteralOutput");
            dataTypeAndUom(w, l.type(), l.uom());
            w.writeEndElement();
        } else if (output instanceof OutputDescription.Complex c) {
            w.writeStartElement("ComplexOutput");
            formats(w, c.formats());
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void dataTypeAndUom(XMLStreamWriter w, LiteralType type, String uom) throws XMLStreamException {
        w.writeStartElement("ows", "DataType", WpsXml.OWS);
        w.writeAttribute("ows", WpsXml.OWS, "reference", type.reference());
        w.writeCharacters(type.xsName());
        w.writeEndElement();
        if (uom != null) {
            w.writeStartElement("UOMs");
            w.writeStartElement("Default");
            WpsXml.ows(w, "UOM", uom);
            w.writeEndElement();
            w.writeStartElement("Supported");
            WpsXml.ows(w, "UOM", uom);
            w.writeEndElement();
            w.writeEndElement();
        }
    }

    private static void formats(XMLStreamWriter w, List<Format> formats) throws XMLStreamException {
        w.writeStartElement("Default");
        format(w, formats.get(0));
        w.writeEndElement();
        w.writeStartElement("Supported");
        for (Format f : formats) {
            format(w, f);
        }
        w.writeEndElement();
    }

    private static void format(XMLStreamWriter w, Format f) throws XMLStreamException {
        w.writeStartElement("Format");
        WpsXml.plain(w, "MimeType", f.mimeType());
        WpsXml.plain(w, "Encoding", f.encoding());
        WpsXml.plain(w, "Schema", f.schema());
        w.writeEndElement();
    }

    private static void crs(XMLStreamWriter w, List<String> crs) throws XMLStreamException {
        w.writeStartElement("Default");
        WpsXml.plain(w, "CRS", crs.get(0));
        w.writeEndElement();
        w.writeStartElement("Supported");
        for (String c : crs) {
            WpsXml.plain(w, "CRS", c);
        }
        w.writeEndElement();
    }
}
