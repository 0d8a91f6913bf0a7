package fr.yseraa.observatory.ext.imports;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.execute;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.ext.ObservatoryDatabase;
import fr.yseraa.observatory.ext.demo.DemoLoader;
import fr.yseraa.observatory.ext.demo.DemoOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk imports of occurrences: formats, mappings, every rejection reason, idempotence, dry runs, the rejection limit,
 * the set-based derivation against the trigger's, dates read as the database reads them.
 */
class OccurrenceImportTest {

    /** The occurrences, the tombstones and the occurrence indicators, summed up: equal when nothing was written. */
    private static final String STATE = "SELECT count(*) || ' ' || md5(string_agg(id_sinp_occtax::text || dee_date_derniere_modification::text "
            + "|| geom::text || coalesce(import_hash::text, ''), ',' ORDER BY id)) || ' ' || (SELECT count(*) FROM sinp.occurrence_tombstone) "
            + "|| ' ' || (SELECT md5(string_agg(indicator_code || unit_type || unit_code || period_start || value, ',' "
            + "ORDER BY indicator_code, unit_type, unit_code, period_start)) FROM obs.indicator_value) FROM sinp.occurrence";

    static DataSource ds;
    static UUID dataset;
    static UUID otherDataset;
    /** A point in Saint-Omer, in WGS 84 and in Lambert-93. */
    static String lon;
    static String lat;
    static String x;
    static String y;
    static final Path DATA_DIR = ObservatoryDatabase.projectRoot().resolve("data-dir");
    @TempDir
    Path dir;

    @BeforeAll
    static void demo() throws Exception {
        ds = ObservatoryDatabase.empty("imports");
        DemoLoader.load(ds, new DemoOptions(200, 11, null, null), ObservatoryDatabase.quiet());
        dataset = UUID.fromString(queryString(ds, "SELECT uuid FROM ref.dataset ORDER BY title LIMIT 1"));
        otherDataset = UUID.fromString(queryString(ds, "SELECT uuid FROM ref.dataset ORDER BY title DESC LIMIT 1"));
        String point = "(SELECT ST_PointOnSurface(geom) AS p FROM territory.commune WHERE insee = '62765') s";
        lon = queryString(ds, "SELECT round(ST_X(ST_Transform(p, 4326))::numeric, 6) FROM " + point);
        lat = queryString(ds, "SELECT round(ST_Y(ST_Transform(p, 4326))::numeric, 6) FROM " + point);
        x = queryString(ds, "SELECT round(ST_X(p)::numeric, 1) FROM " + point);
        y = queryString(ds, "SELECT round(ST_Y(p)::numeric, 1) FROM " + point);
    }

    ImportReport run(Path file, String mapping, boolean dryRun) throws Exception {
        return run(file, mapping, ImportRequest.Mode.INCREMENTAL, dryRun, null);
    }

    ImportReport run(Path file, String mapping, ImportRequest.Mode mode, boolean dryRun, Path report) throws Exception {
        return new OccurrenceImport(ds).run(new ImportRequest(file, dataset, mapping, mode, dryRun), DATA_DIR, report,
                Long.MAX_VALUE, ImportProgress.none());
    }

    Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    String association(String nombre) {
        return "Identifiant;Code taxon;Nom latin;Date;Observateur;Nombre;Statut;Sexe;Stade;X;Y\n"
                + "A1;90000001;Anas platyrhynchos;15/05/2021;DUPONT Marie (GON);" + nombre + ";présent;mâle;adulte;"
                + lon.replace('.', ',') + ";" + lat.replace('.', ',') + "\n"
                + "A2;90000002;Mareca strepera;2021-05-16;LEROY Jean (GON);1;Présent;Femelle;Juvénile;" + lon + ";" + lat + "\n"
                + "A3;90000004;Anas crecca;16/05/2021;LEROY Jean (GON);2;absent;;;" + lon + ";" + lat + "\n";
    }

    long occurrences() throws Exception {
        return queryLong(ds, "SELECT count(*) FROM sinp.occurrence WHERE jdd_metadonnee_dee_id = '" + dataset + "'");
    }

