package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.devdb.DatabaseSettings;
import fr.yseraa.observatory.ext.db.ObservatoryMigrations;
import fr.yseraa.observatory.ext.demo.DemoLoader;
import fr.yseraa.observatory.ext.demo.DemoOptions;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import FILE --dataset UUID --mapping NAME}: the command end to end, on a small file in the association layout;
 * and an import killed with SIGKILL in the middle of its writing (a separate JVM running the command) leaves the
 * occurrences and the tombstones exactly as they were (the row count and a checksum of the table).
 */
class ImportCommandTest {

    private static final String STATE = "SELECT count(*) || ' ' || md5(string_agg(id_sinp_occtax::text || ' ' "
            + "|| dee_date_derniere_modification::text || ' ' || encode(ST_AsBinary(geom), 'hex'), ',' ORDER BY id)) "
            + "|| ' ' || (SELECT count(*) FROM sinp.occurrence_tombstone) FROM sinp.occurrence";
    static DatabaseSettings db;
    static DataSource ds;
    static String dataset;
    static String lonLat;
    static Map<String, String> env;

    @TempDir
    Path dir;

    @BeforeAll
    static void demo() throws Exception {
        db = TestPostgis.freshDatabase("import_cli");
        ds = TestPostgis.dataSource(db);
        ObservatoryMigrations.migrate(ds);
        DemoLoader.load(ds, new DemoOptions(100, 3, null, null), new PrintStream(OutputStream.nullOutputStream()));
        dataset = query(ds, "SELECT uuid FROM ref.dataset ORDER BY title LIMIT 1");
        lonLat = query(ds, "SELECT round(ST_X(p)::numeric, 6) || ';' || round(ST_Y(p)::numeric, 6) FROM "
                + "(SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS p FROM territory.commune WHERE insee = '62765') s");
        env = Map.of("OBS_DATABASE_URL", db.jdbcUrl(), "PGUSER", db.user(), "PGPASSWORD", db.password(),
                "OBS_DATA_DIR", TestServer.ROOT.resolve("data-dir").toString());
    }

    @Test
    void importsAFileAndPrintsTheReport() throws Exception {
        Path file = Files.writeString(dir.resolve("export.csv"), """
                Identifiant;Code taxon;Nom latin;Date;Observateur;Nombre;Statut;X;Y
                1;90000001;Anas platyrhynchos;02/04/2022;DUPONT Marie (GON);4;présent;%s
                2;99999999;Inconnu;02/04/2022;DUPONT Marie (GON);1;présent;%s
                """.formatted(lonLat, lonLat), StandardCharsets.UTF_8);
        String[] args = {file.toString(), "--dataset", dataset, "--mapping", "association"};

        assertThat(run(new String[] {file.toString(), "--dataset", dataset, "--mapping", "association", "--dry-run"}, env))
                .contains("dry run (nothing written): 2 read, 1 valid, 1 inserted, 0 updated, 0 unchanged, 0 deleted, 1 rejected");
        assertThat(query(ds, "SELECT count(*) FROM sinp.occurrence WHERE cd_nom = 90000001 AND date_debut = '2022-04-02'")).isEqualTo("0");

        String out = run(args, env);
        assertThat(out).contains("2 read, 1 valid, 1 inserted, 0 updated, 0 unchanged, 0 deleted, 1 rejected")
                .contains("line 3, cdNom (Code taxon) = '99999999': cdNom inconnu de TAXREF")
                .contains("every rejection: " + dir.resolve("export.report.csv"));
        assertThat(Files.readAllLines(dir.resolve("export.report.csv")))
                .containsExactly("line,field,column,value,reason,message",
                        "3,cdNom,Code taxon,99999999,unknown_taxon,cdNom inconnu de TAXREF");
        assertThat(query(ds, "SELECT code_commune FROM sinp.occurrence WHERE cd_nom = 90000001 AND date_debut = '2022-04-02'"))
                .isEqualTo("62765");

        assertThat(run(args, env)).contains("2 read, 1 valid, 0 inserted, 0 updated, 1 unchanged, 0 deleted, 1 rejected");
        assertThat(Commands.importOccurrences(new String[] {file.toString(), "--mapping", "association"}, env)).isEqualTo(2);
    }

    @Test
    void aKilledImportLeavesTheTableAsItWas() throws Exception {
        Path file = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Identifiant;Code taxon;Nom latin;Date;Observateur;Nombre;Statut;X;Y\n");
            for (int i = 0; i < 25_000; i++) {
                w.write("K" + i + ";" + (90000000 + i % 150) + ";n;02/04/2022;DUPONT Marie (GON);1;présent;" + lonLat + "\n");
            }
        }
        String before = query(ds, STATE);

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ObservatoryServer.class.getName(), "import", file.toString(),
                "--dataset", dataset, "--mapping", "association", "--mode", "full");
        pb.environment().putAll(env);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process child = pb.start();
        CountDownLatch writing = new CountDownLatch(1);
        StringBuffer seen = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (InputStream err = child.getErrorStream()) {
                byte[] buffer = new byte[4096];
                for (int n = err.read(buffer); n > 0; n = err.read(buffer)) {
                    seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (seen.indexOf("writing [") >= 0) {
                        writing.countDown();
                    }
                }
            } catch (Exception e) {
                // the child is gone
            }
        });
        reader.start();
        assertThat(writing.await(120, TimeUnit.SECONDS)).as("the import reached its writing: " + seen).isTrue();
        Thread.sleep(500);
        assertThat(child.isAlive()).as("still writing when killed: " + seen).isTrue();
        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);

        // the server notices the dead client and rolls back: its advisory lock goes with it
        for (int i = 0; i < 600 && !query(ds, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'").equals("0"); i++) {
            Thread.sleep(100);
        }
        assertThat(query(ds, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isEqualTo("0");
        assertThat(query(ds, STATE)).isEqualTo(before);
    }

    private static String run(String[] args, Map<String, String> env) {
        return TestCommands.standardOutput(() -> Commands.importOccurrences(args, env), 0);
    }

    private static String query(DataSource ds, String sql) throws Exception {
        return TestCommands.firstValue(ds, sql);
    }
}
