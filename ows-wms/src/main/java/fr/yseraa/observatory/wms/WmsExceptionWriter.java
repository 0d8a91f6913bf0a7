package fr.yseraa.observatory.wms;

import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the WMS ServiceExceptionReport of each version with StAX: 1.3.0 in the {@code http://www.opengis.net/ogc}
 * namespace (exceptions_1_3_0.xsd) with code and locator; 1.1.1 without namespace, with its DTD (no locator).
 */
public final class WmsExceptionWriter {

    public static final String OGC_NS = "http://www.opengis.net/ogc";
    public static final String SCHEMA_1_3_0 = "http://schemas.opengis.net/wms/1.3.0/exceptions_1_3_0.xsd";
    public static final String DTD_1_1_1 = "http://schemas.opengis.net/wms/1.1.1/exception_1_1_1.dtd";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private WmsExceptionWriter() {
    }

    public static String contentType(WmsVersion version) {
        return version == WmsVersion.V1_3_0 ? "text/xml; charset=UTF-8" : "application/vnd.ogc.se_xml; charset=UTF-8";
    }

    public static void write(WmsException e, WmsVersion version, OutputStream out) {
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            if (version == WmsVersion.V1_3_0) {
                w.writeStartElement("", "ServiceExceptionReport", OGC_NS);
                w.writeDefaultNamespace(OGC_NS);
                w.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
                w.writeAttribute("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation", OGC_NS + " " + SCHEMA_1_3_0);
                w.writeAttribute("version", "1.3.0");
                w.writeStartElement(OGC_NS, "ServiceException");
            } else {
                w.writeDTD("<!DOCTYPE ServiceExceptionReport SYSTEM \"" + DTD_1_1_1 + "\">");
                w.writeStartElement("ServiceExceptionReport");
                w.writeAttribute("version", "1.1.1");
                w.writeStartElement("ServiceException");
            }
            w.writeAttribute("code", e.code().code(version));
            if (version == WmsVersion.V1_3_0 && e.locator() != null) {
                w.writeAttribute("locator", e.locator());
            }
            w.writeCharacters(e.getMessage());
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException ex) {
            throw new IllegalStateException("cannot write a WMS exception report", ex);
        }
    }
}
