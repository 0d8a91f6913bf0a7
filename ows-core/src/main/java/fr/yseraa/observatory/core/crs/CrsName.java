package fr.yseraa.observatory.core.crs;

import fr.yseraa.observatory.core.ows.OwsException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CRS as a request or a catalog names it, and the axis order that notation implies: {@code EPSG:n}, the GML 2
 * {@code http://www.opengis.net/gml/srs/epsg.xml#n} and {@code CRS:84} are always x = east / longitude first,
 * while the URN and HTTP URI forms ({@code urn:ogc:def:crs:EPSG::n}, {@code http://www.opengis.net/def/crs/EPSG/0/n})
 * follow the official EPSG axis order, latitude first for geographic CRSs. WMS 1.3.0 reads every EPSG CRS in its
 * official order whatever the notation ({@link #epsgAxisOrder()}).
 *
 * @param name the name as written (trimmed), to write back in documents
 * @param srid the EPSG code PostGIS knows it by (4326 for CRS84)
 * @param notation how the name is written
 */
public record CrsName(String name, int srid, Notation notation) {

    /** How a CRS name is written. */
    public enum Notation {
        /** {@code CRS:84} and the OGC URN and URI of CRS84: WGS 84, longitude first. */
        CRS84,
        /** {@code EPSG:n}. */
        EPSG_CODE,
        /** {@code http://www.opengis.net/gml/srs/epsg.xml#n} (GML 2). */
        GML_URL,
        /** {@code urn:ogc:def:crs:EPSG:[version]:n}, also {@code urn:x-ogc:...}. */
        URN,
        /** {@code http://www.opengis.net/def/crs/EPSG/0/n}. */
        URI;

        /** Whether coordinates named this way follow the official EPSG axis order. */
        public boolean followsEpsgAxisOrder() {
            return this == URN || this == URI;
        }
    }

    private static final Pattern EPSG_CODE = Pattern.compile("(?i)EPSG:(\\d{1,6})");
    private static final Pattern GML_URL =
            Pattern.compile("(?i)https?://www\\.opengis\\.net/gml/srs/epsg\\.xml#(\\d{1,6})");
    private static final Pattern URN = Pattern.compile("(?i)urn:(?:x-)?ogc:def:crs:EPSG:(?:[^:]*:)?(\\d{1,6})");
    private static final Pattern URI =
            Pattern.compile("(?i)https?://www\\.opengis\\.net/def/crs/EPSG/[^/]+/(\\d{1,6})");
    private static final Set<String> CRS84 = Set.of("crs:84", "urn:ogc:def:crs:ogc:1.3:crs84",
            "urn:ogc:def:crs:ogc::crs84", "http://www.opengis.net/def/crs/ogc/1.3/crs84",
            "https://www.opengis.net/def/crs/ogc/1.3/crs84");

    /** The official URN of an EPSG CRS, {@code urn:ogc:def:crs:EPSG::n}. */
    public static CrsName urn(int srid) {
        return new CrsName("urn:ogc:def:crs:EPSG::" + srid, srid, Notation.URN);
    }

    /** The CRS a name names, or empty when it is not a name this server knows how to read. */
    public static Optional<CrsName> recognise(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim();
        if (CRS84.contains(n.toLowerCase(Locale.ROOT))) {
            return Optional.of(new CrsName(n, 4326, Notation.CRS84));
        }
        Notation notation = null;
        Matcher m;
        if ((m = EPSG_CODE.matcher(n)).matches()) {
            notation = Notation.EPSG_CODE;
        } else if ((m = GML_URL.matcher(n)).matches()) {
            notation = Notation.GML_URL;
        } else if ((m = URN.matcher(n)).matches()) {
            notation = Notation.URN;
        } else if ((m = URI.matcher(n)).matches()) {
            notation = Notation.URI;
        }
        int srid = notation == null ? 0 : Integer.parseInt(m.group(1));
        return srid > 0 ? Optional.of(new CrsName(n, srid, notation)) : Optional.empty();
    }

    /** Parses a CRS name; anything else answers InvalidParameterValue on the locator. */
    public static CrsName parse(String name, String locator) {
        return recognise(name).orElseThrow(() -> OwsException.invalidParameter(locator, "Unsupported CRS name '" + name
                + "': use EPSG:n, urn:ogc:def:crs:EPSG::n or http://www.opengis.net/def/crs/EPSG/0/n"));
    }

    /**
     * Parses a CRS name among those offered; an unknown or not offered name answers InvalidParameterValue on the
     * locator.
     *
     * @param offered the SRIDs offered (see {@link CrsList#srids})
     */
    public static CrsName parse(String name, Set<Integer> offered, String locator) {
        CrsName crs = parse(name, locator);
        if (!offered.contains(crs.srid)) {
            throw OwsException.invalidParameter(locator, "Coordinate reference system " + crs.name
                    + " is not offered for this feature type");
        }
        return crs;
    }

    /** The order coordinates named this way are written in (GML, filters, WFS): see {@link Notation}. */
    public AxisOrder axisOrder() {
        return notation.followsEpsgAxisOrder() ? Epsg.axisOrder(srid) : AxisOrder.EAST_NORTH;
    }

    /** The CRS's own axis order whatever the notation, as WMS 1.3.0 reads it: CRS84 east first, EPSG as EPSG says. */
    public AxisOrder epsgAxisOrder() {
        return notation == Notation.CRS84 ? AxisOrder.EAST_NORTH : Epsg.axisOrder(srid);
    }

    /** The short identifier: {@code CRS:84} or {@code EPSG:n}, as WMS writes it. */
    public String code() {
        return notation == Notation.CRS84 ? "CRS:84" : "EPSG:" + srid;
    }
}
