package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import java.util.List;
import java.util.Locale;

/** The GetFeature output formats, each with the names clients ask for it by. */
public enum OutputFormat {
    GML32("application/gml+xml; version=3.2", "application/gml+xml; version=3.2",
            List.of("text/xml; subtype=gml/3.2", "text/xml; subtype=gml/3.2.1", "gml32", "application/gml+xml"),
            Totals.BEFORE_FEATURES, null),
    GML311("text/xml; subtype=gml/3.1.1", "text/xml; subtype=gml/3.1.1",
            List.of("gml3", "gml311", "application/gml+xml; version=3.1", "text/xml"), Totals.BEFORE_FEATURES, null),
    GEOJSON("application/json", "application/json; charset=UTF-8",
            List.of("json", "geojson", "application/geo+json"), Totals.AFTER_FEATURES, null),
    CSV("text/csv", "text/csv; charset=UTF-8", List.of("csv"), Totals.NONE, null),
    /** GeoPackage, GeoServer's names accepted too. */
    GEOPACKAGE("application/geopackage+sqlite3", "application/geopackage+sqlite3",
            List.of("application/x-gpkg", "geopackage", "geopkg", "gpkg"), Totals.NONE, "gpkg"),
    /** Zipped Shapefiles, by GeoServer's name. */
    SHAPE_ZIP("SHAPE-ZIP", "application/zip", List.of("application/zip", "shapezip", "shape-zip", "shp"),
            Totals.NONE, "zip");

    /** Where an answer gives its totals (numberMatched, numberReturned, the paging links), if anywhere. */
    public enum Totals {
        /** In the collection's opening (GML's attributes): counted before the first feature is written. */
        BEFORE_FEATURES,
        /** After the features (GeoJSON's members, in any order): the page can stream before it is counted. */
        AFTER_FEATURES,
        /** Nowhere (CSV, files): the page is never counted. */
        NONE
    }

    private final String advertised;
    private final String contentType;
    private final List<String> aliases;
    private final Totals totals;
    private final String fileExtension;

    OutputFormat(String advertised, String contentType, List<String> aliases, Totals totals, String fileExtension) {
        this.advertised = advertised;
        this.contentType = contentType;
        this.aliases = aliases;
        this.totals = totals;
        this.fileExtension = fileExtension;
    }

    /** The name capabilities advertise. */
    public String advertised() {
        return advertised;
    }

    public String contentType() {
        return contentType;
    }

    public Totals totals() {
        return totals;
    }

    /**
     * Whether the answer is a file built on disk before it is sent (GeoPackage, zipped Shapefile), rather than a
     * document streamed while the rows arrive.
     */
    public boolean isFile() {
        return fileExtension != null;
    }

    /** The extension of the file's name (without the dot), or null for a streamed document. */
    public String fileExtension() {
        return fileExtension;
    }

    public boolean isGml() {
        return this == GML32 || this == GML311;
    }

    /** The default GML of a version: GML 3.2 for 2.0.0, GML 3.1.1 for 1.1.0. */
    public static OutputFormat defaultFor(WfsVersion version) {
        return version.isV2() ? GML32 : GML311;
    }

    /** The format a request names (spaces and case ignored), or the version's default when it names none. */
    public static OutputFormat parse(String name, WfsVersion version) {
        if (name == null || name.isBlank()) {
            return defaultFor(version);
        }
        String wanted = normalise(name);
        for (OutputFormat f : values()) {
            if (normalise(f.advertised).equals(wanted) || f.aliases.stream().anyMatch(a -> normalise(a).equals(wanted))) {
                return f;
            }
        }
        throw new OwsException(OwsExceptionCode.INVALID_PARAMETER_VALUE, "outputFormat",
                "Output format " + name + " is not supported; supported: " + advertisedNames());
    }

    private static String normalise(String name) {
        return name.replace(" ", "").replace("\"", "").toLowerCase(Locale.ROOT);
    }

    /** The GML formats, the version's default first (GetFeatureWithLock answers only GML). */
    public static List<String> gmlNames(WfsVersion version) {
        return version.isV2() ? List.of(GML32.advertised, GML311.advertised) : List.of(GML311.advertised, GML32.advertised);
    }

    public static List<String> advertisedNames() {
        return java.util.Arrays.stream(values()).map(OutputFormat::advertised).toList();
    }
}
