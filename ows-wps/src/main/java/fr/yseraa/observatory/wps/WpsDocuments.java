package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.ows.OwsCommonWriter;
import fr.yseraa.observatory.core.xml.XmlWriter;
import java.io.OutputStream;

/** What every WPS 1.0.0 document shares: its namespaces, its root element and the description of processes. */
final class WpsDocuments {

    static final String WPS = "http://www.opengis.net/wps/1.0.0";
    static final String OWS = OwsCommonWriter.OWS_1_1;
    static final String XLINK = OwsCommonWriter.XLINK;
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String VERSION = "1.0.0";
    /** The language of titles and abstracts. */
    static final String LANGUAGE = "fr-FR";
    static final String CONTENT_TYPE = "application/xml; charset=UTF-8";

    private WpsDocuments() {
    }

    /**
     * Starts a WPS document: the root element with its namespaces, schema location, service and version. Closing
     * the writer ends the document.
     */
    static XmlWriter start(OutputStream out, String rootName, String schema) {
        XmlWriter x = new XmlWriter(out);
        x.start("wps", WPS, rootName).namespace("wps", WPS).namespace("ows", OWS).namespace("xlink", XLINK)
                .namespace("xsi", XSI);
        x.attribute("xsi", XSI, "schemaLocation", WPS + " http://schemas.opengis.net/wps/1.0.0/" + schema);
        x.attribute("service", "WPS").attribute("version", VERSION).attribute("xml:lang", LANGUAGE);
        return x;
    }

    /** Identifier, Title and Abstract: the DescriptionType every process, input and output starts with. */
    static void description(XmlWriter x, String identifier, String title, String abstractText) {
        x.element("ows", OWS, "Identifier", identifier);
        x.element("ows", OWS, "Title", title);
        x.element("ows", OWS, "Abstract", abstractText);
    }
}
