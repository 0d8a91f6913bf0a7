package fr.yseraa.observatory.wms.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Plain fills look like Java2D's anti-aliased fills of the same polygons (the shapes {@link ShapeConverter} makes of
 * them). Java2D's Marlin (JDK 17's, 0.9.1) is an approximation: it samples each pixel on 8 sub-pixel rows and places an
 * edge's crossing of each to 1/256 of a pixel, so where an edge runs nearly level, or a vertex falls, in a pixel, its
 * coverage there may be off by up to about 1/16 of the pixel per edge (1/8 for a sliver whose two edges cross it):
 * 16 to 32 levels of an opaque colour over a contrasting background. The fills here take each pixel's exact area
 * (checked exactly where it is known), so they may differ from Java2D by that much on such pixels, and nowhere else by
 * more than a level or two of rounding; the worst pixel these shapes give is 21 levels, the tolerance is 34.
 */
class PolygonFillsTest {

    private static final int SIZE = 96;
    /** Marlin's vertical sampling, 1/8 of a pixel on each of a sliver's two edges, and a level of rounding. */
    private static final int TOLERANCE = 34;

    private static final Color[] COLORS = {
        new Color(124, 195, 234), new Color(20, 20, 20), new Color(200, 60, 40, 90), new Color(62, 142, 65, 200)};
    private static final Color[] BACKGROUNDS = {
        null, new Color(255, 255, 255), new Color(40, 60, 200, 120), new Color(250, 240, 10)};

    /** The maps of these tests: one world unit a pixel, y up, as a projected CRS's map. */
    private static final MapViewport VIEWPORT = new MapViewport(new Envelope(0, SIZE, 0, SIZE), SIZE, SIZE, false);
    private static final GeometryFactory FACTORY = new GeometryFactory();

    /** A geometry from its WKT, scaled and moved (y up: world units, not pixel rows). */
    private static Geometry polygon(String wkt, double scale, double dx, double dy) {
        try {
            Geometry g = new WKTReader(FACTORY).read(wkt);
            g.apply(AffineTransformation.scaleInstance(scale, scale).translate(dx, dy));
            return g;
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Geometry ring(double... xy) {
        Coordinate[] ring = new Coordinate[xy.length / 2 + 1];
        for (int k = 0; k < xy.length; k += 2) {
            ring[k / 2] = new Coordinate(xy[k], xy[k + 1]);
        }
        ring[ring.length - 1] = ring[0];
        return FACTORY.createPolygon(ring);
    }

    /** Squares on and off the pixel grid, slivers, holes, self-touching rings, shapes across and beyond the border. */
    private static List<Geometry> varied() {
        List<Geometry> shapes = new ArrayList<>();
        shapes.add(polygon("POLYGON((4 4, 14 4, 14 14, 4 14, 4 4))", 1, 0, 0));
        shapes.add(polygon("POLYGON((0 0, 9.3 0, 9.3 7.7, 0 7.7, 0 0))", 1, 20.25, 3.5));
        shapes.add(polygon("POLYGON((0 0, 0.6 0, 0.6 0.3, 0 0.3, 0 0))", 1, 40.9, 40.1));
        // slivers: a long thin triangle, a band 0.2 pixel high, a steep needle
        shapes.add(ring(2, 30, 90, 33.5, 2, 30.4));
        shapes.add(ring(5, 50.4, 80, 50.4, 80, 50.6, 5, 50.6));
        shapes.add(ring(60.2, 2, 61.1, 90, 60.5, 2));
        // a polygon with a hole, its rings turning the same way (JTS keeps what it is given) and the other way
        shapes.add(polygon("POLYGON((0 0, 20 0, 20 20, 0 20, 0 0), (5 5, 15 5, 15 15, 5 15, 5 5))", 1.13, 8.3, 55.6));
        shapes.add(polygon("POLYGON((0 0, 20 0, 20 20, 0 20, 0 0), (5 5, 5 15, 15 15, 15 5, 5 5))", 0.97, 33.2, 60.1));
        // a ring touching itself at a vertex, enclosing an inverted hole; a hole touching its shell at a vertex
        shapes.add(polygon("POLYGON((0 0, 20 0, 20 20, 10 20, 15 10, 10 5, 5 10, 10 20, 0 20, 0 0))", 1.07, 60.4, 60.7));
        shapes.add(polygon("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (0 0, 6 3, 3 6, 0 0))", 1.3, 70.1, 20.3));
        // a multipolygon, one part across the bottom left corner, one part wholly outside
        shapes.add(polygon("MULTIPOLYGON(((-10 -10, 8 -3, 5 9, -10 -10)), ((100 100, 120 100, 120 120, 100 100)))",
                1, 0.5, 0.5));
        // across the right and top borders, and a large one whose vertices are all far outside
        shapes.add(ring(80.3, 70.2, 130, 75, 90, 140.6));
        shapes.add(ring(-400, -300, 400, -200, -300, 200));
        return shapes;
    }

    /** Many polygons of 0.2 to 3 pixels, a few vertices each, anywhere and slightly beyond. */
    private static List<Geometry> tiny(long seed) {
        Random r = new Random(seed);
        List<Geometry> shapes = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            double cx = r.nextDouble() * (SIZE + 4) - 2;
            double cy = r.nextDouble() * (SIZE + 4) - 2;
            double radius = 0.1 + r.nextDouble() * 1.4;
            int vertices = 3 + r.nextInt(5);
            double[] xy = new double[2 * vertices];
            for (int k = 0; k < vertices; k++) {
                double t = k * 2 * Math.PI / vertices;
                xy[2 * k] = cx + radius * (0.6 + 0.8 * r.nextDouble()) * Math.cos(t);
                xy[2 * k + 1] = cy + radius * (0.6 + 0.8 * r.nextDouble()) * Math.sin(t);
            }
            shapes.add(ring(xy));
        }
        return shapes;
    }

    /** An image of one colour, or transparent for null. */
    private static BufferedImage image(Color background) {
        int[] pixels = new int[SIZE * SIZE];
        Arrays.fill(pixels, background == null ? 0 : background.getRGB());
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, SIZE, SIZE, pixels, 0, SIZE);
        return image;
    }

