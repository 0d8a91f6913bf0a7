package fr.yseraa.observatory.wms.style;

/** A style document that cannot be read at all (not XML, not SLD). */
public class StyleParseException extends RuntimeException {

    public StyleParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
