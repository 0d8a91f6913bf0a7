package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.devdb.DatabaseSettings;
import fr.yseraa.observatory.ext.db.ObservatoryMigrations;
import fr.yseraa.observatory.ext.demo.DemoLoader;
import fr.yseraa.observatory.ext.demo.DemoOptions;
import fr.yseraa.observatory.ext.exports.OccurrenceExport;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --dataset UUID | --all [--since DATE] [--format F] [--out FILE]}: the command end to end. */
class ExportCommandTest {

    static DataSource ds;
    static String dataset;
    static Map<String, String> env;

    @TempDir
    Path dir;

    @BeforeAll
    static void demo() throws Exception {
        DatabaseSettings db = TestPostgis.freshDatabase("export_cli");
        ds = TestPostgis.dataSource(db);
        ObservatoryMigrations.migrate(ds);
        DemoLoader.load(ds, new DemoOptions(100, 3, null, null), new PrintStream(OutputStream.nullOutputStream()));
        dataset = query("SELECT jdd_metadonnee_dee_id FROM sinp.occurrence GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
        env = Map.of("OBS_DATABASE_URL", db.jdbcUrl(), "PGUSER", db.user(), "PGPASSWORD", db.password());
    }

    @Test
    void writesADatasetToAFileOrEverythingToTheStandardOutput() throws Exception {
        Path file = dir.resolve("dee.csv");
        assertThat(run(new String[] {"--dataset", dataset, "--out", file.toString()}, 0)).isEmpty();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo(String.join(",", OccurrenceExport.columns()));
        assertThat(lines).hasSize(1 + Integer.parseInt(query("SELECT count(*) FROM sinp.occurrence WHERE jdd_metadonnee_dee_id = '"
                + dataset + "'"))).allSatisfy(l -> assertThat(l).isNotEmpty());
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).contains("," + dataset + ","));
        assertThat(dir.resolve("dee.csv.part")).doesNotExist();

        JsonNode all = new ObjectMapper().readTree(run(new String[] {"--all", "--format", "geojson", "--since", "2000-01-01"}, 0));
        assertThat(all.get("features")).hasSize(Integer.parseInt(query("SELECT count(*) FROM sinp.occurrence")));
        assertThat(new ObjectMapper().readTree(run(new String[] {"--all", "--format", "GeoJSON", "--since", "2999-01-01T00:00:00Z"}, 0))
                .get("features")).isEmpty();
    }

    @Test
    void badArgumentsAreRefusedWithTheUsage() {
        assertThat(run(new String[] {"--since", "2020-01-01"}, 2)).isEmpty();
        assertThat(run(new String[] {"--all", "--dataset", dataset}, 2)).isEmpty();
        assertThat(run(new String[] {"--all", "--since", "yesterday"}, 2)).isEmpty();
        assertThat(run(new String[] {"--all", "--format", "shp"}, 2)).isEmpty();
        assertThat(run(new String[] {"--dataset", "not-a-uuid"}, 2)).isEmpty();
    }

    /** Runs the command, expects its exit status, returns what it wrote on the standard output. */
    private static String run(String[] args, int status) {
        return TestCommands.standardOutput(() -> Commands.exportOccurrences(args, env), status);
    }

    private static String query(String sql) throws Exception {
        return TestCommands.firstValue(ds, sql);
    }
}
