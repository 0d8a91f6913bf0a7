package fr.yseraa.observatory.wms;

/**
 * A WMS request the service cannot answer, with the exception code the WMS standard gives the fault (WMS 1.3.0
 * table E.1, WMS 1.1.1 annex A.3), the parameter at fault and the HTTP status it answers with.
 */
public class WmsException extends RuntimeException {

    private final WmsExceptionCode code;
    private final String locator;

    public WmsException(WmsExceptionCode code, String locator, String message) {
        super(message);
        this.code = code;
        this.locator = locator;
    }

    public static WmsException missing(String parameter) {
        return new WmsException(WmsExceptionCode.MISSING_PARAMETER_VALUE, parameter,
                "Parameter " + parameter + " is required");
    }

    public static WmsException invalid(String parameter, String message) {
        return new WmsException(WmsExceptionCode.INVALID_PARAMETER_VALUE, parameter, message);
    }

    public static WmsException layerNotDefined(String layer) {
        return new WmsException(WmsExceptionCode.LAYER_NOT_DEFINED, "layers", "Layer " + layer + " is not defined");
    }

    public WmsExceptionCode code() {
        return code;
    }

    /** The parameter at fault, or null. */
    public String locator() {
        return locator;
    }
}
