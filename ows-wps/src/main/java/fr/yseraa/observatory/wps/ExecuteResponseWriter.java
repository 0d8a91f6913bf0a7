package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.ows.ExceptionReportWriter;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.InputValue;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import fr.yseraa.observatory.wps.process.ProcessResult;
import java.io.OutputStream;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Writes wps:ExecuteResponse documents (wpsExecute_response.xsd): status, lineage when asked, outputs embedded. */
final class ExecuteResponseWriter {

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
                      String serviceUrl, String statusLocation, OutputStream out) {
        XmlWriter x = WpsDocuments.start(out, "ExecuteResponse", "wpsExecute_response.xsd");
        x.attribute("serviceInstance", serviceUrl + "?service=WPS&request=GetCapabilities");
        if (statusLocation != null) {
            x.attribute("statusLocation", statusLocation);
        }
        x.start("wps", WpsDocuments.WPS, "Process");
        x.attribute("wps", WpsDocuments.WPS, "processVersion", process.version());
        WpsDocuments.description(x, process.identifier(), process.title(), process.abstractText());
        x.end();
        status(x, status);
        if (lineage) {
            dataInputs(x, process, inputs);
            x.start("wps", WpsDocuments.WPS, "OutputDefinitions");
            for (ChosenOutput o : outputs) {
                x.start("wps", WpsDocuments.WPS, "Output");
                if (o.mimeType() != null) {
                    x.attribute("mimeType", o.mimeType());
                }
                if (o.asReference()) {
                    x.attribute("asReference", "true");
                }
                WpsDocuments.description(x, o.description().identifier(), o.description().title(), null);
                x.end();
            }
            x.end();
        }
        if (result != null) {
            x.start("wps", WpsDocuments.WPS, "ProcessOutputs");
            for (ChosenOutput o : outputs) {
                String href = references.get(o.description().identifier());
                if (href == null) {
                    output(x, o, result.outputs().get(o.description().identifier()));
                } else {
                    referencedOutput(x, o, href);
                }
            }
            x.end();
        }
        x.close();
    }

    private static void status(XmlWriter x, ExecutionStatus status) {
        x.start("wps", WpsDocuments.WPS, "Status");
        x.attribute("creationTime", status.creationTime().truncatedTo(ChronoUnit.SECONDS).toString());
        if (status instanceof ExecutionStatus.Accepted) {
            x.element("wps", WpsDocuments.WPS, "ProcessAccepted", WpsMessages.text("execute.accepted"));
        } else if (status instanceof ExecutionStatus.Started s) {
            x.start("wps", WpsDocuments.WPS, "ProcessStarted");
            x.attribute("percentCompleted", Integer.toString(s.percentCompleted()));
            x.text(s.message() == null ? "" : s.message());
            x.end();
        } else if (status instanceof ExecutionStatus.Succeeded) {
            x.element("wps", WpsDocuments.WPS, "ProcessSucceeded", WpsMessages.text("execute.succeeded"));
        } else if (status instanceof ExecutionStatus.Failed f) {
            x.start("wps", WpsDocuments.WPS, "ProcessFailed");
            x.start("ows", WpsDocuments.OWS, "ExceptionReport").attribute("version", "1.0.0");
            ExceptionReportWriter.exception(x, f.error());
            x.end();
            x.end();
        }
        x.end();
    }

    private static void dataInputs(XmlWriter x, ProcessDescription process, Map<String, List<InputValue>> inputs) {
        if (inputs.isEmpty()) {
            return;
        }
        x.start("wps", WpsDocuments.WPS, "DataInputs");
        for (Map.Entry<String, List<InputValue>> e : inputs.entrySet()) {
            String title = process.input(e.getKey()).map(InputDescription::title).orElse(e.getKey());
            for (InputValue v : e.getValue()) {
                x.start("wps", WpsDocuments.WPS, "Input");
                WpsDocuments.description(x, e.getKey(), title, null);
                if (v instanceof InputValue.Reference r) {
                    reference(x, r);
                } else {
                    x.start("wps", WpsDocuments.WPS, "Data");
                    inputValue(x, v);
                    x.end();
                }
                x.end();
            }
        }
        x.end();
    }

    /** A unit as the anyURI the uom attribute is: a {@code %} (percent) is escaped. */
    static String uomUri(String uom) {
        return uom.replace("%", "%25");
    }

    private static void reference(XmlWriter x, InputValue.Reference r) {
        x.empty("wps", WpsDocuments.WPS, "Reference");
        x.attribute("xlink", WpsDocuments.XLINK, "href", r.href());
        if (r.mimeType() != null) {
            x.attribute("mimeType", r.mimeType());
        }
    }

    private static void inputValue(XmlWriter x, InputValue v) {
        if (v instanceof InputValue.Literal l) {
            x.start("wps", WpsDocuments.WPS, "LiteralData");
            if (l.uom() != null) {
                x.attribute("uom", uomUri(l.uom()));
            }
            x.text(l.value());
            x.end();
        } else if (v instanceof InputValue.Complex c) {
            x.start("wps", WpsDocuments.WPS, "ComplexData");
            if (c.mimeType() != null) {
                x.attribute("mimeType", c.mimeType());
            }
            x.cdata(c.content());
            x.end();
        } else if (v instanceof InputValue.BoundingBox b) {
            x.start("wps", WpsDocuments.WPS, "BoundingBoxData");
            if (b.crs() != null) {
                x.attribute("crs", b.crs());
            }
            x.attribute("dimensions", "2");
            x.element("ows", WpsDocuments.OWS, "LowerCorner", b.minX() + " " + b.minY());
            x.element("ows", WpsDocuments.OWS, "UpperCorner", b.maxX() + " " + b.maxY());
            x.end();
        }
    }

    /** An output stored apart, given as the URL it is read at. */
    private static void referencedOutput(XmlWriter x, ChosenOutput o, String href) {
        x.start("wps", WpsDocuments.WPS, "Output");
        WpsDocuments.description(x, o.description().identifier(), o.description().title(), o.description().abstractText());
        x.empty("wps", WpsDocuments.WPS, "Reference");
        x.attribute("href", href);
        x.attribute("mimeType", o.mimeType() == null ? "text/plain" : o.mimeType());
        x.end();
    }

    private static void output(XmlWriter x, ChosenOutput o, ProcessResult.OutputValue value) {
        x.start("wps", WpsDocuments.WPS, "Output");
        WpsDocuments.description(x, o.description().identifier(), o.description().title(), o.description().abstractText());
        x.start("wps", WpsDocuments.WPS, "Data");
        if (o.description() instanceof OutputDescription.Literal l && value instanceof ProcessResult.Literal v) {
            x.start("wps", WpsDocuments.WPS, "LiteralData");
            x.attribute("dataType", l.type().reference());
            if (l.uom() != null) {
                x.attribute("uom", uomUri(l.uom()));
            }
            x.text(v.value());
            x.end();
        } else if (value instanceof ProcessResult.Complex c) {
            x.start("wps", WpsDocuments.WPS, "ComplexData");
            x.attribute("mimeType", o.mimeType());
            x.attribute("encoding", "UTF-8");
            x.cdata(c.render(o.mimeType()));
            x.end();
        } else {
            throw new IllegalStateException("process gave no value for output " + o.description().identifier());
        }
        x.end();
        x.end();
    }
}
