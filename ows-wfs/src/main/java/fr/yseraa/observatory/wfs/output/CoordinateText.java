package fr.yseraa.observatory.wfs.output;

import org.locationtech.jts.geom.Coordinate;

/** Coordinates as GML writes them (pos, posList), in the axis order of the output CRS. */
final class CoordinateText {

    private CoordinateText() {
    }

    static String of(Coordinate[] coordinates, boolean yFirst) {
        StringBuilder b = new StringBuilder(coordinates.length * 24);
        for (Coordinate c : coordinates) {
            if (b.length() > 0) {
                b.append(' ');
            }
            append(b, c, yFirst);
        }
        return b.toString();
    }

    static String of(Coordinate c, boolean yFirst) {
        StringBuilder b = new StringBuilder(24);
        append(b, c, yFirst);
        return b.toString();
    }

    private static void append(StringBuilder b, Coordinate c, boolean yFirst) {
        b.append(yFirst ? c.y : c.x).append(' ').append(yFirst ? c.x : c.y);
    }
}
