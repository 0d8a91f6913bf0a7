package fr.yseraa.observatory.wms;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.xml.XmlWriter;
import java.io.OutputStream;

/**
 * Writes the WMS ServiceExceptionReport of each version: 1.3.0 in the {@code http://www.opengis.net/ogc}
 * namespace (exceptions_1_3_0.xsd) with code and locator; 1.1.1 without namespace, with its DTD (no locator).
 */
public final class WmsExceptionWriter {

    public static final String OGC_NS = "http://www.opengis.net/ogc";
    public static final String SCHEMA_1_3_0 = "http://schemas.opengis.net/wms/1.3.0/exceptions_1_3_0.xsd";
    public static final String DTD_1_1_1 = "http://schemas.opengis.net/wms/1.1.1/exception_1_1_1.dtd";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private WmsExceptionWriter() {
    }

    public static String contentType(WmsVersion version) {
        return version == WmsVersion.V1_3_0 ? "text/xml; charset=UTF-8" : "application/vnd.ogc.se_xml; charset=UTF-8";
    }

    /** @param e a failure with a {@link WmsExceptionCode} */
    public static void write(OwsException e, WmsVersion version, OutputStream out) {
        try (XmlWriter x = new XmlWriter(out)) {
            if (version == WmsVersion.V1_3_0) {
                x.start("ServiceExceptionReport").namespace("", OGC_NS).namespace("xsi", XSI);
                x.attribute("xsi", XSI, "schemaLocation", OGC_NS + " " + SCHEMA_1_3_0);
                x.attribute("version", "1.3.0");
                x.start("ServiceException");
            } else {
                x.doctype("<!DOCTYPE ServiceExceptionReport SYSTEM \"" + DTD_1_1_1 + "\">");
                x.start("ServiceExceptionReport").attribute("version", "1.1.1");
                x.start("ServiceException");
            }
            x.attribute("code", ((WmsExceptionCode) e.code()).code(version));
            if (version == WmsVersion.V1_3_0) {
                x.attribute("locator", e.locator());
            }
            x.text(e.getMessage());
        }
    }
}
