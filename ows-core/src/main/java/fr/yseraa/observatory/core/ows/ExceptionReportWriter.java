package fr.yseraa.observatory.core.ows;

import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes an OWS Common 1.1 {@code ows:ExceptionReport} (owsExceptionReport.xsd) with StAX. */
public final class ExceptionReportWriter {

    public static final String OWS_NAMESPACE = "http://www.opengis.net/ows/1.1";
    public static final String CONTENT_TYPE = "application/xml; charset=UTF-8";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private ExceptionReportWriter() {
    }

    /**
     * @param reportVersion the version attribute: the version of the service that reports, or OWS's own 1.1.0
     */
    public static void write(OwsException exception, String reportVersion, OutputStream out) {
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("ows", "ExceptionReport", OWS_NAMESPACE);
            w.writeNamespace("ows", OWS_NAMESPACE);
            w.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
            w.writeAttribute("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation",
                    OWS_NAMESPACE + " http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd");
            w.writeAttribute("version", reportVersion);
            w.writeAttribute("xml:lang", "en");
            w.writeStartElement("ows", "Exception", OWS_NAMESPACE);
            w.writeAttribute("exceptionCode", exception.code().code());
            if (exception.locator() != null) {
                w.writeAttribute("locator", exception.locator());
            }
            w.writeStartElement("ows", "ExceptionText", OWS_NAMESPACE);
            w.writeCharacters(exception.getMessage());
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write exception report", e);
        }
    }
}
