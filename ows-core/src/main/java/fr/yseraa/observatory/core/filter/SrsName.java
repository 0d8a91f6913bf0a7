package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.ows.OwsException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Envelope;

/**
 * A CRS as a request names it, and the axis order that notation implies: {@code EPSG:n} and the GML 2
 * {@code http://www.opengis.net/gml/srs/epsg.xml#n} are always x = east / longitude first, while the URN and
 * HTTP URI forms ({@code urn:ogc:def:crs:EPSG::n}, {@code http://www.opengis.net/def/crs/EPSG/0/n}) follow the
 * EPSG axis order, latitude first for geographic CRSs.
 *
 * @param srid the EPSG code
 * @param northingFirst whether coordinates as written come northing / latitude first
 */
public record SrsName(int srid, boolean northingFirst) {

    /** EPSG CRSs of interest here whose official axis order is northing / latitude first. */
    private static final Set<Integer> NORTHING_FIRST = Set.of(4326, 4258, 4171, 4269, 4267, 4230, 4314, 4674, 3035);
    /** Geographic CRSs (units: degrees). */
    private static final Set<Integer> GEOGRAPHIC = Set.of(4326, 4258, 4171, 4269, 4267, 4230, 4314, 4674);

    private static final Pattern EPSG_CODE = Pattern.compile("(?i)EPSG:(\\d{1,6})");
    private static final Pattern GML2 = Pattern.compile("(?i)https?://www\\.opengis\\.net/gml/srs/epsg\\.xml#(\\d{1,6})");
    private static final Pattern URN = Pattern.compile("(?i)urn:(?:x-)?ogc:def:crs:EPSG:(?:[0-9.]*:)?(\\d{1,6})");
    private static final Pattern URI = Pattern.compile("(?i)https?://www\\.opengis\\.net/def/crs/EPSG/[0-9.]+/(\\d{1,6})");
    private static final Set<String> CRS84 = Set.of("crs:84", "urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:ogc::crs84",
            "http://www.opengis.net/def/crs/ogc/1.3/crs84", "https://www.opengis.net/def/crs/ogc/1.3/crs84");

    /** Parses a CRS name; anything else answers InvalidParameterValue on the locator. */
    public static SrsName parse(String name, String locator) {
        String n = name == null ? "" : name.trim();
        if (CRS84.contains(n.toLowerCase(Locale.ROOT))) {
            return new SrsName(4326, false);
        }
        Matcher m;
        if ((m = EPSG_CODE.matcher(n)).matches() || (m = GML2.matcher(n)).matches()) {
            return new SrsName(code(m, name, locator), false);
        }
        if ((m = URN.matcher(n)).matches() || (m = URI.matcher(n)).matches()) {
            int srid = code(m, name, locator);
            return new SrsName(srid, NORTHING_FIRST.contains(srid));
        }
        throw OwsException.invalidParameter(locator, "Unsupported CRS name '" + name
                + "': use EPSG:n, urn:ogc:def:crs:EPSG::n or http://www.opengis.net/def/crs/EPSG/0/n");
    }

    private static int code(Matcher m, String name, String locator) {
        int srid = Integer.parseInt(m.group(1));
        if (srid <= 0) {
            throw OwsException.invalidParameter(locator, "Unsupported CRS name '" + name + "'");
        }
        return srid;
    }

    /** The area of use (EPSG) of a few projected CRSs, in WGS 84 longitude / latitude. */
    private static final Map<Integer, Envelope> AREAS_OF_USE = Map.of(
            2154, new Envelope(-9.86, 10.38, 41.15, 51.56),
            27572, new Envelope(-4.87, 8.23, 42.33, 51.14),
            3035, new Envelope(-35.58, 44.83, 24.6, 84.73),
            3857, new Envelope(-180, 180, -85.06, 85.06),
            3395, new Envelope(-180, 180, -80, 84));

    /** Where a projected CRS may be used, in WGS 84 longitude / latitude, when known. */
    public static Optional<Envelope> areaOfUse(int srid) {
        return Optional.ofNullable(AREAS_OF_USE.get(srid));
    }

    /** Whether the CRS has degrees for units (longitude / latitude). */
    public static boolean isGeographic(int srid) {
        return GEOGRAPHIC.contains(srid);
    }
}
