package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.access.AccessPolicies;
import fr.yseraa.observatory.core.testing.TestPostgis;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * One PostGIS database per test JVM holding the engine's fixture layers ({@code fixture/schema.sql}: zones,
 * regions, streams, 100 000 sightings under the {@link FixturePolicy}), published by the test data directory
 * {@code fixture/data-dir} in workspaces {@code base} and {@code survey}, with the test stored query
 * {@link SightingsInProtectedZoneQuery} plugged in.
 */
public final class WfsFixture {

    public static final long SIGHTINGS = 100_000;
    /** The sightings the public sees: all but level 4. */
    public static final String PUBLIC_SIGHTINGS = "SELECT count(*) FROM fixture.sighting WHERE level < 4";
    public static final String BASE_NS = "https://example.org/base";
    public static final String SURVEY_NS = "https://example.org/survey";

    private static WfsHarness instance;

    private WfsFixture() {
    }

    public static synchronized WfsHarness get() throws Exception {
        if (instance == null) {
            DataSource dataSource = TestPostgis.dataSource(TestPostgis.freshDatabase("wfs"));
            try (InputStream sql = WfsFixture.class.getResourceAsStream("/fixture/schema.sql");
                 Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
            }
            Path root = Path.of(WfsFixture.class.getResource("/fixture").toURI());
            instance = new WfsHarness(dataSource, root.resolve("data-dir"), root.resolve("styles"),
                    new AccessPolicies(List.of(new FixturePolicy())),
                    new StoredQueries(List.of(new SightingsInProtectedZoneQuery())));
        }
        return instance;
    }
}
