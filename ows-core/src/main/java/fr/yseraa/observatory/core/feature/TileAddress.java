package fr.yseraa.observatory.core.feature;

import org.locationtech.jts.geom.Envelope;

/**
 * A tile of the WebMercatorQuad tile matrix set (OGC 17-083r2): zoom level, column x and row y counted from the
 * top left.
 */
public record TileAddress(int z, int x, int y) {

    /** Half the width of the EPSG:3857 world, in metres. */
    public static final double HALF_WORLD = 20037508.342789244;
    public static final int MAX_ZOOM = 24;

    public TileAddress {
        if (z < 0 || z > MAX_ZOOM) {
            throw new IllegalArgumentException("zoom level must be between 0 and " + MAX_ZOOM);
        }
        long n = 1L << z;
        if (x < 0 || x >= n || y < 0 || y >= n) {
            throw new IllegalArgumentException("tile " + x + "/" + y + " is outside zoom level " + z);
        }
    }

    /** The tile's extent in EPSG:3857. */
    public Envelope envelope() {
        double size = 2 * HALF_WORLD / (1L << z);
        double minX = -HALF_WORLD + x * size;
        double maxY = HALF_WORLD - y * size;
        return new Envelope(minX, minX + size, maxY - size, maxY);
    }

    /** A longitude / latitude box as an EPSG:3857 box (Mercator keeps boxes boxes); latitudes beyond ±85.05° clamp. */
    public static Envelope mercator(Envelope lonLat) {
        return new Envelope(x(lonLat.getMinX()), x(lonLat.getMaxX()), y(lonLat.getMinY()), y(lonLat.getMaxY()));
    }

    private static double x(double lon) {
        return lon * HALF_WORLD / 180;
    }

    private static double y(double lat) {
        double clamped = Math.max(-85.0511287798, Math.min(85.0511287798, lat));
        return Math.log(Math.tan(Math.PI / 4 + Math.toRadians(clamped) / 2)) * HALF_WORLD / Math.PI;
    }
}
