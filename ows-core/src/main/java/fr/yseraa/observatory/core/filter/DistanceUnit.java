package fr.yseraa.observatory.core.filter;

import fr.yseraa.observatory.core.ows.OwsException;
import java.util.Locale;

/**
 * The units of DWithin / Beyond distances. Metres and kilometres are ground distances; degrees are measured in
 * WGS 84 longitude / latitude space.
 */
public enum DistanceUnit {
    METRE(1), KILOMETRE(1000), DEGREE(Double.NaN);

    private final double metres;

    DistanceUnit(double metres) {
        this.metres = metres;
    }

    /** The distance in metres; only for metric units. */
    public double toMetres(double distance) {
        if (this == DEGREE) {
            throw new IllegalStateException("degrees are not a length");
        }
        return distance * metres;
    }

    /** The unit a request names (m, meters, km, kilometers, deg, degrees, EPSG unit URNs...). */
    public static DistanceUnit parse(String name, String locator) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "m", "meter", "meters", "metre", "metres", "urn:ogc:def:uom:epsg::9001",
                    "http://www.opengis.net/def/uom/epsg/0/9001" -> METRE;
            case "km", "kilometer", "kilometers", "kilometre", "kilometres", "urn:ogc:def:uom:epsg::9036",
                    "http://www.opengis.net/def/uom/epsg/0/9036" -> KILOMETRE;
            case "deg", "degree", "degrees", "urn:ogc:def:uom:epsg::9102",
                    "http://www.opengis.net/def/uom/epsg/0/9102" -> DEGREE;
            default -> throw OwsException.invalidParameter(locator,
                    "Unsupported distance unit '" + name + "': use m, km or degrees");
        };
    }
}
