package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.ows.OwsException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A coordinate reference system named in a request, with the axis order its name implies: the URN and
 * {@code http://www.opengis.net/def/crs} forms follow the EPSG axis order (latitude first for EPSG:4326 and 4258,
 * northing first for 3035), the {@code EPSG:n} and {@code CRS:84} forms are always x/y (longitude first).
 *
 * @param srid the EPSG code PostGIS knows it by
 * @param name the name as written back in documents
 * @param yFirst whether coordinates are written y (latitude, northing) first
 */
public record Crs(int srid, String name, boolean yFirst) {

    /** EPSG codes offered whose official axis order puts y first. */
    private static final Set<Integer> Y_FIRST = Set.of(4326, 4258, 3035);
    private static final Pattern EPSG_SHORT = Pattern.compile("EPSG:(\\d+)");
    private static final Pattern EPSG_URN = Pattern.compile("urn:(?:x-)?ogc:def:crs:EPSG:(?:[^:]*:)?(\\d+)");
    private static final Pattern EPSG_HTTP = Pattern.compile("http://www\\.opengis\\.net/def/crs/EPSG/[^/]+/(\\d+)");
    private static final Pattern EPSG_XML = Pattern.compile("http://www\\.opengis\\.net/gml/srs/epsg\\.xml#(\\d+)");
    private static final Set<String> CRS84 = Set.of("CRS:84", "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84",
            "http://www.opengis.net/def/crs/OGC/1.3/CRS84");

    /**
     * Parses a CRS name among those offered.
     *
     * @param offered the SRIDs the layer offers (from its {@code crs} list)
     * @param locator the parameter to blame when the name is unknown
     */
    public static Crs parse(String name, Set<Integer> offered, String locator) {
        String n = name.trim();
        Crs crs = recognise(n);
        if (crs == null) {
            throw OwsException.invalidParameter(locator, "Unknown coordinate reference system " + n);
        }
        if (!offered.contains(crs.srid)) {
            throw OwsException.invalidParameter(locator, "Coordinate reference system " + n
                    + " is not offered for this feature type");
        }
        return crs;
    }

    private static Crs recognise(String n) {
        if (CRS84.contains(n)) {
            return new Crs(4326, n, false);
        }
        Matcher m = EPSG_SHORT.matcher(n.toUpperCase(Locale.ROOT));
        if (m.matches()) {
            return new Crs(Integer.parseInt(m.group(1)), n, false);
        }
        m = EPSG_XML.matcher(n);
        if (m.matches()) {
            return new Crs(Integer.parseInt(m.group(1)), n, false);
        }
        for (Pattern official : List.of(EPSG_URN, EPSG_HTTP)) {
            m = official.matcher(n);
            if (m.matches()) {
                int srid = Integer.parseInt(m.group(1));
                return new Crs(srid, n, Y_FIRST.contains(srid));
            }
        }
        return null;
    }

    /** The SRIDs a layer's {@code crs} list offers. */
    public static Set<Integer> offered(List<String> crsNames) {
        java.util.Set<Integer> srids = new java.util.LinkedHashSet<>();
        for (String n : crsNames) {
            Crs crs = recognise(n);
            if (crs != null) {
                srids.add(crs.srid);
            }
        }
        return srids;
    }

    /** The official name a version advertises and writes by default, in EPSG axis order. */
    public static Crs official(int srid, WfsVersion version) {
        String name = version.isV2() ? "urn:ogc:def:crs:EPSG::" + srid : "urn:x-ogc:def:crs:EPSG:" + srid;
        return new Crs(srid, name, Y_FIRST.contains(srid));
    }
}
