package fr.yseraa.observatory.ext.imports;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryString;
import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.ext.ObservatoryDatabase;
import fr.yseraa.observatory.ext.demo.DemoLoader;
import fr.yseraa.observatory.ext.demo.DemoOptions;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10 000-row file in the standard's layout with 3 rows of each of the 14 defect kinds planted at known lines: the
 * report rejects exactly those lines, each for its reason, and the 9 958 others are in the database with their
 * attachments, sensitivity and diffusion geometry derived.
 */
class PlantedDefectsTest {

    private static final int ROWS = 10_000;
    private static final String HEADER = "idSINPOccTax,statutObservation,cdNom,nomCite,dateDebut,dateFin,observateur,"
            + "statutSource,denombrementMin,denombrementMax,jddMetadonneeDEEId,diffusionNiveauPrecision,objetGeo";

    /** A defect: its reason and how it spoils a valid row's cells (in HEADER's order). */
    private record Defect(String reason, java.util.function.BiConsumer<String[], String> spoil) {
    }

    @TempDir
    Path dir;

    @Test
    void exactlyThePlantedDefectsAreRejectedAndTheRestDerived() throws Exception {
        DataSource ds = ObservatoryDatabase.empty("planted");
        DemoLoader.load(ds, new DemoOptions(100, 5, null, null), ObservatoryDatabase.quiet());
        UUID dataset = UUID.fromString(queryString(ds, "SELECT uuid FROM ref.dataset ORDER BY title LIMIT 1"));
        String other = queryString(ds, "SELECT uuid FROM ref.dataset ORDER BY title DESC LIMIT 1");
        List<String> points = new ArrayList<>();
        List<Integer> taxa = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT round(ST_X(p)::numeric, 6) || ' ' || round(ST_Y(p)::numeric, 6) FROM "
                    + "(SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS p FROM territory.commune ORDER BY insee) s")) {
                while (rs.next()) {
                    points.add(rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT cd_nom FROM ref.taxref ORDER BY cd_nom")) {
                while (rs.next()) {
                    taxa.add(rs.getInt(1));
                }
            }
        }
        List<Defect> defects = List.of(
                new Defect("missing", (r, o) -> r[3] = ""),
                new Defect("unknown_code", (r, o) -> r[1] = "XX"),
                new Defect("unknown_taxon", (r, o) -> r[2] = "12345"),
                new Defect("bad_date", (r, o) -> r[4] = "2020-02-30"),
                new Defect("future_date", (r, o) -> r[5] = "2999-01-01"),
                new Defect("dates_reversed", (r, o) -> r[4] = "2021-12-31"),
                new Defect("invalid_geometry", (r, o) -> r[12] = "\"POLYGON((2.2 50.7, 2.3 50.8, 2.3 50.7, 2.2 50.8, 2.2 50.7))\""),
                new Defect("unknown_crs", (r, o) -> r[12] = "\"SRID=99999;POINT(2.2 50.7)\""),
                new Defect("outside_region", (r, o) -> r[12] = "\"POINT(5.5 45.2)\""),
                new Defect("bad_uuid", (r, o) -> r[0] = "not-a-uuid"),
                new Defect("duplicate_id", (r, o) -> r[0] = o),
                new Defect("counts_reversed", (r, o) -> r[8] = "9"),
                new Defect("bad_number", (r, o) -> r[9] = "beaucoup"),
                new Defect("other_dataset", (r, o) -> r[10] = other));
        // line (the header is line 1) → the reason planted there
        Map<Long, String> planted = new TreeMap<>();
        for (int k = 0; k < defects.size(); k++) {
            for (int j = 0; j < 3; j++) {
                planted.put(100L + k * 700 + j * 211, defects.get(k).reason());
            }
        }
        SplittableRandom random = new SplittableRandom(13);
        Path file = dir.resolve("planted.csv");
        String previousId = null;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER + "\n");
            for (long line = 2; line <= ROWS + 1; line++) {
                String id = UUID.randomUUID().toString();
                int year = 1995 + random.nextInt(28);
                String[] r = {id, "Pr", taxa.get(random.nextInt(taxa.size())).toString(), "Nom cité", year + "-05-01",
                        year + "-05-0" + (1 + random.nextInt(9)), "NOM Prénom (Assoc)", "Te", "1", "3", dataset.toString(),
                        random.nextInt(4) == 0 ? "2" : "", "\"POINT(" + points.get(random.nextInt(points.size())) + ")\""};
                String reason = planted.get(line);
                if (reason != null) {
                    String kind = reason;
                    defects.stream().filter(d -> d.reason().equals(kind)).findFirst().orElseThrow().spoil().accept(r, previousId);
                }
                w.write(String.join(",", r) + "\n");
                previousId = id;
            }
        }

        long start = System.nanoTime();
        ImportReport report = new OccurrenceImport(ds).run(new ImportRequest(file, dataset, "standard",
                ImportRequest.Mode.INCREMENTAL, false), ObservatoryDatabase.projectRoot().resolve("data-dir"),
                dir.resolve("planted.report.csv"), Long.MAX_VALUE, ImportProgress.none());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("planted defects: %,d rows imported in %.1f s%n", ROWS, seconds);

        assertThat(List.of(report.read(), report.rejected(), report.inserted())).containsExactly(10_000L, 42L, 9_958L);
        Map<String, Long> expected = new TreeMap<>();
        defects.forEach(d -> expected.put(d.reason(), 3L));
        assertThat(new TreeMap<>(report.reasons())).isEqualTo(expected);
        Map<Long, String> rejected = new TreeMap<>();
        for (String l : Files.readAllLines(dir.resolve("planted.report.csv")).subList(1, 43)) {
            String[] f = l.split(",");
            rejected.put(Long.parseLong(f[0]), f[f.length - 2]);
        }
        assertThat(rejected).isEqualTo(planted);

        // every row written has its attachments, its sensitivity from its taxon's rule and its public diffusion
        String mine = "FROM sinp.occurrence o WHERE o.jdd_metadonnee_dee_id = '" + dataset + "' AND o.observateur = 'NOM Prénom (Assoc)'";
        assertThat(queryLong(ds, "SELECT count(*) " + mine)).isEqualTo(9_958);
        assertThat(queryLong(ds, "SELECT count(*) " + mine + " AND (o.code_commune IS NULL OR o.code_maille IS NULL "
                + "OR o.code_departement IS NULL OR o.cd_ref IS NULL)")).isZero();
        assertThat(queryLong(ds, "SELECT count(*) " + mine + " AND o.sensi_niveau IS DISTINCT FROM coalesce((SELECT r.sensi_niveau "
                + "FROM ref.sensitivity_rule r WHERE r.cd_ref = o.cd_ref), '0')")).isZero();
        assertThat(queryLong(ds, "SELECT count(*) " + mine + " AND o.diffusion_level <> greatest(o.sensi_niveau::int, "
                + "sinp.diffusion_rank(o.diffusion_niveau_precision))")).isZero();
        assertThat(queryLong(ds, "SELECT count(*) " + mine + " AND o.diffusion_level BETWEEN 1 AND 3 "
                + "AND NOT ST_Covers(o.diffusion_geom, o.geom)")).isZero();
        assertThat(queryLong(ds, "SELECT count(DISTINCT o.diffusion_level) " + mine)).as("several diffusion levels").isGreaterThan(2);
    }
}
