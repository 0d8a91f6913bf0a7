package fr.yseraa.observatory.wms.map;

import fr.yseraa.observatory.wms.WmsExceptionCode;
import java.util.Locale;

/** How GetMap reports errors: an XML report, the message drawn in an image, or a blank image. */
public enum ExceptionFormat {
    XML, INIMAGE, BLANK;

    /** From EXCEPTIONS, in the 1.3.0 (XML, INIMAGE, BLANK) or 1.1.1 (application/vnd.ogc.se_*) spelling. */
    public static ExceptionFormat parse(String value) {
        if (value == null) {
            return XML;
        }
        String v = value.toLowerCase(Locale.ROOT);
        return switch (v) {
            case "xml", "text/xml", "application/vnd.ogc.se_xml" -> XML;
            case "inimage", "application/vnd.ogc.se_inimage" -> INIMAGE;
            case "blank", "application/vnd.ogc.se_blank" -> BLANK;
            default -> throw WmsExceptionCode.invalid("exceptions", "EXCEPTIONS " + value
                    + " is not one of XML, INIMAGE, BLANK");
        };
    }
}
