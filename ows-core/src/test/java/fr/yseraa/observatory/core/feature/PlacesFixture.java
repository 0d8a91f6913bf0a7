package fr.yseraa.observatory.core.feature;

import fr.yseraa.observatory.core.access.AccessPolicies;
import fr.yseraa.observatory.core.access.AccessPolicy;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.access.OpenAccessPolicy;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.core.xml.SldValidatorTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A PostGIS database with a table of 10 000 places on a 100 × 100 grid (one every 100 m from 700 000, 7 000 000
 * in Lambert-93), each with a secret and a level (0–4, by id modulo 5) and a blurred geometry (its 1 km cell);
 * and a data directory publishing it, with a test policy that blurs and hides like the SINP one.
 */
final class PlacesFixture {

    static final int PLACES = 10_000;

    /** Anonymous callers see the blurred geometry, never level 4, never the secret. */
    static final class BlurPolicy implements AccessPolicy {
        @Override
        public String name() {
            return "blur";
        }

        @Override
        public LayerAccess access(LayerInfo layer, Caller caller) {
            if (!caller.isAnonymous()) {
                return new OpenAccessPolicy().access(layer, caller);
            }
            Map<String, String> attributes = new java.util.LinkedHashMap<>(OpenAccessPolicy.allAttributes(layer));
            attributes.remove("secret");
            return new LayerAccess(true, "blurred", "level < 4", attributes, "public");
        }
    }

    static DataSource database() throws SQLException {
        DataSource ds = TestPostgis.dataSource(TestPostgis.freshDatabase("places"));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA demo");
            st.execute("""
                    CREATE TABLE demo.place (id integer PRIMARY KEY, name text, secret text, level integer,
                        geom geometry(Point, 2154), blurred geometry(Polygon, 2154))""");
            st.execute("COMMENT ON TABLE demo.place IS 'Places for tests'");
            st.execute("""
                    INSERT INTO demo.place
                    SELECT i, 'place ' || i, 'secret ' || i, i % 5, p,
                           ST_MakeEnvelope(floor(ST_X(p) / 1000) * 1000, floor(ST_Y(p) / 1000) * 1000,
                                           floor(ST_X(p) / 1000) * 1000 + 1000, floor(ST_Y(p) / 1000) * 1000 + 1000, 2154)
                    FROM generate_series(0, 9999) i,
                         LATERAL (SELECT ST_SetSRID(ST_MakePoint(700050 + (i % 100) * 100, 7000050 + (i / 100) * 100), 2154) p) s""");
            st.execute("CREATE INDEX ON demo.place USING gist (blurred)");
            st.execute("CREATE VIEW demo.untyped AS SELECT id, geom::geometry AS geom FROM demo.place");
        }
        return ds;
    }

    static AccessPolicies policies() {
        return new AccessPolicies(List.of(new BlurPolicy()));
    }

    /** A data directory with workspace {@code t} and the given layer files (name → YAML), styles valid SLD. */
    static Path dataDirectory(Path root, Map<String, String> layers) throws IOException {
        Path ws = Files.createDirectories(root.resolve("workspaces/t/layers"));
        Files.writeString(ws.getParent().resolve("workspace.yaml"), "name: t\nnamespace: https://example.org/t\n");
        for (Map.Entry<String, String> e : layers.entrySet()) {
            Files.writeString(ws.resolve(e.getKey() + ".yaml"), e.getValue());
        }
        Path styles = Files.createDirectories(root.resolve("styles"));
        Files.writeString(styles.resolve("place.sld"), SldValidatorTest.VALID);
        return root;
    }

    static final String PLACES_LAYER = """
            name: places
            title: Lieux
            source: demo.place
            geometry: geom
            style: place
            policy: blur
            """;

    private PlacesFixture() {
    }
}
