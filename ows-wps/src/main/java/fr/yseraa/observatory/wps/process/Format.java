package fr.yseraa.observatory.wps.process;

/**
 * A format of complex data.
 *
 * @param encoding e.g. UTF-8, or null
 * @param schema the URL of the schema documents follow, or null
 */
public record Format(String mimeType, String encoding, String schema) {

    public static final Format GEOJSON = new Format("application/geo+json", "UTF-8", null);
    public static final Format JSON = new Format("application/json", "UTF-8", null);
    public static final Format CSV = new Format("text/csv", "UTF-8", null);
    public static final Format WKT = new Format("application/wkt", "UTF-8", null);
    public static final Format GML32 = new Format("application/gml+xml", "UTF-8",
            "http://schemas.opengis.net/gml/3.2.1/gml.xsd");

    /** Whether a document is text that can be embedded as character data in an XML response. */
    public boolean isXml() {
        return mimeType.contains("xml");
    }
}
