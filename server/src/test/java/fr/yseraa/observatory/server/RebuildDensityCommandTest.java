package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.devdb.DatabaseSettings;
import fr.yseraa.observatory.ext.db.ObservatoryMigrations;
import fr.yseraa.observatory.ext.demo.DemoLoader;
import fr.yseraa.observatory.ext.demo.DemoOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code rebuild-density}: the precomputed density grids recounted whole, whatever went around the server. */
class RebuildDensityCommandTest {

    static final String GRIDS = "SELECT count(*) || ' ' || md5(string_agg(class_id || ' ' || level || ' ' || ix || ' ' "
            + "|| iy || ' ' || n, ',' ORDER BY class_id, level, ix, iy)) FROM obs.density_grid";
    static DataSource ds;
    static Map<String, String> env;

    @BeforeAll
    static void demo() throws Exception {
        DatabaseSettings db = TestPostgis.freshDatabase("density_cli");
        ds = TestPostgis.dataSource(db);
        ObservatoryMigrations.migrate(ds);
        DemoLoader.load(ds, new DemoOptions(300, 5, null, null), new PrintStream(OutputStream.nullOutputStream()));
        env = Map.of("OBS_DATABASE_URL", db.jdbcUrl(), "PGUSER", db.user(), "PGPASSWORD", db.password());
    }

    @Test
    void theGridsOfTheDemoAreRecountedAfterAWriteAroundTheServer() throws Exception {
        String loaded = query(GRIDS);
        assertThat(loaded).as("the demo loader filled the grids").doesNotStartWith("0 ");
        // psql, say: an occurrence moved 3 km away, no refresh
        execute("UPDATE sinp.occurrence SET geom = ST_Translate(geom, 3000, 0) WHERE id = (SELECT min(id) FROM sinp.occurrence)");
        assertThat(query(GRIDS)).isEqualTo(loaded);
        String out = run(new String[0], 0);
        assertThat(out.lines().filter(l -> l.startsWith("density grids rebuilt")).toList()).singleElement(
                org.assertj.core.api.InstanceOfAssertFactories.STRING).matches("density grids rebuilt: [0-9,\u202f\u00a0 ]+ "
                + "cells \\(.+\\) in [0-9.,]+ s");
        String rebuilt = query(GRIDS);
        assertThat(rebuilt).as("the moved occurrence counts where it is now").isNotEqualTo(loaded);
        execute("UPDATE sinp.occurrence SET geom = ST_Translate(geom, -3000, 0) WHERE id = (SELECT min(id) FROM sinp.occurrence)");
        run(new String[0], 0);
        assertThat(query(GRIDS)).isEqualTo(loaded);
    }

    @Test
    void anArgumentIsRefused() {
        assertThat(run(new String[] {"--all"}, 2)).doesNotContain("density grids rebuilt");
    }

    /** Runs the command, expects its exit status, returns what it wrote on the standard output. */
    private static String run(String[] args, int status) {
        return TestCommands.standardOutput(() -> Commands.rebuildDensity(args, env), status);
    }

    private static String query(String sql) throws Exception {
        return TestCommands.firstValue(ds, sql);
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