    /** What the renderer drew before: Java2D's anti-aliased fill of the shape {@link ShapeConverter} makes. */
    private static BufferedImage java2d(List<Geometry> shapes, Color color, Color background) {
        BufferedImage image = image(background);
        Graphics2D g = MapRenderer.graphics(image);
        g.setColor(color);
        ShapeConverter converter = new ShapeConverter(VIEWPORT);
        for (Geometry s : shapes) {
            g.fill(converter.toShape(s));
        }
        g.dispose();
        return image;
    }

    private static BufferedImage fills(List<Geometry> shapes, Color color, Color background) {
        BufferedImage image = image(background);
        PolygonFills fills = new PolygonFills(ArgbPixels.of(image), VIEWPORT.worldToScreen());
        for (Geometry s : shapes) {
            fills.fill(s, color);
        }
        return image;
    }

    @Test
    void variedShapesAsJava2dFillsThemWithinItsSampling() {
        for (int i = 0; i < COLORS.length; i++) {
            List<Geometry> shapes = varied();
            compare("varied shapes, colour " + i, java2d(shapes, COLORS[i], BACKGROUNDS[i]),
                    fills(shapes, COLORS[i], BACKGROUNDS[i]), BACKGROUNDS[i]);
        }
    }

    @Test
    void manyTinyPolygonsAsJava2dFillsThem() {
        for (int i = 0; i < COLORS.length; i++) {
            List<Geometry> shapes = tiny(31L + i);
            compare("tiny polygons, colour " + i, java2d(shapes, COLORS[i], BACKGROUNDS[i]),
                    fills(shapes, COLORS[i], BACKGROUNDS[i]), BACKGROUNDS[i]);
        }
    }

    private static void compare(String what, BufferedImage expected, BufferedImage actual, Color background) {
        int bg = image(background).getRGB(0, 0);
        int[] e = expected.getRGB(0, 0, SIZE, SIZE, null, 0, SIZE);
        int[] a = actual.getRGB(0, 0, SIZE, SIZE, null, 0, SIZE);
        int[] deltas = IntStream.range(0, e.length).map(k -> maxChannelDelta(e[k], a[k])).toArray();
        long drawn = IntStream.range(0, e.length).filter(k -> e[k] != bg || a[k] != bg).count();
        long off = Arrays.stream(deltas).filter(d -> d > 2).count();
        long inkExpected = Arrays.stream(e).map(p -> maxChannelDelta(p, bg)).sum();
        long inkActual = Arrays.stream(a).map(p -> maxChannelDelta(p, bg)).sum();
        assertThat(drawn).as(what + ": something drawn to compare").isGreaterThan(SIZE * 8);
        assertThat(Arrays.stream(deltas).max().orElseThrow()).as(what + ": the worst pixel, levels")
                .isLessThanOrEqualTo(TOLERANCE);
        assertThat((double) off / drawn).as(what + ": pixels more than 2 levels off, of those drawn").isLessThan(0.25);
        assertThat((double) inkActual / inkExpected).as(what + ": the ink laid down").isBetween(0.97, 1.03);
    }

