package fr.yseraa.observatory.core.crs;

import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;

/** What the server knows of EPSG CRSs beyond their code: official axis order, units, area of use. */
public final class Epsg {

    /** The area of use (EPSG) of a few projected CRSs, in WGS 84 longitude / latitude. */
    private static final Map<Integer, Envelope> AREAS_OF_USE = Map.of(
            2154, new Envelope(-9.86, 10.38, 41.15, 51.56),
            27572, new Envelope(-4.87, 8.23, 42.33, 51.14),
            3035, new Envelope(-35.58, 44.83, 24.6, 84.73),
            3857, new Envelope(-180, 180, -85.06, 85.06),
            3395, new Envelope(-180, 180, -80, 84));

    private Epsg() {
    }

    /**
     * The official axis order of an EPSG CRS: north first for the geographic CRSs of interest here and for
     * ETRS89-LAEA (3035), east first for the others. The one axis-order table of the server.
     */
    public static AxisOrder axisOrder(int srid) {
        return switch (srid) {
            case 4326, 4258, 4171, 4269, 4267, 4230, 4314, 4674, 3035 -> AxisOrder.NORTH_EAST;
            default -> AxisOrder.EAST_NORTH;
        };
    }

    /** Whether the CRS has degrees for units (longitude / latitude). */
    public static boolean isGeographic(int srid) {
        return switch (srid) {
            case 4326, 4258, 4171, 4269, 4267, 4230, 4314, 4674 -> true;
            default -> false;
        };
    }

    /** Where a projected CRS may be used, in WGS 84 longitude / latitude, when known. */
    public static Optional<Envelope> areaOfUse(int srid) {
        return Optional.ofNullable(AREAS_OF_USE.get(srid));
    }
}
