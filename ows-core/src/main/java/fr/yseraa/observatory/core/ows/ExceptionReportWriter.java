package fr.yseraa.observatory.core.ows;

import fr.yseraa.observatory.core.xml.XmlWriter;
import java.io.OutputStream;

/** Writes an OWS Common 1.1 (or 1.0, for CSW 2.0.2) {@code ows:ExceptionReport} (owsExceptionReport.xsd). */
public final class ExceptionReportWriter {

    public static final String OWS_NAMESPACE = OwsCommonWriter.OWS_1_1;
    public static final String CONTENT_TYPE = "application/xml; charset=UTF-8";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private ExceptionReportWriter() {
    }

    /**
     * @param reportVersion the version attribute: the version of the service that reports, or OWS's own 1.1.0
     */
    public static void write(OwsException exception, String reportVersion, OutputStream out) {
        write(exception, reportVersion, OWS_NAMESPACE, out);
    }

    /**
     * @param owsNamespace OWS Common 1.1's namespace ({@link OwsCommonWriter#OWS_1_1}) or 1.0's
     *     ({@link OwsCommonWriter#OWS_1_0})
     */
    public static void write(OwsException exception, String reportVersion, String owsNamespace, OutputStream out) {
        String schema = owsNamespace.equals(OwsCommonWriter.OWS_1_0) ? "1.0.0" : "1.1.0";
        try (XmlWriter x = new XmlWriter(out)) {
            x.start("ows", owsNamespace, "ExceptionReport").namespace("ows", owsNamespace).namespace("xsi", XSI);
            x.attribute("xsi", XSI, "schemaLocation",
                    owsNamespace + " http://schemas.opengis.net/ows/" + schema + "/owsExceptionReport.xsd");
            x.attribute("version", reportVersion).attribute(schema.equals("1.0.0") ? "language" : "xml:lang", "en");
            exception(x, exception, owsNamespace);
        }
    }

    /**
     * The {@code ows:Exception} of a report, with its code, locator and text, inside an {@code ows:ExceptionReport}
     * the caller started (alone, or within another document: WPS's ProcessFailed).
     */
    public static void exception(XmlWriter x, OwsException exception) {
        exception(x, exception, OWS_NAMESPACE);
    }

    private static void exception(XmlWriter x, OwsException exception, String owsNamespace) {
        x.start("ows", owsNamespace, "Exception").attribute("exceptionCode", exception.code().code())
                .attribute("locator", exception.locator());
        x.start("ows", owsNamespace, "ExceptionText").text(exception.getMessage()).end();
        x.end();
    }
}
