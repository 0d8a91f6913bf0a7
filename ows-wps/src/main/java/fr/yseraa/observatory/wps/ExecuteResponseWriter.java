package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.InputValue;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import fr.yseraa.observatory.wps.process.ProcessResult;
import java.io.OutputStream;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes wps:ExecuteResponse documents (wpsExecute_response.xsd): status, lineage when asked, outputs embedded. */
final class ExecuteResponseWriter {

    /**
     * One output to write and the format it was asked in.
     *
     * @param mimeType the format of complex data (null for literals)
     */
    record ChosenOutput(OutputDescription description, String mimeType, boolean asReference) {
    }

    private ExecuteResponseWriter() {
    }

    /**
     * @param inputs the request's inputs, written back when {@code lineage}
     * @param result the outputs, or null until the process succeeded
     * @param references where each output asked as a reference was stored, by output identifier
     * @param statusLocation where the stored response is read again, or null
     */
    static void write(ProcessDescription process, ExecutionStatus status, Map<String, List<InputValue>> inputs,
                      List<ChosenOutput> outputs, boolean lineage, ProcessResult result, Map<String, String> references,
                      String serviceUrl, String statusLocation, OutputStream out) throws XMLStreamException {
        XMLStreamWriter w = WpsXml.start(out, "ExecuteResponse", "wpsExecute_response.xsd");
        w.writeAttribute("serviceInstance", serviceUrl + "?service=WPS&request=GetCapabilities");
        if (statusLocation != null) {
            w.writeAttribute("statusLocation", statusLocation);
        }
        w.writeStartElement("wps", "Process", WpsXml.WPS);
        w.writeAttribute("wps", WpsXml.WPS, "processVersion", process.version());
        WpsXml.description(w, process.identifier(), process.title(), process.abstractText());
        w.writeEndElement();
        status(w, status);
        if (lineage) {
            dataInputs(w, process, inputs);
            w.writeStartElement("wps", "OutputDefinitions", WpsXml.WPS);
            for (ChosenOutput o : outputs) {
                w.writeStartElement("wps", "Output", WpsXml.WPS);
                if (o.mimeType() != null) {
                    w.writeAttribute("mimeType", o.mimeType());
                }
                if (o.asReference()) {
                    w.writeAttribute("asReference", "true");
                }
                WpsXml.description(w, o.description().identifier(), o.description().title(), null);
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        if (result != null) {
            w.writeStartElement("wps", "ProcessOutputs", WpsXml.WPS);
            for (ChosenOutput o : outputs) {
                String href = references.get(o.description().identifier());
                if (href == null) {
                    output(w, o, result.outputs().get(o.description().identifier()));
                } else {
                    referencedOutput(w, o, href);
                }
            }
            w.writeEndElement();
        }
        WpsXml.end(w);
    }

    private static void status(XMLStreamWriter w, ExecutionStatus status) throws XMLStreamException {
        w.writeStartElement("wps", "Status", WpsXml.WPS);
        w.writeAttribute("creationTime", status.creationTime().truncatedTo(ChronoUnit.SECONDS).toString());
        if (status instanceof ExecutionStatus.Accepted) {
            WpsXml.wps(w, "ProcessAccepted", WpsMessages.text("execute.accepted"));
        } else if (status instanceof ExecutionStatus.Started s) {
            w.writeStartElement("wps", "ProcessStarted", WpsXml.WPS);
            w.writeAttribute("percentCompleted", Integer.toString(s.percentCompleted()));
            w.writeCharacters(s.message() == null ? "" : s.message());
            w.writeEndElement();
        } else if (status instanceof ExecutionStatus.Succeeded) {
            WpsXml.wps(w, "ProcessSucceeded", WpsMessages.text("execute.succeeded"));
        } else if (status instanceof ExecutionStatus.Failed f) {
            w.writeStartElement("wps", "ProcessFailed", WpsXml.WPS);
            w.writeStartElement("ows", "ExceptionReport", WpsXml.OWS);
            w.writeAttribute("version", "1.0.0");
            w.writeStartElement("ows", "Exception", WpsXml.OWS);
            w.writeAttribute("exceptionCode", f.error().code().code());
            if (f.error().locator() != null) {
                w.writeAttribute("locator", f.error().locator());
            }
            WpsXml.ows(w, "ExceptionText", f.error().getMessage());
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void dataInputs(XMLStreamWriter w, ProcessDescription process, Map<String, List<InputValue>> inputs)
            throws XMLStreamException {
        if (inputs.isEmpty()) {
            return;
        }
        w.writeStartElement("wps", "DataInputs", WpsXml.WPS);
        for (Map.Entry<String, List<InputValue>> e : inputs.entrySet()) {
            String title = process.input(e.getKey()).map(InputDescription::title).orElse(e.getKey());
            for (InputValue v : e.getValue()) {
                w.writeStartElement("wps", "Input", WpsXml.WPS);
                WpsXml.description(w, e.getKey(), title, null);
                if (v instanceof InputValue.Reference r) {
                    reference(w, r);
                } else {
                    w.writeStartElement("wps", "Data", WpsXml.WPS);
                    inputValue(w, v);
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
        }
        w.writeEndElement();
    }

    /** A unit as the anyURI the uom attribute is: a {@code %} (percent) is escaped. */
    static String uomUri(String uom) {
        return uom.replace("%", "%25");
    }

    private static void reference(XMLStreamWriter w, InputValue.Reference r) throws XMLStreamException {
        w.writeEmptyElement("wps", "Reference", WpsXml.WPS);
        w.writeAttribute("xlink", WpsXml.XLINK, "href", r.href());
        if (r.mimeType() != null) {
            w.writeAttribute("mimeType", r.mimeType());
        }
    }

    private static void inputValue(XMLStreamWriter w, InputValue v) throws XMLStreamException {
        if (v instanceof InputValue.Literal l) {
            w.writeStartElement("wps", "LiteralData", WpsXml.WPS);
            if (l.uom() != null) {
                w.writeAttribute("uom", uomUri(l.uom()));
            }
            w.writeCharacters(l.value());
            w.writeEndElement();
        } else if (v instanceof InputValue.Complex c) {
            w.writeStartElement("wps", "ComplexData", WpsXml.WPS);
            if (c.mimeType() != null) {
                w.writeAttribute("mimeType", c.mimeType());
            }
            cdata(w, c.content());
            w.writeEndElement();
        } else if (v instanceof InputValue.BoundingBox b) {
            w.writeStartElement("wps", "BoundingBoxData", WpsXml.WPS);
            if (b.crs() != null) {
                w.writeAttribute("crs", b.crs());
            }
            w.writeAttribute("dimensions", "2");
            WpsXml.ows(w, "LowerCorner", b.minX() + " " + b.minY());
            WpsXml.ows(w, "UpperCorner", b.maxX() + " " + b.maxY());
            w.writeEndElement();
        }
    }

    /** An output stored apart, given as the URL it is read at. */
    private static void referencedOutput(XMLStreamWriter w, ChosenOutput o, String href) throws XMLStreamException {
        w.writeStartElement("wps", "Output", WpsXml.WPS);
        WpsXml.description(w, o.description().identifier(), o.description().title(), o.description().abstractText());
        w.writeEmptyElement("wps", "Reference", WpsXml.WPS);
        w.writeAttribute("href", href);
        w.writeAttribute("mimeType", o.mimeType() == null ? "text/plain" : o.mimeType());
        w.writeEndElement();
    }

    private static void output(XMLStreamWriter w, ChosenOutput o, ProcessResult.OutputValue value)
            throws XMLStreamException {
        w.writeStartElement("wps", "Output", WpsXml.WPS);
        WpsXml.description(w, o.description().identifier(), o.description().title(), o.description().abstractText());
        w.writeStartElement("wps", "Data", WpsXml.WPS);
        if (o.description() instanceof OutputDescription.Literal l && value instanceof ProcessResult.Literal v) {
            w.writeStartElement("wps", "LiteralData", WpsXml.WPS);
            w.writeAttribute("dataType", l.type().reference());
            if (l.uom() != null) {
                w.writeAttribute("uom", uomUri(l.uom()));
            }
            w.writeCharacters(v.value());
            w.writeEndElement();
        } else if (value instanceof ProcessResult.Complex c) {
            w.writeStartElement("wps", "ComplexData", WpsXml.WPS);
            w.writeAttribute("mimeType", o.mimeType());
            w.writeAttribute("encoding", "UTF-8");
            cdata(w, c.render(o.mimeType()));
            w.writeEndElement();
        } else {
            throw new IllegalStateException("process gave no value for output " + o.description().identifier());
        }
        w.writeEndElement();
        w.writeEndElement();
    }

    /** Text as CDATA sections (split where the text itself holds "]]>"). */
    private static void cdata(XMLStreamWriter w, String text) throws XMLStreamException {
        String[] parts = text.split("]]>", -1);
        for (int i = 0; i < parts.length; i++) {
            w.writeCData(i < parts.length - 1 ? parts[i] + "]]" : parts[i]);
            if (i < parts.length - 1) {
                w.writeCharacters(">");
            }
        }
    }
}
