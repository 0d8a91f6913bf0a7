package fr.yseraa.observatory.wmts.tile;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.wms.WmsExceptionCode;

/** The WMTS exceptions (OGC 07-057r7, 8.2.1 and table 28) and how WMS renderer errors read as them. */
public final class TileErrors {

    private TileErrors() {
    }

    public static OwsException invalid(String locator, String message) {
        return new OwsException(OwsExceptionCode.INVALID_PARAMETER_VALUE, locator, message);
    }

    public static OwsException outOfRange(String locator, String message) {
        return new OwsException(OwsExceptionCode.TILE_OUT_OF_RANGE, locator, message);
    }

    /**
     * A failure the WMS renderer named (a {@link WmsExceptionCode}) as the WMTS reports it: a server fault stays one,
     * the rest is the request's.
     */
    public static OwsException of(OwsException e) {
        OwsExceptionCode code = switch ((WmsExceptionCode) e.code()) {
            case NO_APPLICABLE_CODE -> OwsExceptionCode.NO_APPLICABLE_CODE;
            case MISSING_PARAMETER_VALUE -> OwsExceptionCode.MISSING_PARAMETER_VALUE;
            default -> OwsExceptionCode.INVALID_PARAMETER_VALUE;
        };
        String locator = switch (e.locator() == null ? "" : e.locator()) {
            case "layers" -> "layer";
            case "styles" -> "style";
            default -> e.locator();
        };
        return new OwsException(code, locator, e.getMessage());
    }
}
