package fr.yseraa.observatory.wps;

import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Namespaces and StAX helpers shared by the WPS document writers. */
final class WpsXml {

    static final String WPS = "http://www.opengis.net/wps/1.0.0";
    static final String OWS = "http://www.opengis.net/ows/1.1";
    static final String XLINK = "http://www.w3.org/1999/xlink";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String VERSION = "1.0.0";
    /** The language of titles and abstracts. */
    static final String LANGUAGE = "fr-FR";
    static final String CONTENT_TYPE = "application/xml; charset=UTF-8";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private WpsXml() {
    }

    /** Starts a WPS document: the root element with its namespaces, schema location, service and version. */
    static XMLStreamWriter start(OutputStream out, String rootName, String schema) throws XMLStreamException {
        XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("wps", rootName, WPS);
        w.writeNamespace("wps", WPS);
        w.writeNamespace("ows", OWS);
        w.writeNamespace("xlink", XLINK);
        w.writeNamespace("xsi", XSI);
        w.writeAttribute(XSI, "schemaLocation", WPS + " http://schemas.opengis.net/wps/1.0.0/" + schema);
        w.writeAttribute("service", "WPS");
        w.writeAttribute("version", VERSION);
        w.writeAttribute("xml:lang", LANGUAGE);
        return w;
    }

    static void end(XMLStreamWriter w) throws XMLStreamException {
        w.writeEndElement();
        w.writeEndDocument();
        w.flush();
        w.close();
    }

    /** {@code <ows:name>text</ows:name>}, nothing when the text is null. */
    static void ows(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        if (text != null) {
            w.writeStartElement("ows", name, OWS);
            w.writeCharacters(text);
            w.writeEndElement();
        }
    }

    /** {@code <wps:name>text</wps:name>}, nothing when the text is null. */
    static void wps(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        if (text != null) {
            w.writeStartElement("wps", name, WPS);
            w.writeCharacters(text);
            w.writeEndElement();
        }
    }

    /** An element in no namespace (the DescribeProcess schema declares its local elements unqualified). */
    static void plain(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        if (text != null) {
            w.writeStartElement(name);
            w.writeCharacters(text);
            w.writeEndElement();
        }
    }

    /** Identifier, Title and Abstract: the DescriptionType every process, input and output starts with. */
    static void description(XMLStreamWriter w, String identifier, String title, String abstractText)
            throws XMLStreamException {
        ows(w, "Identifier", identifier);
        ows(w, "Title", title);
        ows(w, "Abstract", abstractText);
    }
}