    @Test
    void anAssociationsCsvIsImportedOnceAndUpdatedWhenChanged() throws Exception {
        long before = occurrences();
        Path file = write("association.csv", association("3"));
        ImportReport first = run(file, "association", false);
        assertThat(List.of(first.read(), first.valid(), first.inserted(), first.updated(), first.unchanged(), first.rejected()))
                .containsExactly(3L, 3L, 3L, 0L, 0L, 0L);
        assertThat(occurrences()).isEqualTo(before + 3);
        UUID a1 = RowMapper.nameBasedUuid(dataset, "A1\u001f");
        assertThat(queryString(ds, "SELECT statut_observation || ' ' || occ_sexe || ' ' || occ_stade_de_vie || ' ' || date_debut "
                + "|| ' ' || denombrement_max || ' ' || statut_source || ' ' || code_commune || ' ' || diffusion_level "
                + "FROM sinp.occurrence WHERE id_sinp_occtax = '" + a1 + "'")).isEqualTo("Pr 3 2 2021-05-15 3 Te 62765 0");
        assertThat(queryString(ds, "SELECT statut_observation FROM sinp.occurrence WHERE cd_nom = 90000004 AND observateur = 'LEROY Jean (GON)'"))
                .isEqualTo("No");

        ImportReport again = run(file, "association", false);
        assertThat(List.of(again.inserted(), again.updated(), again.unchanged(), again.rejected())).containsExactly(0L, 0L, 3L, 0L);
        assertThat(occurrences()).isEqualTo(before + 3);

        String modified = queryString(ds, "SELECT dee_date_derniere_modification::text FROM sinp.occurrence WHERE id_sinp_occtax = '" + a1 + "'");
        ImportReport changed = run(write("association.csv", association("5")), "association", false);
        assertThat(List.of(changed.inserted(), changed.updated(), changed.unchanged())).containsExactly(0L, 1L, 2L);
        assertThat(queryString(ds, "SELECT denombrement_min || '-' || denombrement_max || ' ' || (dee_date_derniere_modification::text > '"
                + modified + "') FROM sinp.occurrence WHERE id_sinp_occtax = '" + a1 + "'")).isEqualTo("5-5 true");
        assertThat(queryLong(ds, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'import\\_%'")).as("workspaces left").isZero();
    }

    @Test
    void everyDefectIsReportedWithItsLineAndField() throws Exception {
        String header = "idSINPOccTax,statutObservation,cdNom,nomCite,dateDebut,dateFin,observateur,statutSource,"
                + "denombrementMin,denombrementMax,jddMetadonneeDEEId,objetGeo\n";
        String ok = "Pr,90000001,Anas,2020-05-01,2020-05-01,NOM Prénom,Te,1,2,";
        String point = "\"SRID=2154;POINT(" + x + " " + y + ")\"";
        String id = UUID.randomUUID().toString();
        String csv = header
                + id + "," + ok + "," + point + "\n"                                                          // 2 valid
                + ",Pr,90000001,,2020-05-01,2020-05-01,NOM Prénom,Te,1,2,," + point + "\n"                   // 3 missing nomCite
                + ",XX,90000001,Anas,2020-05-01,2020-05-01,NOM Prénom,Te,1,2,," + point + "\n"               // 4 unknown code
                + ",Pr,12345,Anas,2020-05-01,2020-05-01,NOM Prénom,Te,1,2,," + point + "\n"                  // 5 unknown taxon
                + ",Pr,90000001,Anas,2020-02-30,2020-03-01,NOM Prénom,Te,1,2,," + point + "\n"               // 6 bad date
                + ",Pr,90000001,Anas,2020-05-01,2999-01-01,NOM Prénom,Te,1,2,," + point + "\n"               // 7 future date
                + ",Pr,90000001,Anas,2020-05-02,2020-05-01,NOM Prénom,Te,1,2,," + point + "\n"               // 8 dates reversed
                + ",Pr,90000001,Anas,2020-05-01,2020-05-01,NOM Prénom,Te,1,2,,\"SRID=2154;POLYGON((" + x + " " + y + ","
                + x + "1 " + y + "1," + x + "1 " + y + "," + x + " " + y + "1," + x + " " + y + "))\"\n"   // 9 invalid (bow tie)
                + ",Pr,90000001,Anas,2020-05-01,2020-05-01,NOM Prénom,Te,1,2,,POINT(abc)\n"                   // 10 unreadable
                + ",Pr,90000001,Anas,2020-05-01,2020-05-01,NOM Prénom,Te,1,2,,POINT(5.5 45.2)\n"              // 11 outside
                + "not-a-uuid," + ok + "," + point + "\n"                                                     // 12 bad uuid
                + id + "," + ok + "," + point + "\n"                                                          // 13 duplicate
                + ",Pr,90000001,Anas,2020-05-01,2020-05-01,NOM Prénom,Te,5,2,," + point + "\n"               // 14 counts
                + ",Pr,90000001,Anas,2020-05-01,2020-05-01,NOM Prénom,Te,un,2,," + point + "\n"              // 15 bad number
                + "," + ok + otherDataset + "," + point + "\n";                                              // 16 other dataset
        Path file = write("defects.csv", csv);
        long before = occurrences();
        ImportReport report = run(file, "standard", false);
        assertThat(List.of(report.read(), report.valid(), report.inserted(), report.rejected())).containsExactly(15L, 1L, 1L, 14L);
        assertThat(occurrences()).isEqualTo(before + 1);
        List<String> lines = Files.readAllLines(OccurrenceImport.defaultReportFile(file));
        assertThat(lines.get(0)).isEqualTo("line,field,column,value,reason,message");
        assertThat(lines.stream().skip(1).map(l -> l.split(",")).map(f -> f[0] + " " + f[1] + " " + f[f.length - 2]))
                .containsExactly("3 nomCite missing", "4 statutObservation unknown_code", "5 cdNom unknown_taxon",
                        "6 dateDebut bad_date", "7 dateFin future_date", "8 dateFin dates_reversed",
                        "9 objetGeo invalid_geometry", "10 objetGeo invalid_geometry", "11 objetGeo outside_region",
                        "12 idSINPOccTax bad_uuid", "13 idSINPOccTax duplicate_id", "14 denombrementMax counts_reversed",
                        "15 denombrementMin bad_number", "16 jddMetadonneeDEEId other_dataset");
        assertThat(report.firstRejections().get(0).message()).isEqualTo("champ obligatoire absent");

        // an id of another dataset's occurrence is refused too
        String foreign = queryString(ds, "SELECT id_sinp_occtax FROM sinp.occurrence WHERE jdd_metadonnee_dee_id <> '" + dataset + "' LIMIT 1");
        ImportReport hijack = run(write("foreign.csv", header + foreign + "," + ok + "," + point + "\n"), "standard", false);
        assertThat(hijack.rejected()).isEqualTo(1);
        assertThat(hijack.firstRejections().get(0).reason()).isEqualTo("other_dataset");
    }

    @Test
    void aGeoJsonFileIsStreamedFeatureByFeature() throws Exception {
        String feature = """
                {"type": "Feature", "properties": {"statutObservation": "Pr", "cdNom": %d, "nomCite": "n",
                 "dateDebut": "2019-06-01", "dateFin": "2019-06-01", "observateur": "NOM Prénom", "statutSource": "Te",
                 "denombrementMin": 2, "occSexe": null}, "geometry": {"type": "Point", "coordinates": [%s, %s]}}""";
        Path file = write("occurrences.geojson", "{\"features\": [" + feature.formatted(90000001, lon, lat) + ", "
                + feature.formatted(90000002, lon, lat) + ", " + feature.formatted(90000003, "2.0", "2.0")
                + "], \"type\": \"FeatureCollection\"}");
        ImportReport report = run(file, "standard", false);
        assertThat(List.of(report.read(), report.inserted(), report.rejected())).containsExactly(3L, 2L, 1L);
        assertThat(report.firstRejections().get(0)).extracting(ImportReport.Rejection::line, ImportReport.Rejection::reason)
                .containsExactly(3L, "outside_region");
        assertThat(run(file, "standard", false).unchanged()).isEqualTo(2);
    }

    @Test
    void aGeoPackageIsReadInItsOwnCrs() throws Exception {
        String feature = """
                {"type": "Feature", "properties": {"statutObservation": "Pr", "cdNom": %d, "nomCite": "n",
                 "dateDebut": "2017-06-01", "dateFin": "2017-06-02", "observateur": "NOM Prénom", "statutSource": "Te",
                 "denombrementMin": 2}, "geometry": {"type": "Point", "coordinates": [%s, %s]}}""";
        Path geojson = write("source.geojson", "{\"type\": \"FeatureCollection\", \"features\": ["
                + feature.formatted(90000006, lon, lat) + ", " + feature.formatted(99999999, lon, lat) + ", "
                + feature.formatted(90000007, lon, lat) + "]}");
        Path gpkg = dir.resolve("occurrences.gpkg");
        Process ogr = new ProcessBuilder("ogr2ogr", "-f", "GPKG", gpkg.toString(), geojson.toString(), "-t_srs", "EPSG:2154",
                "-nln", "occurrences").redirectErrorStream(true).start();
        String out = new String(ogr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ogr.waitFor()).as(out).isZero();

        ImportReport report = run(gpkg, "standard", false);
        assertThat(List.of(report.read(), report.inserted(), report.rejected())).containsExactly(3L, 2L, 1L);
        assertThat(report.firstRejections().get(0)).extracting(ImportReport.Rejection::line, ImportReport.Rejection::reason)
                .containsExactly(2L, "unknown_taxon");
        assertThat(queryString(ds, "SELECT round(ST_X(geom)) || ' ' || round(ST_Y(geom)) || ' ' || code_commune || ' ' "
                + "|| denombrement_min FROM sinp.occurrence WHERE cd_nom = 90000007 AND date_debut = '2017-06-01'"))
                .isEqualTo(Math.round(Double.parseDouble(x)) + " " + Math.round(Double.parseDouble(y)) + " 62765 2");
        assertThat(run(gpkg, "standard", false).unchanged()).isEqualTo(2);

        Path two = dir.resolve("two-tables.gpkg");
        java.nio.file.Files.copy(gpkg, two);
        Process add = new ProcessBuilder("ogr2ogr", "-update", "-f", "GPKG", two.toString(), geojson.toString(), "-nln", "autre")
                .redirectErrorStream(true).start();
        add.getInputStream().readAllBytes();
        assertThat(add.waitFor()).isZero();
        assertThatThrownBy(() -> run(two, "standard", false)).hasMessageContaining("holds 2 (autre, occurrences)");
    }

    /**
     * The region's buffered pieces, which the outside_region check needs, are computed by the first import and kept
     * (territory.region_area), used as they are by the next, and forgotten as soon as the communes change.
     */
    @Test
    void theRegionIsComputedOnceAndForgottenWhenTheCommunesChange() throws Exception {
        String feature = """
                {"type": "Feature", "properties": {"statutObservation": "Pr", "cdNom": 90000006, "nomCite": "n",
                 "dateDebut": "2017-03-02", "dateFin": "2017-03-02", "observateur": "NOM Prénom", "statutSource": "Te"},
                 "geometry": {"type": "Point", "coordinates": [%s, %s]}}""";
        Path file = write("region.geojson", "{\"type\": \"FeatureCollection\", \"features\": ["
                + feature.formatted(lon, lat) + ", " + feature.formatted("2.0", "2.0") + "]}");
        String pieces = "SELECT count(*) || ' ' || md5(string_agg(ST_AsEWKB(geom)::text, ',' ORDER BY piece)) "
                + "FROM territory.region_area WHERE tolerance_m = " + OccurrenceImport.REGION_TOLERANCE_M;
        ImportReport first = run(file, "standard", false);
        assertThat(List.of(first.inserted(), first.rejected())).containsExactly(1L, 1L);
        String kept = queryString(ds, pieces);
        assertThat(queryLong(ds, "SELECT count(*) FROM territory.region_area")).as("pieces kept").isPositive();
        ImportReport second = run(file, "standard", false);
        assertThat(List.of(second.unchanged(), second.rejected())).containsExactly(1L, 1L);
        assertThat(queryString(ds, pieces)).as("the same pieces, not computed again").isEqualTo(kept);

        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE territory.commune SET name = name WHERE insee = '62765'");
        }
        assertThat(queryLong(ds, "SELECT count(*) FROM territory.region_area")).as("forgotten").isZero();
        ImportReport third = run(file, "standard", false);
        assertThat(List.of(third.unchanged(), third.rejected())).containsExactly(1L, 1L);
        assertThat(third.firstRejections().get(0).reason()).isEqualTo("outside_region");
        assertThat(queryString(ds, pieces)).as("computed again from the same communes").isEqualTo(kept);
    }

    @Test
    void xAndYAreReadInTheMappingsCrs() throws Exception {
        Path dataDir = dir.resolve("data-dir");
        Files.createDirectories(dataDir.resolve(ImportMapping.FOLDER));
        Files.writeString(dataDir.resolve(ImportMapping.FOLDER).resolve("lambert.yaml"), """
                columns: {espece: cdNom, nom: nomCite, date: [dateDebut, dateFin], obs: observateur}
                geometry: {x: X, y: Y, crs: "EPSG:2154"}
                constants: {statutSource: Te, statutObservation: Pr}
                """);
        Path file = write("lambert.csv", "espece,nom,date,obs,X,Y\n90000005,n,2018-04-01,NOM Prénom," + x + "," + y + "\n"
                + "90000005,n,2018-04-01,NOM Prénom," + lon + "," + lat + "\n");
        ImportReport report = new OccurrenceImport(ds).run(new ImportRequest(file, dataset, "lambert",
                ImportRequest.Mode.INCREMENTAL, false), dataDir, dir.resolve("r.csv"), Long.MAX_VALUE, ImportProgress.none());
        assertThat(List.of(report.inserted(), report.rejected())).containsExactly(1L, 1L);
        assertThat(report.firstRejections().get(0).reason()).isEqualTo("outside_region");
        assertThat(queryString(ds, "SELECT round(ST_X(geom)) || ' ' || code_commune FROM sinp.occurrence "
                + "WHERE cd_nom = 90000005 AND date_debut = '2018-04-01'")).isEqualTo(Math.round(Double.parseDouble(x)) + " 62765");
        assertThat(Files.readAllLines(dir.resolve("r.csv"))).hasSize(2);
    }

    @Test
    void aDryRunReportsWithoutWriting() throws Exception {
        String before = queryString(ds, "SELECT count(*) || ' ' || max(dee_date_derniere_modification) FROM sinp.occurrence");
        Path file = write("dry.csv", association("7").replace("A1;", "D1;").replace("A2;", "D2;").replace("A3;", "D3;"));
        ImportReport report = run(file, "association", true);
        assertThat(report.dryRun()).isTrue();
        assertThat(report.inserted()).isEqualTo(3);
        assertThat(report.summary()).startsWith("dry run (nothing written): 3 read, 3 valid, 3 inserted");
        assertThat(report.changedArea()).isNull();
        assertThat(queryString(ds, "SELECT count(*) || ' ' || max(dee_date_derniere_modification) FROM sinp.occurrence"))
                .isEqualTo(before);
        assertThat(queryLong(ds, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'import\\_%'")).as("workspaces left").isZero();
    }

    @Test
    void aFileTheMappingDoesNotFitIsRefused() throws Exception {
        Path file = write("other.csv", "a;b\n1;2\n");
        assertThatThrownBy(() -> run(file, "association", false)).hasMessageContaining("none of mapping association");
        assertThatThrownBy(() -> run(file, "nosuch", false)).hasMessageContaining("no mapping nosuch");
        assertThatThrownBy(() -> new OccurrenceImport(ds).run(new ImportRequest(file, UUID.randomUUID(), "association",
                ImportRequest.Mode.INCREMENTAL, false), DATA_DIR, null, Long.MAX_VALUE, ImportProgress.none()))
                .hasMessageContaining("no dataset");
    }

    @Test
    void fullModeWithdrawsWhatTheFileNoLongerHoldsAndLeavesTombstones() throws Exception {
        UUID full = UUID.fromString(queryString(ds, "SELECT uuid FROM ref.dataset ORDER BY title OFFSET 1 LIMIT 1"));
        String rows = "Identifiant;Code taxon;Nom latin;Date;Observateur;Statut;X;Y\n";
        for (int i = 1; i <= 5; i++) {
            rows += "F" + i + ";9000000" + i + ";n;0" + i + "/06/2022;NOM Prénom;présent;" + lon + ";" + lat + "\n";
        }
        OccurrenceImport importer = new OccurrenceImport(ds);
        ImportReport first = importer.run(new ImportRequest(write("all.csv", rows), full, "association",
                ImportRequest.Mode.INCREMENTAL, false), DATA_DIR, null, Long.MAX_VALUE, ImportProgress.none());
        assertThat(first.inserted()).isEqualTo(5);
        long demoRows = queryLong(ds, "SELECT count(*) FROM sinp.occurrence WHERE jdd_metadonnee_dee_id = '" + full + "'") - 5;

        String three = String.join("\n", rows.lines().limit(4).toList()) + "\n";
        ImportReport withdrawn = importer.run(new ImportRequest(write("three.csv", three), full, "association",
                ImportRequest.Mode.FULL, false), DATA_DIR, null, Long.MAX_VALUE, ImportProgress.none());
        assertThat(List.of(withdrawn.inserted(), withdrawn.updated(), withdrawn.unchanged(), withdrawn.deleted()))
                .containsExactly(0L, 0L, 3L, demoRows + 2);
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence WHERE jdd_metadonnee_dee_id = '" + full + "'")).isEqualTo(3);
        UUID f5 = RowMapper.nameBasedUuid(full, "F5\u001f");
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence_tombstone WHERE jdd_metadonnee_dee_id = '" + full
                + "' AND deleted_at = now()")).isZero(); // another transaction's now()
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence_tombstone WHERE jdd_metadonnee_dee_id = '" + full + "'"))
                .isEqualTo(demoRows + 2);
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence_layer WHERE id_sinp_occtax = '" + f5 + "'")).isZero();
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence_tombstone WHERE id_sinp_occtax = '" + f5 + "'")).isOne();
        double px = Double.parseDouble(x);
        double py = Double.parseDouble(y);
        assertThat(withdrawn.changedArea().contains(px, py)).isTrue();

        // sent again, an occurrence is back and its tombstone goes; the same full file again changes nothing
        importer.run(new ImportRequest(write("all.csv", rows), full, "association", ImportRequest.Mode.INCREMENTAL, false),
                DATA_DIR, null, Long.MAX_VALUE, ImportProgress.none());
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence_tombstone WHERE id_sinp_occtax = '" + f5 + "'")).isZero();
        ImportReport again = importer.run(new ImportRequest(write("all.csv", rows), full, "association",
                ImportRequest.Mode.FULL, false), DATA_DIR, null, Long.MAX_VALUE, ImportProgress.none());
        assertThat(List.of(again.inserted(), again.updated(), again.unchanged(), again.deleted())).containsExactly(0L, 0L, 5L, 0L);
        assertThat(again.changedArea()).isNull();
        Path empty = write("empty.csv", rows.lines().findFirst().orElseThrow() + "\n");
        assertThatThrownBy(() -> importer.run(new ImportRequest(empty, full, "association",
                ImportRequest.Mode.FULL, false), DATA_DIR, null, Long.MAX_VALUE, ImportProgress.none()))
                .hasMessageContaining("no row");
    }

    @Test
    void aJsonReportHoldsTheCountsPerReasonAndTheRejections() throws Exception {
        String rows = association("2").replace("90000002", "12345").replace("16/05/2021", "31/02/2021");
        Path report = dir.resolve("report.json");
        ImportReport result = run(write("json.csv", rows), "association", ImportRequest.Mode.INCREMENTAL, true, report);
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("counts").path("read").asLong()).isEqualTo(3);
        assertThat(json.path("counts").path("rejected").asLong()).isEqualTo(2);
        assertThat(json.path("mode").asText()).isEqualTo("incremental");
        assertThat(json.path("dryRun").asBoolean()).isTrue();
        assertThat(json.path("reasons").toString()).isEqualTo(
                "[{\"reason\":\"bad_date\",\"message\":\"date illisible (AAAA-MM-JJ ou JJ/MM/AAAA attendu)\",\"count\":2},"
                + "{\"reason\":\"unknown_taxon\",\"message\":\"cdNom inconnu de TAXREF\",\"count\":1}]");
        assertThat(json.path("rejections").get(0).toString()).isEqualTo("{\"line\":3,\"field\":\"cdNom\",\"column\":"
                + "\"Code taxon\",\"value\":\"12345\",\"reason\":\"unknown_taxon\",\"message\":\"cdNom inconnu de TAXREF\"}");
        assertThat(json.path("rejections")).hasSize(3);
        assertThat(json.path("rejectionsComplete").asBoolean()).isTrue();
        assertThat(result.reasons()).containsExactly(Map.entry("bad_date", 2L), Map.entry("unknown_taxon", 1L));

        new OccurrenceImport(ds).run(new ImportRequest(dir.resolve("json.csv"), dataset, "association",
                ImportRequest.Mode.INCREMENTAL, true), DATA_DIR, report, 1, ImportProgress.none());
        JsonNode cut = new ObjectMapper().readTree(report.toFile());
        assertThat(cut.path("rejections")).hasSize(1);
        assertThat(cut.path("rejectionsComplete").asBoolean()).isFalse();
    }

