package fr.yseraa.observatory.core.crs;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.LongLatProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which pairs of CRS the JVM reprojects as PostGIS does (proj4j, from the PROJ.4 definitions of PostGIS's own
 * {@code spatial_ref_sys}): a pair is taken only when proj4j lands on PostGIS's coordinates, within a millimetre (or
 * 10<sup>-8</sup> degree), at 49 points of an area of the source CRS, checked once per pair. Pairs whose datum shift
 * PROJ takes from grids that proj4j does not have, or whose definitions proj4j cannot read, stay PostGIS's.
 * PostGIS spends some microseconds a vertex in {@code ST_Transform} (a z10 tile of 4 772 habitat polygons: 130 ms,
 * against 5 ms to read them as stored); a map's geometries can be read as stored and reprojected here.
 */
public final class JvmReprojections {

    private static final Logger LOG = LoggerFactory.getLogger(JvmReprojections.class);
    private static final int SAMPLES = 7;
    private static final double METRES = 1e-3;
    private static final double DEGREES = 1e-8;
    private static final CRSFactory FACTORY = new CRSFactory();

    private final DataSource dataSource;
    private final Map<Long, Optional<GeometryReprojection.Pair>> pairs = new ConcurrentHashMap<>();

    public JvmReprojections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The reprojection from one SRID to another in the JVM, or empty when PostGIS must do it.
     *
     * @param sampleArea where the check compares proj4j with PostGIS, in the source CRS (the layer's extent), the
     *                   first time the pair is asked for
     */
    public Optional<GeometryReprojection> between(int fromSrid, int toSrid, Envelope sampleArea) {
        if (fromSrid == toSrid || fromSrid <= 0 || toSrid <= 0 || sampleArea.isNull()) {
            return Optional.empty();
        }
        return pairs.computeIfAbsent(((long) fromSrid << 32) | toSrid, k -> check(fromSrid, toSrid, sampleArea))
                .map(GeometryReprojection::new);
    }

    private Optional<GeometryReprojection.Pair> check(int from, int to, Envelope area) {
        try (Connection c = dataSource.getConnection()) {
            CoordinateReferenceSystem source = crs(c, from);
            CoordinateReferenceSystem target = crs(c, to);
            if (source == null || target == null) {
                return Optional.empty();
            }
            GeometryReprojection.Pair pair = new GeometryReprojection.Pair(source, target);
            double[] xs = new double[SAMPLES * SAMPLES];
            double[] ys = new double[SAMPLES * SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                for (int j = 0; j < SAMPLES; j++) {
                    xs[i * SAMPLES + j] = area.getMinX() + area.getWidth() * i / (SAMPLES - 1);
                    ys[i * SAMPLES + j] = area.getMinY() + area.getHeight() * j / (SAMPLES - 1);
                }
            }
            double tolerance = target.getProjection() instanceof LongLatProjection ? DEGREES : METRES;
            double worst = worstDifference(c, pair, from, to, xs, ys);
            if (worst <= tolerance) {
                return Optional.of(pair);
            }
            LOG.info("SRID {} to {}: proj4j is {} units from PostGIS, PostGIS keeps reprojecting", from, to, worst);
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            LOG.info("SRID {} to {}: not reprojected in the JVM ({})", from, to, e.getMessage());
            return Optional.empty();
        }
    }

    private static CoordinateReferenceSystem crs(Connection c, int srid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT proj4text FROM spatial_ref_sys WHERE srid = ?")) {
            ps.setInt(1, srid);
            try (ResultSet rs = ps.executeQuery()) {
                String definition = rs.next() ? rs.getString(1) : null;
                return definition == null || definition.isBlank() ? null
                        : FACTORY.createFromParameters("EPSG:" + srid, definition.trim());
            }
        }
    }

    /** The largest difference between proj4j and PostGIS on the sample points, in the target's units. */
    private static double worstDifference(Connection c, GeometryReprojection.Pair pair, int from, int to,
                                          double[] xs, double[] ys) throws SQLException {
        String sql = "SELECT ST_X(p), ST_Y(p) FROM (SELECT n, ST_Transform(ST_SetSRID(ST_MakePoint(x, y), ?), ?) p"
                + " FROM unnest(?::float8[], ?::float8[]) WITH ORDINALITY AS s(x, y, n)) t ORDER BY n";
        Double[] boxedX = new Double[xs.length];
        Double[] boxedY = new Double[ys.length];
        for (int i = 0; i < xs.length; i++) {
            boxedX[i] = xs[i];
            boxedY[i] = ys[i];
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, from);
            ps.setInt(2, to);
            Array x = c.createArrayOf("float8", boxedX);
            Array y = c.createArrayOf("float8", boxedY);
            ps.setArray(3, x);
            ps.setArray(4, y);
            GeometryReprojection reprojection = new GeometryReprojection(pair);
            ProjCoordinate out = new ProjCoordinate();
            double worst = 0;
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    reprojection.transform(xs[i], ys[i], out);
                    double dx = Math.abs(out.x - rs.getDouble(1));
                    double dy = Math.abs(out.y - rs.getDouble(2));
                    worst = Math.max(worst, Double.isNaN(dx) || Double.isNaN(dy) ? Double.POSITIVE_INFINITY
                            : Math.max(dx, dy));
                }
            }
            return worst;
        }
    }
}
