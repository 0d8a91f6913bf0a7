package fr.yseraa.observatory.core.crs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.testing.TestPostgis;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/** Reprojection in the JVM against PostGIS's own, on a real PostGIS. */
class JvmReprojectionsTest {

    /** The Audomarois marsh in Lambert-93. */
    private static final Envelope MARSH = new Envelope(640_000, 665_000, 7_060_000, 7_085_000);
    private static DataSource dataSource;

    @BeforeAll
    static void database() {
        dataSource = TestPostgis.dataSource(TestPostgis.freshDatabase("reprojections"));
    }

    @Test
    void lambert93ToWebMercatorAndWgs84LandWherePostgisPutsThem() throws Exception {
        JvmReprojections reprojections = new JvmReprojections(dataSource);
        String wkt = "POLYGON((641000 7061000, 664000 7062000, 663000 7084000, 650000 7080000, 641000 7061000),"
                + " (650000 7070000, 655000 7070000, 655000 7075000, 650000 7070000))";
        for (int to : new int[] {3857, 4326, 32631}) {
            Optional<GeometryReprojection> jvm = reprojections.between(2154, to, MARSH);
            assertThat(jvm).as("2154 to %d", to).isPresent();
            Geometry g = new WKTReader().read(wkt);
            jvm.get().apply(g);
            Geometry expected = postgis("SELECT ST_AsText(ST_Transform(ST_GeomFromText(?, 2154), " + to + "))", wkt);
            double tolerance = to == 4326 ? 1e-8 : 1e-3;
            Coordinate[] got = g.getCoordinates();
            Coordinate[] want = expected.getCoordinates();
            assertThat(got).hasSameSizeAs(want);
            for (int i = 0; i < got.length; i++) {
                assertThat(got[i].x).as("x of vertex %d in %d", i, to).isCloseTo(want[i].x, org.assertj.core.data.Offset.offset(tolerance));
                assertThat(got[i].y).as("y of vertex %d in %d", i, to).isCloseTo(want[i].y, org.assertj.core.data.Offset.offset(tolerance));
            }
        }
    }

    @Test
    void aToleranceOfTheMapIsNoLongerInTheLayersCrs() {
        GeometryReprojection jvm = new JvmReprojections(dataSource).between(2154, 3857, MARSH).orElseThrow();
        // a z14 tile over the marsh: 9.55 m pixels of Web Mercator are about 6 m of Lambert-93 at 50.8° N
        Envelope tile = new Envelope(254_382, 256_828, 6_591_929, 6_594_375);
        double d = jvm.sourceDistance(tile, 4.777);
        assertThat(d).isBetween(4.777 * 0.60, 4.777 * 0.64);
    }

    @Test
    void pairsThatCannotBeCheckedStayPostgiss() {
        JvmReprojections reprojections = new JvmReprojections(dataSource);
        assertThat(reprojections.between(2154, 2154, MARSH)).isEmpty();
        assertThat(reprojections.between(2154, 999_999, MARSH)).isEmpty(); // no such SRID
        assertThat(reprojections.between(2154, 3857, new Envelope())).isEmpty();
    }

    private static Geometry postgis(String sql, String wkt) throws SQLException, org.locationtech.jts.io.ParseException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, wkt);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new WKTReader().read(rs.getString(1));
            }
        }
    }
}
