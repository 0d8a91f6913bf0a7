package fr.yseraa.observatory.wms.crs;

import fr.yseraa.observatory.wms.WmsVersion;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;

/**
 * A coordinate reference system a map can be asked in: its WMS identifier, the PostGIS SRID that draws it, and
 * whether WMS 1.3.0 writes its coordinates in the (latitude, longitude) or (northing, easting) order of its
 * EPSG definition. PostGIS always works in (x = easting or longitude, y = northing or latitude).
 *
 * @param code the identifier as WMS writes it: {@code EPSG:2154}, {@code CRS:84}
 * @param srid the SRID PostGIS knows it by
 * @param northingFirst whether WMS 1.3.0 BBOX and BoundingBox put the north axis first
 */
public record MapCrs(String code, int srid, boolean northingFirst) {

    /** EPSG codes whose official axis order puts the north axis first (WMS 1.3.0 honours it). */
    private static final Set<Integer> NORTHING_FIRST = Set.of(4326, 4258, 3035);

    /** What every layer advertises when the catalog names no list. */
    public static final List<String> DEFAULT_CODES =
            List.of("EPSG:2154", "EPSG:3857", "EPSG:4326", "CRS:84", "EPSG:4258", "EPSG:3035");

    public static final MapCrs WGS84_LON_LAT = new MapCrs("CRS:84", 4326, false);

    /** The CRS an identifier names, or empty when it is not a CRS this server knows how to read. */
    public static Optional<MapCrs> parse(String identifier) {
        String id = identifier.trim().toUpperCase(Locale.ROOT);
        if (id.equals("CRS:84")) {
            return Optional.of(WGS84_LON_LAT);
        }
        String number = null;
        if (id.startsWith("EPSG:")) {
            number = id.substring(5);
        } else if (id.startsWith("URN:OGC:DEF:CRS:EPSG::")) {
            number = id.substring("URN:OGC:DEF:CRS:EPSG::".length());
        }
        if (number == null || !number.matches("\\d{1,6}")) {
            return Optional.empty();
        }
        int srid = Integer.parseInt(number);
        return Optional.of(new MapCrs("EPSG:" + srid, srid, NORTHING_FIRST.contains(srid)));
    }

    /** Whether coordinates of this CRS are written north first in the given version. */
    public boolean swapsAxes(WmsVersion version) {
        return version == WmsVersion.V1_3_0 && northingFirst;
    }

    /** A BBOX as the client wrote it, turned into PostGIS (x, y) order. */
    public Envelope fromRequestOrder(double a, double b, double c, double d, WmsVersion version) {
        return swapsAxes(version) ? new Envelope(b, d, a, c) : new Envelope(a, c, b, d);
    }

    /** The four numbers of a BoundingBox (minx, miny, maxx, maxy attributes) in the version's axis order. */
    public double[] toDocumentOrder(Envelope e, WmsVersion version) {
        return swapsAxes(version)
                ? new double[] {e.getMinY(), e.getMinX(), e.getMaxY(), e.getMaxX()}
                : new double[] {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()};
    }

    /** Whether this CRS measures in degrees. */
    public boolean geographic() {
        return srid == 4326 || srid == 4258;
    }
}