    /** Progress that fails the import when it comes to the deriving step, after everything was written. */
    static ImportProgress stoppingWhenDeriving() {
        return new ImportProgress() {
            @Override
            public void phase(Phase phase) {
                if (phase == Phase.DERIVING) {
                    throw new IllegalStateException("the machine stops");
                }
            }

            @Override
            public void advanced(long done, long position, long total) {
            }
        };
    }

    @Test
    void aFailureMidwayLeavesTheDatabaseAsItWas() throws Exception {
        String before = queryString(ds, STATE);
        ImportProgress failing = stoppingWhenDeriving();
        Path file = write("fail.csv", association("9").replace("A1;", "K1;").replace("A2;", "K2;"));
        assertThatThrownBy(() -> new OccurrenceImport(ds).run(new ImportRequest(file, dataset, "association",
                ImportRequest.Mode.FULL, false), DATA_DIR, null, Long.MAX_VALUE, failing)).hasMessage("the machine stops");
        assertThat(queryString(ds, STATE)).isEqualTo(before);
    }

    @Test
    void aPartitionTheNewRowsAtLeastDoubleIsRebuiltWithThemIndexedAndKeyed() throws Exception {
        String partition = "sinp.occurrence_" + queryString(ds, "SELECT departement_code FROM territory.commune WHERE insee = '62765'");
        String indexes = "SELECT string_agg(c.relname || ' ' || x.indisvalid, ', ' ORDER BY c.relname) FROM pg_index x "
                + "JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_inherits i ON i.inhrelid = x.indexrelid "
                + "WHERE x.indrelid = '" + partition + "'::regclass";
        String table = "SELECT '" + partition + "'::regclass::oid::text";
        String indexesBefore = queryString(ds, indexes);
        String tableBefore = queryString(ds, table);
        long held = queryLong(ds, "SELECT count(*) FROM " + partition);
        String sensitive = queryString(ds, "SELECT t.cd_nom FROM ref.taxref t JOIN ref.sensitivity_rule r ON r.cd_ref = t.cd_ref "
                + "WHERE r.sensi_niveau::int BETWEEN 1 AND 3 ORDER BY r.sensi_niveau, t.cd_nom LIMIT 1");
        StringBuilder csv = new StringBuilder("Identifiant;Code taxon;Nom latin;Date;Observateur;Nombre;Statut;Sexe;Stade;X;Y\n");
        long n = held + 10;
        for (long i = 1; i <= n; i++) {
            csv.append("P").append(i).append(';').append(i % 2 == 0 ? sensitive : "90000001").append(";n;15/05/2021;REBUILD Test;1;")
                    .append("présent;;;").append(lon).append(';').append(lat).append('\n');
        }
        Path file = write("rebuild.csv", csv.toString());
        String state = queryString(ds, STATE);
        ImportProgress failing = stoppingWhenDeriving();
        System.setProperty(PartitionLoad.MIN_ROWS_PROPERTY, "1");
        try {
            // rebuilt and swapped, then a failure: the former partition is there, as it was
            assertThatThrownBy(() -> new OccurrenceImport(ds).run(new ImportRequest(file, dataset, "association",
                    ImportRequest.Mode.INCREMENTAL, false), DATA_DIR, null, Long.MAX_VALUE, failing)).hasMessage("the machine stops");
            assertThat(queryString(ds, STATE)).isEqualTo(state);
            assertThat(queryString(ds, table)).isEqualTo(tableBefore);

            ImportReport report = run(file, "association", false);
            assertThat(List.of(report.inserted(), report.rejected())).containsExactly(n, 0L);
        } finally {
            System.clearProperty(PartitionLoad.MIN_ROWS_PROPERTY);
        }
        assertThat(queryString(ds, table)).as("a new table").isNotEqualTo(tableBefore);
        assertThat(queryString(ds, "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relid = '" + partition
                + "'::regclass")).as("analysed by the import itself (not by autovacuum, after it)").isEqualTo("t");
        assertThat(queryLong(ds, "SELECT count(*) FROM " + partition)).isEqualTo(held + n);
        String mine = "observateur = 'REBUILD Test' AND jdd_metadonnee_dee_id = '" + dataset + "'";
        assertThat(queryLong(ds, "SELECT count(*) FROM " + partition + " WHERE " + mine)).isEqualTo(n);
        assertThat(queryLong(ds, "SELECT count(DISTINCT id) FROM sinp.occurrence")).isEqualTo(queryLong(ds, "SELECT count(*) FROM sinp.occurrence"));
        // its indexes are the former ones (names, valid, attached to the parent's), its foreign keys and row triggers the parent's
        assertThat(queryString(ds, indexes)).isEqualTo(indexesBefore).doesNotContain(" false");
        assertThat(queryLong(ds, "SELECT count(*) FROM pg_inherits i JOIN pg_index x ON x.indexrelid = i.inhrelid "
                + "WHERE x.indrelid = '" + partition + "'::regclass")).isEqualTo(queryLong(ds,
                "SELECT count(*) FROM pg_index WHERE indrelid = 'sinp.occurrence'::regclass"));
        assertThat(queryLong(ds, "SELECT count(*) FROM pg_constraint WHERE conrelid = '" + partition + "'::regclass "
                + "AND contype = 'f' AND conparentid <> 0")).isEqualTo(2);
        assertThat(queryLong(ds, "SELECT count(*) FROM pg_trigger WHERE tgrelid = '" + partition + "'::regclass AND NOT tgisinternal"))
                .isEqualTo(queryLong(ds, "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'sinp.occurrence'::regclass "
                        + "AND NOT tgisinternal AND tgtype & 1 = 1"));
        // the key table names every occurrence in its partition; every blurred area shown is in sinp.diffusion_area
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence o FULL JOIN sinp.occurrence_key k USING (id_sinp_occtax) "
                + "WHERE o.id IS NULL OR k.id_sinp_occtax IS NULL OR k.code_departement IS DISTINCT FROM o.code_departement")).isZero();
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence WHERE " + mine + " AND diffusion_level BETWEEN 1 AND 3"))
                .isPositive();
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence o WHERE o.diffusion_level BETWEEN 1 AND 3 AND NOT EXISTS "
                + "(SELECT 1 FROM sinp.diffusion_area a WHERE a.hash = md5(ST_AsEWKB(o.diffusion_geom)) "
                + "AND a.diffusion_level = o.diffusion_level)")).isZero();
        // the key still refuses a second occurrence of one idSINPOccTax, and the same file again changes nothing
        assertThatThrownBy(() -> execute(ds, "INSERT INTO sinp.occurrence (" + COPIED + ") SELECT " + COPIED
                + " FROM sinp.occurrence WHERE " + mine + " LIMIT 1")).hasMessageContaining("occurrence_id_sinp_occtax_key");
        assertThat(run(file, "association", false).unchanged()).isEqualTo(n);
    }

    @Test
    void theKeyTablesPrimaryKeyIsMadeAgainWhenTheNewRowsOutnumberItsKeys() throws Exception {
        String key = "SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), ', ') FROM pg_constraint "
                + "WHERE conrelid = 'sinp.occurrence_key'::regclass";
        String keyBefore = queryString(ds, key);
        long n = queryLong(ds, "SELECT count(*) FROM sinp.occurrence_key") + 10;
        StringBuilder csv = new StringBuilder("Identifiant;Code taxon;Nom latin;Date;Observateur;Nombre;Statut;Sexe;Stade;X;Y\n");
        for (long i = 1; i <= n; i++) {
            csv.append("Q").append(i).append(";90000001;n;15/05/2021;KEY Test;1;présent;;;").append(lon).append(';').append(lat).append('\n');
        }
        Path file = write("outnumbering.csv", csv.toString());
        String state = queryString(ds, STATE);
        System.setProperty(PartitionLoad.MIN_ROWS_PROPERTY, "1");
        try {
            // the primary key dropped for the rebuild, then a failure: it is there, as it was
            assertThatThrownBy(() -> new OccurrenceImport(ds).run(new ImportRequest(file, dataset, "association",
                    ImportRequest.Mode.INCREMENTAL, false), DATA_DIR, null, Long.MAX_VALUE, stoppingWhenDeriving()))
                    .hasMessage("the machine stops");
            assertThat(queryString(ds, STATE)).isEqualTo(state);
            assertThat(queryString(ds, key)).isEqualTo(keyBefore);

            assertThat(run(file, "association", false).inserted()).isEqualTo(n);
        } finally {
            System.clearProperty(PartitionLoad.MIN_ROWS_PROPERTY);
        }
        assertThat(queryString(ds, key)).isEqualTo(keyBefore);
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence o FULL JOIN sinp.occurrence_key k USING (id_sinp_occtax) "
                + "WHERE o.id IS NULL OR k.id_sinp_occtax IS NULL OR k.code_departement IS DISTINCT FROM o.code_departement")).isZero();
        assertThatThrownBy(() -> execute(ds, "INSERT INTO sinp.occurrence_key SELECT * FROM sinp.occurrence_key LIMIT 1"))
                .hasMessageContaining("occurrence_id_sinp_occtax_key");
    }

    /** The columns of sinp.occurrence but its internal id. */
    private static final String COPIED = "id_sinp_occtax, statut_observation, cd_nom, nom_cite, date_debut, date_fin, observateur, "
            + "org_gest_dat, statut_source, ds_publique, jdd_metadonnee_dee_id, geom, diffusion_level, diffusion_geom, code_departement";

    /** "lon;lat" in WGS 84 of a point inside the first or last commune by INSEE code but the marsh's (62765). */
    private static String anotherCommunesPoint(String order) throws Exception {
        return queryString(ds, "SELECT round(ST_X(p)::numeric, 6) || ';' || round(ST_Y(p)::numeric, 6) FROM "
                + "(SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS p FROM territory.commune WHERE insee <> '62765' "
                + "ORDER BY insee " + order + " LIMIT 1) s");
    }

    @Test
    void theIndicatorsOfTheTouchedUnitsAndPeriodsAreThoseOfAFullRecompute() throws Exception {
        String values = "SELECT md5(string_agg(indicator_code || unit_type || unit_code || period_start || value, ',' "
                + "ORDER BY indicator_code, unit_type, unit_code, period_start)) FROM obs.indicator_value";
        execute(ds, "SELECT obs.compute_occurrence_indicators()");
        String before = queryString(ds, values);
        // new rows, then one moved to another period and another commune's cell, and one more observer
        run(write("touched.csv", association("4").replace("A3;", "T3;").replace("A2;", "T2;").replace("A1;", "T1;")),
                "association", false);
        String far = anotherCommunesPoint("ASC");
        ImportReport moved = run(write("touched.csv", association("4").replace("A3;", "T3;").replace("A2;", "T2;")
                .replace("A1;", "T1;").replace("15/05/2021", "15/05/1998").replace("LEROY Jean (GON);1;",
                        "LEROY Jean (GON), NOUVEL Ana;1;").replace(lon + ";" + lat + "\nT3", far + "\nT3")), "association", false);
        assertThat(moved.updated()).isEqualTo(2);
        String touched = queryString(ds, values);
        assertThat(touched).as("the import changed indicators").isNotEqualTo(before);

        execute(ds, "SELECT obs.compute_occurrence_indicators()");
        assertThat(queryString(ds, values)).isEqualTo(touched);
    }

    @Test
    void theDensityGridsOfTheTouchedAreasAreThoseOfAFullRebuild() throws Exception {
        String grids = "SELECT md5(string_agg(class_id || ' ' || level || ' ' || ix || ' ' || iy || ' ' || n, ',' "
                + "ORDER BY class_id, level, ix, iy)) FROM obs.density_grid";
        execute(ds, "SELECT obs.refresh_density_grid()");
        String before = queryString(ds, grids);
        // new rows, then one moved to another commune; then the same file in full mode withdraws the rest
        run(write("grid.csv", association("4").replace("A3;", "G3;").replace("A2;", "G2;").replace("A1;", "G1;")),
                "association", false);
        String inserted = queryString(ds, grids);
        assertThat(inserted).as("the import changed the grids").isNotEqualTo(before);
        String far = anotherCommunesPoint("DESC");
        ImportReport moved = run(write("grid.csv", association("4").replace("A3;", "G3;").replace("A2;", "G2;")
                .replace("A1;", "G1;").replace(lon + ";" + lat + "\nG3", far + "\nG3")), "association", false);
        assertThat(moved.updated()).isEqualTo(1);
        String touched = queryString(ds, grids);
        assertThat(touched).as("the move changed the grids").isNotEqualTo(inserted);
        execute(ds, "SELECT obs.refresh_density_grid()");
        assertThat(queryString(ds, grids)).as("the touched cells, recounted, are those of a full rebuild")
                .isEqualTo(touched);
    }

    /** Two imports into the same cells at once: each recounts them in turn, after the other's rows are committed. */
    @Test
    void concurrentImportsOverTheSameCellsLeaveTheGridsOfAFullRebuild() throws Exception {
        String grids = "SELECT md5(string_agg(class_id || ' ' || level || ' ' || ix || ' ' || iy || ' ' || n, ',' "
                + "ORDER BY class_id, level, ix, iy)) FROM obs.density_grid";
        Path first = write("concurrent-1.csv", association("2").replace("A1;", "C1;").replace("A2;", "C2;").replace("A3;", "C3;"));
        Path second = write("concurrent-2.csv", association("2").replace("A1;", "D1;").replace("A2;", "D2;").replace("A3;", "D3;"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<ImportReport> a = pool.submit(() -> new OccurrenceImport(ds).run(new ImportRequest(first,
                    dataset, "association", ImportRequest.Mode.INCREMENTAL, false), DATA_DIR, null, Long.MAX_VALUE,
                    ImportProgress.none()));
            java.util.concurrent.Future<ImportReport> b = pool.submit(() -> new OccurrenceImport(ds).run(new ImportRequest(second,
                    otherDataset, "association", ImportRequest.Mode.INCREMENTAL, false), DATA_DIR, null, Long.MAX_VALUE,
                    ImportProgress.none()));
            assertThat(a.get().inserted()).isEqualTo(3);
            assertThat(b.get().inserted()).isEqualTo(3);
        } finally {
            pool.shutdown();
        }
        String touched = queryString(ds, grids);
        execute(ds, "SELECT obs.refresh_density_grid()");
        assertThat(queryString(ds, grids)).isEqualTo(touched);
    }

    @Test
    void moreRejectionsThanTheLimitRefuseTheWholeImport() throws Exception {
        String rows = association("2").replace("90000002", "12345").replace("A1;", "M1;").replace("A2;", "M2;")
                .replace("A3;", "M3;");
        Path file = write("limit.csv", rows);
        String before = queryString(ds, STATE);
        long count = occurrences();
        for (String limit : List.of("0", "30%")) {
            ImportReport refused = new OccurrenceImport(ds).run(new ImportRequest(file, dataset, "association",
                    ImportRequest.Mode.INCREMENTAL, false, RejectionLimit.parse(limit)), DATA_DIR, null, Long.MAX_VALUE,
                    ImportProgress.none());
            assertThat(refused.refusal()).as(limit).isEqualTo("1 rows rejected out of 3, more than the " + limit + " allowed");
            assertThat(List.of(refused.inserted(), refused.rejected())).containsExactly(2L, 1L);
            assertThat(refused.changedArea()).isNull();
            assertThat(refused.summary()).startsWith("refused (nothing written): 1 rows rejected");
            assertThat(queryString(ds, STATE)).as("nothing written, not even the indicators").isEqualTo(before);
            assertThat(Files.readAllLines(OccurrenceImport.defaultReportFile(file))).hasSize(2)
                    .element(1).asString().startsWith("3,cdNom,Code taxon,12345,unknown_taxon");
        }
        // at the limit (1 of 1, 33.3 % of 34 %), the valid rows are written
        for (String limit : List.of("1", "34%")) {
            ImportReport accepted = new OccurrenceImport(ds).run(new ImportRequest(file, dataset, "association",
                    ImportRequest.Mode.INCREMENTAL, false, RejectionLimit.parse(limit)), DATA_DIR, null, Long.MAX_VALUE,
                    ImportProgress.none());
            assertThat(accepted.refusal()).as(limit).isNull();
            assertThat(accepted.rejected()).isEqualTo(1);
        }
        assertThat(occurrences()).isEqualTo(count + 2);
        assertThatThrownBy(() -> RejectionLimit.parse("beaucoup")).hasMessageContaining("not beaucoup");
        assertThatThrownBy(() -> RejectionLimit.parse("101%")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSetBasedDerivationIsTheTriggers() throws Exception {
        // points and polygons over every commune, for every diffusion wish, of taxa with and without a sensitivity rule
        List<String> points = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT round(ST_X(p)::numeric, 1) || ' ' || round(ST_Y(p)::numeric, 1) "
                     + "FROM (SELECT ST_PointOnSurface(geom) AS p FROM territory.commune ORDER BY insee) s")) {
            while (rs.next()) {
                points.add(rs.getString(1));
            }
        }
        List<String> taxa = List.of(queryString(ds, "SELECT string_agg(cd_nom::text, ' ') FROM (SELECT t.cd_nom FROM ref.taxref t "
                + "JOIN ref.sensitivity_rule r ON r.cd_ref = t.cd_ref ORDER BY r.sensi_niveau, t.cd_nom LIMIT 4) s").split(" "));
        StringBuilder csv = new StringBuilder("statutObservation,cdNom,nomCite,dateDebut,dateFin,observateur,statutSource,"
                + "diffusionNiveauPrecision,objetGeo\n");
        int n = 0;
        for (String point : points) {
            String[] xy = point.split(" ");
            double px = Double.parseDouble(xy[0]);
            double py = Double.parseDouble(xy[1]);
            String[] shapes = {"POINT(" + point + ")",
                    "POLYGON((%1$s %2$s, %3$s %2$s, %3$s %4$s, %1$s %4$s, %1$s %2$s))".formatted(px - 50, py - 50, px + 50, py + 50),
                    "POLYGON((%1$s %2$s, %3$s %2$s, %3$s %4$s, %1$s %4$s, %1$s %2$s))".formatted(px - 9000, py - 7000, px + 9000, py + 7000)};
            for (String shape : shapes) {
                String cdNom = n % 3 == 0 ? taxa.get(n % taxa.size()) : "90000001";
                csv.append("Pr,").append(cdNom).append(",n,2020-05-01,2020-05-01,DERIVE Test,Te,").append(n % 5 == 0 ? "" : n % 5)
                        .append(",\"SRID=2154;").append(shape).append("\"\n");
                n++;
            }
        }
        ImportReport report = run(write("derive.csv", csv.toString()), "standard", false);
        assertThat(List.of(report.inserted(), report.rejected())).containsExactly((long) n, 0L);
        String mine = "jdd_metadonnee_dee_id = '" + dataset + "' AND observateur = 'DERIVE Test'";
        assertThat(queryLong(ds, "SELECT count(DISTINCT diffusion_level) FROM sinp.occurrence WHERE " + mine)).isEqualTo(5);

        // the same rows derived again by the trigger, in a transaction rolled back: the same values, to the byte
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("CREATE TEMPORARY TABLE bulk AS SELECT id, code_commune, code_departement, code_maille, diffusion_level, "
                    + "diffusion_geom, cd_ref, sensi_niveau FROM sinp.occurrence WHERE " + mine);
            assertThat(st.executeUpdate("UPDATE sinp.occurrence SET code_commune = NULL, code_departement = NULL, "
                    + "code_maille = NULL, diffusion_geom = NULL WHERE " + mine)).isEqualTo(n);
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE (o.code_commune, o.code_departement, "
                    + "o.code_maille, o.diffusion_level, o.cd_ref, o.sensi_niveau) IS DISTINCT FROM (b.code_commune, "
                    + "b.code_departement, b.code_maille, b.diffusion_level, b.cd_ref, b.sensi_niveau) "
                    + "OR NOT (o.diffusion_geom IS NOT DISTINCT FROM b.diffusion_geom)), "
                    + "count(*) FILTER (WHERE o.import_hash IS NOT NULL) FROM sinp.occurrence o JOIN bulk b USING (id)")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(n);
                assertThat(rs.getLong(2)).as("rows derived otherwise than by the trigger").isZero();
                assertThat(rs.getLong(3)).as("an edit clears the source hash").isZero();
            }
            c.rollback();
        }
        assertThat(run(write("derive.csv", csv.toString()), "standard", false).unchanged()).isEqualTo(n);
    }

    @Test
    void aDateIsReadAsTheDatabaseReadsIt() throws Exception {
        List<String> texts = List.of("2020-02-29", "2021-02-29", "2020-02-30", "1900-02-29", "2000-02-29", "2021-04-31",
                "31/12/2020", " 1/2/2020 ", "2020-05-01T10:00:00Z", "2020-05-01 10:00", "0000-01-01", "2020-13-01",
                "32/01/2020", "00/01/2020", "2020-5-1", "abc", "", "15/05/21", "2021-05-15x");
        for (String text : texts) {
            String sql = queryString(ds, "SELECT coalesce(sinp.parse_date('" + text + "')::text, 'none')");
            java.time.LocalDate java = SourceDate.parse(text);
            assertThat(java == null ? "none" : java.toString()).as(text).isEqualTo(sql);
        }
    }
}
