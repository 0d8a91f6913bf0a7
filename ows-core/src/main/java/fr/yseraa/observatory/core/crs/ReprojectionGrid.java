package fr.yseraa.observatory.core.crs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * PostGIS's reprojection from one CRS to another, interpolated over one map's area: as GDAL's approximate transformer
 * and map renderers do, a lattice of points of the source CRS is transformed exactly, by PostGIS itself, and every
 * other point is mapped by bilinear interpolation between the four exact points of its cell. Within a map the mapping
 * is smooth, so the interpolation's error falls as the square of the cell's size; it is measured, not assumed: each
 * cell's centre and edge midpoints are transformed exactly too, and the lattice is taken only if the interpolation
 * lands within the tolerance of every one of them (the error of bilinear interpolation of a smooth mapping is largest
 * there: for a conformal one, such as Lambert-93 to Web Mercator, at the edge midpoints, the centre being exact to
 * second order). A lattice that misses is refined from its measured error, up to {@link #MAX_CELLS} cells a side;
 * beyond that there is no grid, and PostGIS must transform every vertex.
 *
 * <p>The grid covers a domain of the source CRS ({@link #domain()}): points outside it are extrapolated from the
 * border cells and must not be given to it (beyond a rounding of the domain's box).
 */
public final class ReprojectionGrid {

    /**
     * Cells a side of the first lattice tried: from Lambert-93, enough to land within an eighth of a pixel on a
     * 256-pixel Web Mercator tile of zoom 10 or more over France, and on a 1024-pixel map in longitude / latitude at
     * 1:25 000 (ReprojectionGridTest measures both).
     */
    static final int FIRST_CELLS = 3;
    /** Cells a side beyond which a lattice is not tried (a lattice of 65 x 65 points, with its check points). */
    static final int MAX_CELLS = 32;

    /**
     * The domain, in the source CRS: the box of the area given (in the target CRS, its edges densified), grown by half
     * its size on every side; then the points of a lattice of 2n x 2n cells over it (the grid's n x n cells and their
     * centres and edge midpoints), row by row, transformed as one multipoint. Each step computed once (inlined, the
     * box's transform would be computed again for every point of the lattice).
     */
    private static final String LATTICE = """
            WITH a AS MATERIALIZED (SELECT ST_Transform(ST_Segmentize(ST_MakeEnvelope(?, ?, ?, ?, %2$d), ?), %1$d) AS g),
            d AS MATERIALIZED (SELECT ST_XMin(g) - (ST_XMax(g) - ST_XMin(g)) / 2 AS x0,
                                      ST_YMin(g) - (ST_YMax(g) - ST_YMin(g)) / 2 AS y0,
                                      ST_XMax(g) + (ST_XMax(g) - ST_XMin(g)) / 2 AS x1,
                                      ST_YMax(g) + (ST_YMax(g) - ST_YMin(g)) / 2 AS y1 FROM a)
            SELECT x0, y0, x1, y1, ST_AsBinary(ST_Transform(ST_SetSRID(ST_Collect(
                       ST_MakePoint(x0 + (x1 - x0) * i / ?, y0 + (y1 - y0) * j / ?) ORDER BY j, i), %1$d), %2$d))
            FROM d, generate_series(0, ?) i, generate_series(0, ?) j
            WHERE x1 > x0 AND y1 > y0 GROUP BY x0, y0, x1, y1""";

    private final int sourceSrid;
    private final int targetSrid;
    private final Envelope domain;
    private final int cells;
    private final double cellWidth;
    private final double cellHeight;
    /** The exact target coordinates of the lattice's (cells + 1)^2 points, row by row from the domain's minimum. */
    private final double[] xs;
    private final double[] ys;
    private final double error;
    private final double stretch;

    /** The grid of n x n cells from a lattice of 2n x 2n cells (its points row by row), finite. */
    private ReprojectionGrid(int sourceSrid, int targetSrid, Envelope domain, int cells, Coordinate[] lattice) {
        this.sourceSrid = sourceSrid;
        this.targetSrid = targetSrid;
        this.domain = domain;
        this.cells = cells;
        this.cellWidth = domain.getWidth() / cells;
        this.cellHeight = domain.getHeight() / cells;
        int side = 2 * cells + 1;
        this.xs = new double[(cells + 1) * (cells + 1)];
        this.ys = new double[xs.length];
        for (int j = 0; j <= cells; j++) {
            for (int i = 0; i <= cells; i++) {
                Coordinate p = lattice[2 * j * side + 2 * i];
                xs[j * (cells + 1) + i] = p.x;
                ys[j * (cells + 1) + i] = p.y;
            }
        }
        double largest = 0;
        for (int j = 0; j + 1 < side; j++) {
            for (int i = 0; i + 1 < side; i++) {
                largest = Math.max(largest, stretch(lattice[j * side + i], lattice[j * side + i + 1],
                        lattice[(j + 1) * side + i], cellWidth / 2, cellHeight / 2));
            }
        }
        this.stretch = largest;
        double worst = 0;
        Coordinate mapped = new Coordinate();
        for (int j = 0; j < side; j++) {
            for (int i = 0; i < side; i++) {
                if (i % 2 == 1 || j % 2 == 1) { // a cell's centre or the midpoint of one of its edges
                    map(domain.getMinX() + cellWidth * i / 2, domain.getMinY() + cellHeight * j / 2, mapped);
                    worst = Math.max(worst, mapped.distance(lattice[j * side + i]));
                }
            }
        }
        this.error = worst;
    }

    /**
     * The grid from {@code sourceSrid} to {@code targetSrid} over an area of the target CRS (grown by half its size on
     * every side), its interpolation within {@code tolerance} (target CRS units) of PostGIS's transform at every point
     * checked; empty when no lattice of at most {@link #MAX_CELLS} cells
     * a side is, or the area has no extent in the source CRS. A first lattice of {@link #FIRST_CELLS} cells a side,
     * then, while one misses, a finer one chosen from its error: one statement each, on the caller's connection. The
     * lattices tried depend on the map alone, so that the same map is drawn the same whatever was drawn before.
     *
     * @throws SQLException when PostGIS cannot transform the area or the lattice (the transaction is then aborted)
     */
    public static Optional<ReprojectionGrid> fit(Connection c, int sourceSrid, int targetSrid, Envelope area,
                                                 double tolerance) throws SQLException {
        if (!(tolerance > 0) || area.isNull()) {
            return Optional.empty();
        }
        int cells = FIRST_CELLS;
        while (cells <= MAX_CELLS) {
            Optional<ReprojectionGrid> lattice = lattice(c, sourceSrid, targetSrid, area, cells);
            if (lattice.isEmpty() || lattice.get().error <= tolerance) {
                return lattice;
            }
            // the error falls as the square of a cell's size
            cells = Math.max(cells + 1, (int) Math.min(MAX_CELLS + 1,
                    Math.ceil(cells * Math.sqrt(lattice.get().error / tolerance) * 1.15)));
        }
        return Optional.empty();
    }

    private static Optional<ReprojectionGrid> lattice(Connection c, int sourceSrid, int targetSrid, Envelope area,
                                                      int cells) throws SQLException {
        int half = 2 * cells;
        try (PreparedStatement ps = c.prepareStatement(LATTICE.formatted(sourceSrid, targetSrid))) {
            Object[] values = {area.getMinX(), area.getMinY(), area.getMaxX(), area.getMaxY(),
                    Math.max(area.getWidth(), area.getHeight()) / 16, half, half, half, half};
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty(); // the area has no extent in the source CRS
                }
                Envelope domain = new Envelope(rs.getDouble(1), rs.getDouble(3), rs.getDouble(2), rs.getDouble(4));
                Coordinate[] points = new WKBReader().read(rs.getBytes(5)).getCoordinates();
                return of(sourceSrid, targetSrid, domain, cells, points);
            }
        } catch (ParseException e) {
            throw new SQLException("PostGIS returned unreadable WKB", e);
        }
    }

    /**
     * The grid of n x n cells from a lattice of 2n x 2n cells over the domain (its points row by row, from the
     * domain's minimum), its error measured at the points between its own; empty when a point is not finite.
     */
    static Optional<ReprojectionGrid> of(int sourceSrid, int targetSrid, Envelope domain, int cells,
                                         Coordinate[] lattice) {
        int side = 2 * cells + 1;
        if (lattice.length != side * side) {
            throw new IllegalArgumentException("a lattice of " + side + " x " + side + " points expected");
        }
        for (Coordinate p : lattice) {
            if (!Double.isFinite(p.x) || !Double.isFinite(p.y)) {
                return Optional.empty();
            }
        }
        return Optional.of(new ReprojectionGrid(sourceSrid, targetSrid, domain, cells, lattice));
    }

    /**
     * The largest scale, target units per source unit, of the mapping in a small cell of the lattice (the larger
     * singular value of its Jacobian, from the differences along the cell's two edges).
     */
    private static double stretch(Coordinate origin, Coordinate east, Coordinate north, double dx, double dy) {
        double a = (east.x - origin.x) / dx;
        double b = (north.x - origin.x) / dy;
        double c = (east.y - origin.y) / dx;
        double d = (north.y - origin.y) / dy;
        double sum = a * a + b * b + c * c + d * d;
        double det = a * d - b * c;
        return Math.sqrt((sum + Math.sqrt(Math.max(0, sum * sum - 4 * det * det))) / 2);
    }

    /** Where the grid may be used, in the source CRS. */
    public Envelope domain() {
        return new Envelope(domain);
    }

    /** The largest distance, in target units, between the interpolation and PostGIS at the points checked. */
    public double error() {
        return error;
    }

    /**
     * The largest scale of the mapping over the domain, target units per source unit: a distance of d source units
     * is at most about d times this in the target CRS.
     */
    public double stretch() {
        return stretch;
    }

    /** Cells a side. */
    int cells() {
        return cells;
    }

    public int sourceSrid() {
        return sourceSrid;
    }

    /** Maps a geometry of the source CRS, within the domain, to the target CRS, in place (its SRID too). */
    public void transform(Geometry geometry) {
        Coordinate mapped = new Coordinate();
        geometry.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                map(seq.getX(i), seq.getY(i), mapped);
                seq.setOrdinate(i, CoordinateSequence.X, mapped.x);
                seq.setOrdinate(i, CoordinateSequence.Y, mapped.y);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        geometry.setSRID(targetSrid);
    }

    /** The interpolated image of a point of the source CRS, into {@code out}. */
    void map(double x, double y, Coordinate out) {
        double u = (x - domain.getMinX()) / cellWidth;
        double v = (y - domain.getMinY()) / cellHeight;
        // a point on the far border, or rounded just beyond the domain, is taken by the border cell
        int i = Math.min(Math.max((int) Math.floor(u), 0), cells - 1);
        int j = Math.min(Math.max((int) Math.floor(v), 0), cells - 1);
        double fu = u - i;
        double fv = v - j;
        int k = j * (cells + 1) + i;
        int up = k + cells + 1;
        out.x = bilinear(xs[k], xs[k + 1], xs[up], xs[up + 1], fu, fv);
        out.y = bilinear(ys[k], ys[k + 1], ys[up], ys[up + 1], fu, fv);
    }

    private static double bilinear(double a, double b, double c, double d, double fu, double fv) {
        return a + (b - a) * fu + (c - a) * fv + (a - b - c + d) * fu * fv;
    }
}
