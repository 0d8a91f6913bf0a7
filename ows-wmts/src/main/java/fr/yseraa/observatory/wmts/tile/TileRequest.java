package fr.yseraa.observatory.wmts.tile;

import fr.yseraa.observatory.core.ows.KvpParameters;

/**
 * A tile as a client names it (KVP GetTile or REST URL), not yet checked. Names are the standard's locators.
 *
 * @param style the style identifier; "default" or empty for the layer's default style
 * @param time the TIME dimension, or null
 */
public record TileRequest(String layer, String style, TileFormat format, String matrixSet, String matrix,
                          String row, String col, String time) {

    /** The segments of a RESTful tile URL (OGC 07-057r7, 10.2.1), the format named by its extension. */
    public static TileRequest ofRest(String layer, String style, String matrixSet, String matrix, String row,
                                     String col, String extension, String time) {
        TileFormat format = TileFormat.ofExtension(extension).orElseThrow(() -> TileErrors.invalid("format",
                "Tile format ." + extension + " is not served; served: .png, .jpeg, .pbf"));
        return new TileRequest(layer, style, format, matrixSet, matrix, row, col, time);
    }

    /** The GetTile parameters of OGC 07-057r7, table 18 (FORMAT is checked here). */
    public static TileRequest fromKvp(KvpParameters kvp) {
        String format = kvp.require("FORMAT");
        TileFormat f = TileFormat.ofMimeType(format).orElseThrow(() -> TileErrors.invalid("format",
                "Format " + format + " is not served; served: " + String.join(", ", TileFormat.mimeTypes())));
        return new TileRequest(kvp.require("LAYER"), kvp.get("STYLE").orElse(""), f, kvp.require("TILEMATRIXSET"),
                kvp.require("TILEMATRIX"), kvp.require("TILEROW"), kvp.require("TILECOL"), kvp.get("TIME").orElse(null));
    }
}
