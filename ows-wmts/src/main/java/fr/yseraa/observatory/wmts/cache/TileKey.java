package fr.yseraa.observatory.wmts.cache;

/**
 * One cached tile: which layer, style, time and format, as which access level (tiles of different levels are never
 * shared), where in which tile matrix set.
 *
 * @param time the TIME dimension asked for, or "default"
 * @param format the file extension of the format (png, jpeg, pbf)
 */
public record TileKey(String layer, String style, String time, String accessLevel, String format, String matrixSet,
                      String matrix, long row, long col) {

    /** The same tile at another place of the same matrix. */
    public TileKey at(long row, long col) {
        return new TileKey(layer, style, time, accessLevel, format, matrixSet, matrix, row, col);
    }
}
