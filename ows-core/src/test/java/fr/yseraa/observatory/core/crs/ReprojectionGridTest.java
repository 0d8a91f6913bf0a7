package fr.yseraa.observatory.core.crs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.testing.TestPostgis;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * The interpolated reprojection against PostGIS's own {@code ST_Transform}, on thousands of points of each map's area
 * and of the grid's whole domain: within the tolerance it was fitted to everywhere, from Lambert-93 to Web Mercator
 * (tiles of zoom 10, 12 and 16 over the marsh) and to longitude / latitude; refined where a first lattice misses
 * (France on one tile), refused where no lattice of the largest size holds (France on a large image in a polar CRS).
 */
class ReprojectionGridTest {

    /** Lambert-93's bounds of a layer over all of metropolitan France. */
    static final Envelope FRANCE = new Envelope(99_000, 1_243_000, 6_040_000, 7_111_000);
    /** Clairmarais, in the middle of the Marais audomarois (WGS 84), as the bench's lists. */
    static final double LON = 2.295;
    static final double LAT = 50.775;
    static final double ORIGIN = 20037508.3427892;

    static DataSource dataSource;

    @BeforeAll
    static void setUp() {
        dataSource = TestPostgis.dataSource(TestPostgis.freshDatabase("grid"));
    }

    /** A 256-pixel Web Mercator tile at a zoom over Clairmarais, grown by the renderer's 32-pixel margin. */
    static Envelope tile(int zoom) {
        double span = 2 * ORIGIN / (1 << zoom);
        double x = Math.floor((LON + 180) / 360 * (1 << zoom));
        double lat = Math.toRadians(LAT);
        double y = Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << zoom));
        Envelope tile = new Envelope(-ORIGIN + x * span, -ORIGIN + (x + 1) * span, ORIGIN - (y + 1) * span,
                ORIGIN - y * span);
        tile.expandBy(span * 32 / 256);
        return tile;
    }

    @Test
    void tilesOfWebMercatorFromLambert93AreWithinAnEighthOfTheirPixel() throws SQLException {
        for (int zoom : new int[] {10, 12, 14, 16}) {
            Envelope area = tile(zoom);
            double pixel = area.getWidth() / (256 + 64);
            ReprojectionGrid grid = checked(2154, 3857, area, pixel / 8);
            // Web Mercator's scale over Lambert-93's at 50.8° N: 1 / cos(latitude), Lambert-93 being near 1 there
            assertThat(grid.stretch()).isBetween(1.55, 1.62);
        }
    }

    @Test
    void longitudeAndLatitudeComeAsPostGisGivesThem() throws SQLException {
        // a 1024 x 768 map around Clairmarais at about 1:25 000, in degrees: x is the longitude, y the latitude
        Envelope area = new Envelope(LON - 0.05, LON + 0.05, LAT - 0.025, LAT + 0.025);
        ReprojectionGrid grid = checked(2154, 4326, area, area.getWidth() / 1024 / 8);
        Coordinate mapped = new Coordinate();
        grid.map(652_000, 7_071_000, mapped);
        assertThat(mapped.x).isBetween(2.2, 2.4);
        assertThat(mapped.y).isBetween(50.7, 50.9);
    }

    @Test
    void allOfFranceOnOneTileNeedsAFinerLattice() throws SQLException {
        Envelope area = new Envelope(-600_000, 1_200_000, 5_000_000, 6_800_000);
        ReprojectionGrid grid = checked(2154, 3857, area, area.getWidth() / 256 / 8);
        assertThat(grid.cells()).isGreaterThan(ReprojectionGrid.FIRST_CELLS);
    }

    @Test
    void noLatticeHoldsForFranceOnALargeImageOfTheSouthPolarStereographic() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Envelope lambert = new Envelope(FRANCE);
            Envelope area = exactBox(c, lambert, 2154, 3031);
            Optional<ReprojectionGrid> grid = ReprojectionGrid.fit(c, 2154, 3031, area, area.getWidth() / 4096 / 8);
            assertThat(grid).isEmpty();
        }
    }

    @Test
    void theLayersOfOneMapShareItsGrid() throws SQLException {
        ReprojectionGrids grids = new ReprojectionGrids();
        Envelope area = tile(14);
        double tolerance = area.getWidth() / 320 / 8;
        try (Connection c = dataSource.getConnection()) {
            ReprojectionGrid first = grids.fit(c, 2154, 3857, area, tolerance).orElseThrow();
            assertThat(grids.fit(c, 2154, 3857, new Envelope(area), tolerance)).containsSame(first);
            assertThat(grids.fit(c, 2154, 3857, area, tolerance / 2).orElseThrow()).isNotSameAs(first);
        }
    }

    @Test
    void aGeometryIsMappedInPlaceToTheTargetSrid() throws SQLException {
        Envelope area = tile(12);
        try (Connection c = dataSource.getConnection()) {
            ReprojectionGrid grid = ReprojectionGrid.fit(c, 2154, 3857, area, area.getWidth() / 320 / 8)
                    .orElseThrow();
            Envelope d = grid.domain();
            GeometryFactory factory = new GeometryFactory();
            Polygon square = factory.createPolygon(new Coordinate[] {new Coordinate(d.centre().x, d.centre().y),
                    new Coordinate(d.centre().x + 500, d.centre().y), new Coordinate(d.centre().x + 500, d.centre().y + 500),
                    new Coordinate(d.centre().x, d.centre().y)});
            square.setSRID(2154);
            Geometry exact = transform(c, square, 3857);
            grid.transform(square);
            assertThat(square.getSRID()).isEqualTo(3857);
            assertThat(square.getEnvelopeInternal().getMinX()).isEqualTo(exact.getEnvelopeInternal().getMinX(),
                    org.assertj.core.data.Offset.offset(area.getWidth() / 320 / 8));
            for (int i = 0; i < exact.getNumPoints(); i++) {
                assertThat(square.getCoordinates()[i].distance(exact.getCoordinates()[i]))
                        .isLessThanOrEqualTo(area.getWidth() / 320 / 8);
            }
        }
    }

    /**
     * The grid fitted over the area, and its interpolation compared with ST_Transform at 2 000 random points of the
     * area (as the source CRS sees it) and 2 000 of the grid's whole domain: within the tolerance at every one.
     */
    private static ReprojectionGrid checked(int source, int target, Envelope area, double tolerance)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ReprojectionGrid grid = ReprojectionGrid.fit(c, source, target, area, tolerance).orElseThrow();
            assertThat(grid.error()).isLessThanOrEqualTo(tolerance);
            Random random = new Random(source * 31L + target + (long) area.getMinX());
            double worst = 0;
            // the area as the source CRS sees it (within the domain, which the bounds may cut), and the whole domain
            for (Envelope where : new Envelope[] {exactBox(c, area, target, source).intersection(grid.domain()),
                    grid.domain()}) {
                Coordinate[] points = new Coordinate[2000];
                for (int i = 0; i < points.length; i++) {
                    points[i] = new Coordinate(where.getMinX() + random.nextDouble() * where.getWidth(),
                            where.getMinY() + random.nextDouble() * where.getHeight());
                }
                Geometry exact = transform(c, new GeometryFactory().createMultiPointFromCoords(points), target);
                Coordinate mapped = new Coordinate();
                for (int i = 0; i < points.length; i++) {
                    grid.map(points[i].x, points[i].y, mapped);
                    worst = Math.max(worst, mapped.distance(exact.getCoordinates()[i]));
                }
            }
            System.out.printf("EPSG:%d -> EPSG:%d over %s: %d cells a side, error %.3g at the check points, %.3g at"
                            + " 4 000 random points; tolerance %.3g%n", source, target, area, grid.cells(),
                    grid.error(), worst, tolerance);
            assertThat(worst).isLessThanOrEqualTo(tolerance);
            return grid;
        }
    }

    /** The box of an area transformed by PostGIS, its edges densified. */
    private static Envelope exactBox(Connection c, Envelope area, int from, int to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) FROM"
                + " (SELECT ST_Transform(ST_Segmentize(ST_MakeEnvelope(?, ?, ?, ?, ?), ?), ?) b) s")) {
            Object[] values = {area.getMinX(), area.getMinY(), area.getMaxX(), area.getMaxY(), from,
                    area.getWidth() / 64, to};
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Envelope(rs.getDouble(1), rs.getDouble(3), rs.getDouble(2), rs.getDouble(4));
            }
        }
    }

    private static Geometry transform(Connection c, Geometry g, int to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ST_AsBinary(ST_Transform(ST_GeomFromWKB(?, 2154), ?))")) {
            ps.setBytes(1, new WKBWriter().write(g));
            ps.setInt(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new WKBReader().read(rs.getBytes(1));
            }
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new SQLException(e);
        }
    }
}
