package fr.yseraa.observatory.wmts.matrix;

import org.locationtech.jts.geom.Envelope;

/**
 * One level of a tile matrix set (OGC 17-083r2): tiles of {@code tileWidth × tileHeight} pixels of
 * {@code cellSize} CRS units, {@code matrixWidth × matrixHeight} of them from the top-left corner, rows counted
 * downwards. Coordinates are easting first (the sets served are all east/north or lon/lat).
 */
public record TileMatrix(String id, double scaleDenominator, double cellSize, double left, double top,
                         int tileWidth, int tileHeight, long matrixWidth, long matrixHeight) {

    public double tileSpanX() {
        return cellSize * tileWidth;
    }

    public double tileSpanY() {
        return cellSize * tileHeight;
    }

    public boolean contains(long row, long col) {
        return row >= 0 && col >= 0 && row < matrixHeight && col < matrixWidth;
    }

    /** The extent of tiles {@code rows × cols} from (row, col), in the set's CRS. */
    public Envelope envelope(long row, long col, long rows, long cols) {
        double minX = left + col * tileSpanX();
        double maxY = top - row * tileSpanY();
        return new Envelope(minX, minX + cols * tileSpanX(), maxY - rows * tileSpanY(), maxY);
    }

    public Envelope tileEnvelope(long row, long col) {
        return envelope(row, col, 1, 1);
    }

    /** The whole matrix's extent. */
    public Envelope extent() {
        return envelope(0, 0, matrixHeight, matrixWidth);
    }

    /** The tiles an area touches, clamped to the matrix; null when it misses the matrix. */
    public TileRange range(Envelope area) {
        Envelope hit = area.intersection(extent());
        if (hit.isNull() || hit.getWidth() == 0 && hit.getHeight() == 0 && !extent().intersects(area)) {
            return null;
        }
        long minCol = clamp((long) Math.floor((hit.getMinX() - left) / tileSpanX()), matrixWidth);
        long maxCol = clamp((long) Math.ceil((hit.getMaxX() - left) / tileSpanX()) - 1, matrixWidth);
        long minRow = clamp((long) Math.floor((top - hit.getMaxY()) / tileSpanY()), matrixHeight);
        long maxRow = clamp((long) Math.ceil((top - hit.getMinY()) / tileSpanY()) - 1, matrixHeight);
        return new TileRange(minRow, Math.max(minRow, maxRow), minCol, Math.max(minCol, maxCol));
    }

    private static long clamp(long v, long size) {
        return Math.max(0, Math.min(size - 1, v));
    }
}
