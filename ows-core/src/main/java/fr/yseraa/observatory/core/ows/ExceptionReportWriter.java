package fr.yseraa.observatory.core.ows;

import fr.yseraa.observatory.core.xml.XmlWriter;
import java.io.OutputStream;

/** Writes an OWS Common 1.1 {@code ows:ExceptionReport} (owsExceptionReport.xsd). */
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
        try (XmlWriter x = new XmlWriter(out)) {
            x.start("ows", OWS_NAMESPACE, "ExceptionReport").namespace("ows", OWS_NAMESPACE).namespace("xsi", XSI);
            x.attribute("xsi", XSI, "schemaLocation",
                    OWS_NAMESPACE + " http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd");
            x.attribute("version", reportVersion).attribute("xml:lang", "en");
            exception(x, exception);
        }
    }

    /**
     * The {@code ows:Exception} of a report, with its code, locator and text, inside an {@code ows:ExceptionReport}
     * the caller started (alone, or within another document: WPS's ProcessFailed).
     */
    public static void exception(XmlWriter x, OwsException exception) {
        x.start("ows", OWS_NAMESPACE, "Exception").attribute("exceptionCode", exception.code().code())
                .attribute("locator", exception.locator());
        x.start("ows", OWS_NAMESPACE, "ExceptionText").text(exception.getMessage()).end();
        x.end();
    }
}