    @Test
    void takesTheExactAreaOfEachPixel() {
        BufferedImage image = image(null);
        PolygonFills fills = new PolygonFills(ArgbPixels.of(image), new AffineTransform());
        // 2.25..5.75 across, 3.5..6.125 down (pixel rows: no transform): corners of 0.75 × 0.5, 0.25 × 0.125...
        fills.fill(ring(2.25, 3.5, 5.75, 3.5, 5.75, 6.125, 2.25, 6.125), Color.BLACK);
        double[] xs = {2.25, 3, 4, 5, 5.75};
        double[] ys = {3.5, 4, 5, 6, 6.125};
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                double area = overlap(x, xs[0], xs[4]) * overlap(y, ys[0], ys[4]);
                assertThat(image.getRGB(x, y) >>> 24).as("alpha of (%d, %d)", x, y)
                        .isEqualTo((int) Math.round(area * 255));
            }
        }
        // a square turned 30 degrees: its pixels' coverage adds up to its area
        BufferedImage turned = image(null);
        double side = 17.3;
        Geometry square = ring(40, 40, 40 + side * Math.cos(0.52), 40 + side * Math.sin(0.52),
                40 + side * (Math.cos(0.52) - Math.sin(0.52)), 40 + side * (Math.sin(0.52) + Math.cos(0.52)),
                40 - side * Math.sin(0.52), 40 + side * Math.cos(0.52));
        new PolygonFills(ArgbPixels.of(turned), VIEWPORT.worldToScreen()).fill(square, Color.BLACK);
        long alpha = 0;
        long edgePixels = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int a = turned.getRGB(x, y) >>> 24;
                alpha += a;
                edgePixels += a > 0 && a < 255 ? 1 : 0;
            }
        }
        // each partly covered pixel rounds its coverage to 8 bits: half a level each at most
        assertThat(Math.abs(alpha / 255.0 - side * side)).isLessThanOrEqualTo(edgePixels * 0.5 / 255);
    }

    @Test
    void holesStayHolesWhicheverWayTheRingsTurn() {
        for (String wkt : new String[] {
            "POLYGON((0 0, 40 0, 40 40, 0 40, 0 0), (10 10, 30 10, 30 30, 10 30, 10 10))",
            "POLYGON((0 0, 40 0, 40 40, 0 40, 0 0), (10 10, 10 30, 30 30, 30 10, 10 10))"}) {
            BufferedImage image = image(null);
            new PolygonFills(ArgbPixels.of(image), new AffineTransform()).fill(polygon(wkt, 1, 10.5, 10.5), Color.BLACK);
            assertThat(image.getRGB(30, 30) >>> 24).as("inside the hole").isZero();
            assertThat(image.getRGB(15, 15) >>> 24).as("between the rings").isEqualTo(255);
            assertThat(image.getRGB(20, 30) >>> 24).as("across the hole's edge").isEqualTo(128);
        }
    }

    @Test
    void shapesOutsideTheImageDrawNothingAndLeaveNothingBehind() {
        BufferedImage image = image(null);
        ArgbPixels pixels = ArgbPixels.of(image);
        PolygonFills fills = new PolygonFills(pixels, new AffineTransform());
        fills.fill(ring(-50, -50, -10, -50, -10, 450, -50, 450), Color.BLACK);
        fills.fill(ring(SIZE + 1, -50, SIZE + 41, -50, SIZE + 41, 450, SIZE + 1, 450), Color.BLACK);
        fills.fill(ring(-50, SIZE, 450, SIZE, 450, SIZE + 40, -50, SIZE + 40), Color.BLACK);
        fills.fill(ring(10, 10, 10, 40, 10, 20), Color.BLACK);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                assertThat(image.getRGB(x, y)).isZero();
            }
        }
        // across the right border: the edges' rest goes to the cells past it, and is taken back
        fills.fill(ring(SIZE - 0.5, 10, SIZE + 30, 10, SIZE + 30, 11, SIZE - 0.5, 11), Color.BLACK);
        assertThat(image.getRGB(SIZE - 1, 10) >>> 24).isEqualTo(128);
        assertThat(pixels.scratch()).as("the cells once a polygon is filled").containsOnly(0f);
        for (Geometry s : varied()) {
            fills.fill(s, Color.BLACK);
            assertThat(pixels.scratch()).as("the cells once a polygon is filled").containsOnly(0f);
        }
    }

    /**
     * The largest difference of a channel, premultiplied by alpha (what shows once the pixel is laid on anything: the
     * colour of a pixel drawn at 2 % opacity is not seen), alpha itself included.
     */
    private static int maxChannelDelta(int p, int q) {
        int worst = 0;
        for (int shift = 0; shift <= 24; shift += 8) {
            int pa = shift == 24 ? 255 : p >>> 24;
            int qa = shift == 24 ? 255 : q >>> 24;
            worst = Math.max(worst, Math.abs((p >>> shift & 0xff) * pa - (q >>> shift & 0xff) * qa) / 255);
        }
        return worst;
    }

    private static double overlap(int pixel, double from, double to) {
        return Math.max(0, Math.min(pixel + 1, to) - Math.max(pixel, from));
    }
}
