package fr.yseraa.observatory.wms;

import fr.yseraa.observatory.core.ows.ExceptionCode;
import fr.yseraa.observatory.core.ows.OwsException;

/**
 * The exception codes a WMS answers (WMS 1.3.0 table E.1, WMS 1.1.1 annex A.3), with their HTTP status. A failure
 * with one of these codes is the WMS's own: GetMap may draw it in the image (EXCEPTIONS=INIMAGE or BLANK).
 */
public enum WmsExceptionCode implements ExceptionCode {
    INVALID_FORMAT("InvalidFormat", 400),
    /** InvalidCRS in 1.3.0, InvalidSRS in 1.1.1. */
    INVALID_CRS("InvalidCRS", 400),
    LAYER_NOT_DEFINED("LayerNotDefined", 400),
    STYLE_NOT_DEFINED("StyleNotDefined", 400),
    LAYER_NOT_QUERYABLE("LayerNotQueryable", 400),
    INVALID_POINT("InvalidPoint", 400),
    CURRENT_UPDATE_SEQUENCE("CurrentUpdateSequence", 400),
    INVALID_UPDATE_SEQUENCE("InvalidUpdateSequence", 400),
    MISSING_DIMENSION_VALUE("MissingDimensionValue", 400),
    INVALID_DIMENSION_VALUE("InvalidDimensionValue", 400),
    OPERATION_NOT_SUPPORTED("OperationNotSupported", 501),
    MISSING_PARAMETER_VALUE("MissingParameterValue", 400),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400),
    /** A map would need more features than the per-layer cap allows. */
    TOO_MANY_FEATURES("TooManyFeatures", 400),
    NO_APPLICABLE_CODE("NoApplicableCode", 500);

    private final String code;
    private final int httpStatus;

    WmsExceptionCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public static OwsException missing(String parameter) {
        return new OwsException(MISSING_PARAMETER_VALUE, parameter, "Parameter " + parameter + " is required");
    }

    public static OwsException invalid(String parameter, String message) {
        return new OwsException(INVALID_PARAMETER_VALUE, parameter, message);
    }

    public static OwsException layerNotDefined(String layer) {
        return new OwsException(LAYER_NOT_DEFINED, "layers", "Layer " + layer + " is not defined");
    }

    /** Whether a failure is one the WMS itself named (not one of the shared engine, with an OWS Common code). */
    public static boolean isWms(OwsException e) {
        return e.code() instanceof WmsExceptionCode;
    }

    @Override
    public String code() {
        return code;
    }

    /** The code as written in the exception report of a version. */
    public String code(WmsVersion version) {
        return this == INVALID_CRS && version == WmsVersion.V1_1_1 ? "InvalidSRS" : code;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }
}
