package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.devdb.DatabaseSettings;
import fr.yseraa.observatory.ext.db.ObservatoryMigrations;
import fr.yseraa.observatory.ext.demo.DemoLoader;
import fr.yseraa.observatory.ext.demo.DemoOptions;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import FILE --dataset UUID --mapping NAME}: the command end to end, on a small file in the association layout. */
class ImportCommandTest {

    @TempDir
    Path dir;

    @Test
    void importsAFileAndPrintsTheReport() throws Exception {
        DatabaseSettings db = TestPostgis.freshDatabase("import_cli");
        DataSource ds = TestPostgis.dataSource(db);
        ObservatoryMigrations.migrate(ds);
        DemoLoader.load(ds, new DemoOptions(100, 3, null, null), new PrintStream(OutputStream.nullOutputStream()));
        String dataset = query(ds, "SELECT uuid FROM ref.dataset ORDER BY title LIMIT 1");
        String lonLat = query(ds, "SELECT round(ST_X(p)::numeric, 6) || ';' || round(ST_Y(p)::numeric, 6) FROM "
                + "(SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS p FROM territory.commune WHERE insee = '62765') s");
        Path file = Files.writeString(dir.resolve("export.csv"), """
                Identifiant;Code taxon;Nom latin;Date;Observateur;Nombre;Statut;X;Y
                1;90000001;Anas platyrhynchos;02/04/2022;DUPONT Marie (GON);4;présent;%s
                2;99999999;Inconnu;02/04/2022;DUPONT Marie (GON);1;présent;%s
                """.formatted(lonLat, lonLat), StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("OBS_DATABASE_URL", db.jdbcUrl(), "PGUSER", db.user(), "PGPASSWORD", db.password(),
                "OBS_DATA_DIR", TestServer.ROOT.resolve("data-dir").toString());
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

    private static String run(String[] args, Map<String, String> env) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Commands.importOccurrences(args, env)).isZero();
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static String query(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
