package fr.yseraa.observatory.core.ows;

/**
 * The exception codes of OGC Web Services Common (OGC 06-121r9, table 28) and of the service standards,
 * each with the HTTP status the standards give it.
 */
public enum OwsExceptionCode implements ExceptionCode {
    OPERATION_NOT_SUPPORTED("OperationNotSupported", 501),
    MISSING_PARAMETER_VALUE("MissingParameterValue", 400),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400),
    VERSION_NEGOTIATION_FAILED("VersionNegotiationFailed", 400),
    INVALID_UPDATE_SEQUENCE("InvalidUpdateSequence", 400),
    OPTION_NOT_SUPPORTED("OptionNotSupported", 501),
    OPERATION_PARSING_FAILED("OperationParsingFailed", 400),
    NOT_FOUND("NotFound", 404),
    /** WFS 2.0 (ISO 19142, table 3): a request understood but that the server cannot carry out. */
    OPERATION_PROCESSING_FAILED("OperationProcessingFailed", 403),
    /** WFS 2.0 (table 3; status: OGC 09-025r2 table D.2): lockAction ALL met a feature another lock holds. */
    CANNOT_LOCK_ALL_FEATURES("CannotLockAllFeatures", 400),
    /** WFS 2.0: a lock id the server never gave, or one already released. */
    INVALID_LOCK_ID("InvalidLockId", 400),
    /** WFS 2.0: the lock named has expired. */
    LOCK_HAS_EXPIRED("LockHasExpired", 403),
    /** WFS 2.0 (ISO 19142, table 3): a Transaction gives a property a value it cannot take. */
    INVALID_VALUE("InvalidValue", 400),
    /** WMTS 1.0.0 (OGC 07-057r7, table 28): TileRow or TileCol outside the matrix or the layer's limits. */
    TILE_OUT_OF_RANGE("TileOutOfRange", 400),
    /** WMTS 1.0.0 (OGC 07-057r7, table 31): GetFeatureInfo's I or J outside the tile. */
    POINT_IJ_OUT_OF_RANGE("PointIJOutOfRange", 400),
    /** WPS 1.0.0 (OGC 05-007r7, table 62): the server is too busy to accept the request now; retry later. */
    SERVER_BUSY("ServerBusy", 503),
    NO_APPLICABLE_CODE("NoApplicableCode", 500);

    private final String code;
    private final int httpStatus;

    OwsExceptionCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }
}
