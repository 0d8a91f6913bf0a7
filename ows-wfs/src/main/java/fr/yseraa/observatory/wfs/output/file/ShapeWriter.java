package fr.yseraa.observatory.wfs.output.file;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.LineStringExtracter;
import org.locationtech.jts.geom.util.PolygonExtracter;

/**
 * The main file (.shp) and index (.shx) of one Shapefile (ESRI Shapefile Technical Description, 1998), x/y only:
 * records are written as they come, the headers (file lengths, extent) once the last one is in.
 */
final class ShapeWriter {

    private static final int HEADER = 100;

    private final ShapeKind kind;
    private final Path shp;
    private final Path shx;
    private final OutputStream shpOut;
    private final OutputStream shxOut;
    private final Envelope extent = new Envelope();
    /** Where the next record starts, in bytes. */
    private long offset = HEADER;
    private int records;

    ShapeWriter(ShapeKind kind, Path shp, Path shx) throws IOException {
        this.kind = kind;
        this.shp = shp;
        this.shx = shx;
        shpOut = new BufferedOutputStream(Files.newOutputStream(shp), 1 << 16);
        shxOut = new BufferedOutputStream(Files.newOutputStream(shx), 1 << 14);
        shpOut.write(new byte[HEADER]);
        shxOut.write(new byte[HEADER]);
    }

    /** Adds a record: the geometry, of this writer's kind, or null for a null shape. */
    void add(Geometry g) throws IOException {
        ByteBuffer content = g == null || g.isEmpty() ? nullShape() : switch (kind) {
            case POINT -> point(g.getCoordinate());
            case MULTIPOINT -> multiPoint(g);
            case LINE -> parts(lines(g), g.getEnvelopeInternal());
            case POLYGON -> parts(rings(g), g.getEnvelopeInternal());
            case NULL -> nullShape();
        };
        if (g != null && !g.isEmpty()) {
            extent.expandToInclude(g.getEnvelopeInternal());
        }
        int words = content.capacity() / 2;
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(++records).putInt(words);
        shpOut.write(head.array());
        shpOut.write(content.array());
        shxOut.write(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt((int) (offset / 2)).putInt(words)
                .array());
        offset += 8 + content.capacity();
        if (offset / 2 > Integer.MAX_VALUE) {
            throw new IOException("a Shapefile holds at most 4 GB; ask for fewer features (COUNT)");
        }
    }

    private ByteBuffer content(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN).putInt(kind.code);
    }

    private ByteBuffer nullShape() {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0);
    }

    private ByteBuffer point(Coordinate c) {
        return content(20).putDouble(c.getX()).putDouble(c.getY());
    }

    private ByteBuffer multiPoint(Geometry g) {
        Coordinate[] points = g.getCoordinates();
        ByteBuffer b = content(40 + 16 * points.length);
        box(b, g.getEnvelopeInternal());
        b.putInt(points.length);
        for (Coordinate c : points) {
            b.putDouble(c.getX()).putDouble(c.getY());
        }
        return b;
    }

    private static void box(ByteBuffer b, Envelope e) {
        b.putDouble(e.getMinX()).putDouble(e.getMinY()).putDouble(e.getMaxX()).putDouble(e.getMaxY());
    }

    private static List<Coordinate[]> lines(Geometry g) {
        List<Coordinate[]> parts = new ArrayList<>();
        for (Object line : LineStringExtracter.getLines(g)) {
            if (!((LineString) line).isEmpty()) {
                parts.add(((LineString) line).getCoordinates());
            }
        }
        return parts;
    }

    /** The rings of the polygons: outer rings clockwise, holes counter-clockwise, as the format wants. */
    private static List<Coordinate[]> rings(Geometry g) {
        List<Coordinate[]> parts = new ArrayList<>();
        for (Object polygon : PolygonExtracter.getPolygons(g)) {
            Polygon p = (Polygon) polygon;
            if (!p.isEmpty()) {
                parts.add(oriented(p.getExteriorRing().getCoordinates(), false));
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    parts.add(oriented(p.getInteriorRingN(h).getCoordinates(), true));
                }
            }
        }
        return parts;
    }

    private static Coordinate[] oriented(Coordinate[] ring, boolean counterClockwise) {
        if (ring.length >= 4 && Orientation.isCCW(ring) != counterClockwise) {
            Coordinate[] reversed = new Coordinate[ring.length];
            for (int i = 0; i < ring.length; i++) {
                reversed[i] = ring[ring.length - 1 - i];
            }
            return reversed;
        }
        return ring;
    }

    private ByteBuffer parts(List<Coordinate[]> parts, Envelope e) {
        int points = parts.stream().mapToInt(p -> p.length).sum();
        ByteBuffer b = content(44 + 4 * parts.size() + 16 * points);
        box(b, e);
        b.putInt(parts.size()).putInt(points);
        int start = 0;
        for (Coordinate[] part : parts) {
            b.putInt(start);
            start += part.length;
        }
        for (Coordinate[] part : parts) {
            for (Coordinate c : part) {
                b.putDouble(c.getX()).putDouble(c.getY());
            }
        }
        return b;
    }

    int records() {
        return records;
    }

    /** Closes the files, complete or not (closing twice does nothing). */
    void close() throws IOException {
        try (shxOut) {
            shpOut.close();
        }
    }

    /** Writes the headers: file lengths and the extent of all records. */
    void finish() throws IOException {
        close();
        header(shp, offset);
        header(shx, HEADER + 8L * records);
    }

    private void header(Path file, long length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER);
        b.order(ByteOrder.BIG_ENDIAN).putInt(9994).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0)
                .putInt((int) (length / 2));
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(1000).putInt(kind.code);
        if (extent.isNull()) {
            b.putDouble(0).putDouble(0).putDouble(0).putDouble(0);
        } else {
            box(b, extent);
        }
        b.putDouble(0).putDouble(0).putDouble(0).putDouble(0); // z and m ranges
        b.flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(b, 0);
        }
    }
}
