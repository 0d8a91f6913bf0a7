package fr.yseraa.observatory.ext.demo;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.yseraa.observatory.ext.ObservatoryDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo observatory: complete, realistic in its proportions, reproducible from its seed. */
class DemoLoaderTest {

    @Test
    void theDemoHoldsEveryLayerAndEverySensitivityLevel() throws Exception {
        DataSource ds = ObservatoryDatabase.demo();
        assertThat(DemoLoader.isEmpty(ds)).isFalse();
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence")).isEqualTo(ObservatoryDatabase.DEMO_OCCURRENCES);
        assertThat(queryLong(ds, "SELECT count(DISTINCT sensi_niveau) FROM sinp.occurrence")).isEqualTo(5);
        assertThat(queryLong(ds, "SELECT count(DISTINCT diffusion_level) FROM sinp.occurrence")).isEqualTo(5);
        assertThat(queryLong(ds, "SELECT count(*) FROM ref.taxref WHERE cd_nom >= 90000000")).isGreaterThanOrEqualTo(150);
        assertThat(queryLong(ds, "SELECT count(DISTINCT group2_inpn) FROM ref.taxref")).isGreaterThanOrEqualTo(7);
        assertThat(queryLong(ds, "SELECT count(*) FROM territory.commune")).isEqualTo(96);
        assertThat(queryString(ds, "SELECT name FROM territory.commune WHERE insee = '62765'")).isEqualTo("Saint-Omer");
        assertThat(queryLong(ds, "SELECT count(*) FROM territory.departement")).isEqualTo(2);
        assertThat(queryLong(ds, "SELECT count(DISTINCT size_m) FROM territory.grid_cell")).isEqualTo(3);
        assertThat(queryLong(ds, "SELECT count(DISTINCT class_code) FROM landscape.habitat")).isEqualTo(9);
        assertThat(queryLong(ds, "SELECT count(DISTINCT sub_network) FROM landscape.reservoir")).isEqualTo(4);
        assertThat(queryLong(ds, "SELECT count(DISTINCT sub_network) FROM landscape.corridor")).isEqualTo(4);
        assertThat(queryLong(ds, "SELECT count(*) FROM landscape.watercourse WHERE kind IN ('watergang', 'ditch')")).isGreaterThan(50);
        assertThat(queryLong(ds, "SELECT count(DISTINCT kind) FROM landscape.obstacle")).isEqualTo(4);
        assertThat(queryLong(ds, "SELECT count(DISTINCT producer_id) FROM ref.dataset")).isGreaterThan(5);
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence_maille")).isPositive();
        assertThat(queryLong(ds, "SELECT count(DISTINCT indicator_code) FROM obs.indicator_value")).isEqualTo(5); // 3 + the effort's 2
        assertThat(queryLong(ds, "SELECT count(DISTINCT unit_type) FROM obs.indicator_value")).isEqualTo(3);
        // the territory counts what the public may place in one of its communes: the sum of the communes' counts
        assertThat(queryLong(ds, """
                SELECT count(*) FROM obs.indicator_value t
                WHERE t.indicator_code = 'occurrence_count' AND t.unit_type = 'territory' AND t.value <> (
                    SELECT sum(value) FROM obs.indicator_value c WHERE c.indicator_code = 'occurrence_count'
                    AND c.unit_type = 'commune' AND c.period_start = t.period_start)""")).isZero();
        // a cell counts what the public may place in it: never more than its occurrences of diffusion level <= 2
        assertThat(queryLong(ds, """
                SELECT count(*) FROM obs.indicator_value v
                WHERE v.indicator_code = 'occurrence_count' AND v.unit_type = 'maille_10km' AND v.value <> (
                    SELECT count(*) FROM sinp.occurrence o WHERE o.code_maille = v.unit_code AND o.diffusion_level <= 2
                    AND o.statut_observation = 'Pr' AND o.date_debut BETWEEN v.period_start AND v.period_end)"""))
                .isZero();
        assertThat(queryLong(ds, "SELECT count(*) FROM territory.ramsar_site WHERE area_ha > 1000")).isEqualTo(1);
        // the heritage taxa are those the demo's statuses make so (taxa.csv's heritage column), through load-statuts
        assertThat(queryLong(ds, "SELECT count(*) FROM ref.taxon_status")).isEqualTo(DemoTaxon.load().size());
        assertThat(queryString(ds, "SELECT string_agg(cd_nom::text, ',' ORDER BY cd_nom) FROM ref.taxref WHERE patrimonial"))
                .isEqualTo(String.join(",", DemoTaxon.load().stream().filter(DemoTaxon::heritage)
                        .map(t -> Integer.toString(t.cdNom())).sorted().toList()));
        assertThat(queryLong(ds, "SELECT count(*) FROM ref.taxref WHERE patrimonial")).isGreaterThanOrEqualTo(30);
        assertThat(queryLong(ds, "SELECT sum(value) FROM obs.indicator_value WHERE indicator_code = 'heritage_species'"))
                .isPositive();
    }

    @Test
    void occurrencesLieInTheirHabitatOverThirtyFiveYears() throws Exception {
        DataSource ds = ObservatoryDatabase.demo();
        assertThat(queryString(ds, "SELECT min(extract(year FROM date_debut)) || '-' || max(extract(year FROM date_fin)) FROM sinp.occurrence"))
                .isEqualTo("1990-2025");
        // a marsh bird is observed mostly in the marsh's open water, reed beds and wet grassland
        long inWetland = queryLong(ds, """
                SELECT count(*) FROM sinp.occurrence o JOIN ref.taxref t ON t.cd_nom = o.cd_nom
                WHERE t.lb_nom = 'Acrocephalus scirpaceus' AND EXISTS (
                    SELECT 1 FROM landscape.habitat h WHERE ST_Intersects(h.geom, o.geom)
                    AND h.class_code IN ('open_water', 'reed_marsh', 'wet_grassland'))""");
        long all = queryLong(ds, "SELECT count(*) FROM sinp.occurrence o JOIN ref.taxref t ON t.cd_nom = o.cd_nom "
                + "WHERE t.lb_nom = 'Acrocephalus scirpaceus'");
        assertThat(all).isPositive();
        assertThat((double) inWetland / all).isGreaterThan(0.8);
    }

    @Test
    void diffusionGeometriesAreTheCellAndTheCommune() throws Exception {
        DataSource ds = ObservatoryDatabase.demo();
        assertThat(queryString(ds, """
                SELECT count(*) || ' ' || bool_and(ST_Equals(o.diffusion_geom, g.geom))
                FROM sinp.occurrence o JOIN territory.grid_cell g ON g.code = o.code_maille
                WHERE o.sensi_niveau = '2' AND o.diffusion_level = 2 AND GeometryType(o.geom) = 'POINT'"""))
                .matches("[1-9][0-9]* true");
        assertThat(queryString(ds, """
                SELECT count(*) || ' ' || bool_and(ST_Equals(o.diffusion_geom, c.geom))
                FROM sinp.occurrence o JOIN territory.commune c ON c.insee = o.code_commune
                WHERE o.sensi_niveau = '1' AND o.diffusion_level = 1 AND GeometryType(o.geom) = 'POINT'"""))
                .matches("[1-9][0-9]* true");
    }

    @Test
    void theSameSeedGivesTheSameDemo() throws Exception {
        DataSource again = ObservatoryDatabase.empty("demo_again");
        DemoLoader.load(again, new DemoOptions(ObservatoryDatabase.DEMO_OCCURRENCES, DemoOptions.DEFAULT_SEED, null, null),
                ObservatoryDatabase.quiet());
        String digest = """
                SELECT md5(string_agg(id_sinp_occtax::text || cd_nom || date_debut || observateur || ST_AsEWKB(geom)::text, ',' ORDER BY id))
                FROM sinp.occurrence""";
        assertThat(queryString(again, digest)).isEqualTo(queryString(ObservatoryDatabase.demo(), digest));
        DemoLoader.clear(again);
        assertThat(DemoLoader.isEmpty(again)).isTrue();
        assertThat(queryLong(again, "SELECT count(*) FROM sinp.occurrence")).isZero();
    }

    /**
     * The occurrences are written in batches, derived set-based as imports derive them: batches of another size give
     * the same occurrences, and the trigger, made to derive every row again one at a time, finds each derived column
     * (cdRef, commune, département, 10 km cell, diffusion level and geometry) as the loader wrote it.
     */
    @Test
    void theLoaderDerivesAsTheTriggerWhateverItsBatches() throws Exception {
        DataSource batched = ObservatoryDatabase.empty("demo_batched");
        DemoLoader.load(batched, new DemoOptions(ObservatoryDatabase.DEMO_OCCURRENCES, DemoOptions.DEFAULT_SEED, null, null),
                ObservatoryDatabase.quiet(), 3_000);
        String digest = """
                SELECT md5(string_agg(id_sinp_occtax::text || cd_ref || sensi_niveau || coalesce(code_commune, '-')
                    || coalesce(code_departement, '-') || code_maille || diffusion_level
                    || coalesce(ST_AsEWKB(diffusion_geom)::text, '-') || ST_AsEWKB(geom)::text, ',' ORDER BY id))
                FROM sinp.occurrence""";
        assertThat(queryString(batched, digest)).isEqualTo(queryString(ObservatoryDatabase.demo(), digest));
        assertThat(queryLong(batched, "SELECT count(*) FROM sinp.occurrence_key")).isEqualTo(ObservatoryDatabase.DEMO_OCCURRENCES);
        assertThat(queryLong(batched, "SELECT count(*) FROM pg_constraint "
                + "WHERE conrelid = 'sinp.occurrence_key'::regclass AND contype = 'p'")).isEqualTo(1);

        ObservatoryDatabase.execute(batched, """
                CREATE TABLE public.loaded AS SELECT id, cd_ref, code_commune, code_departement, code_maille,
                    diffusion_level, diffusion_geom FROM sinp.occurrence""",
                // a changed cell and no cdRef: the trigger derives the row anew
                "UPDATE sinp.occurrence SET cd_ref = NULL, code_maille = NULL");
        assertThat(queryLong(batched, "SELECT count(*) FROM public.loaded l JOIN sinp.occurrence o USING (id)"))
                .isEqualTo(ObservatoryDatabase.DEMO_OCCURRENCES);
        assertThat(queryLong(batched, """
                SELECT count(*) FROM public.loaded l JOIN sinp.occurrence o USING (id)
                WHERE (l.cd_ref, l.code_commune, l.code_departement, l.code_maille, l.diffusion_level)
                      IS DISTINCT FROM (o.cd_ref, o.code_commune, o.code_departement, o.code_maille, o.diffusion_level)
                   OR ST_AsEWKB(l.diffusion_geom) IS DISTINCT FROM ST_AsEWKB(o.diffusion_geom)""")).isZero();
        // every level is there to compare, and a row blurred to its commune or cell too
        assertThat(queryLong(batched, "SELECT count(DISTINCT diffusion_level) FROM public.loaded")).isEqualTo(5);
    }

    /**
     * Boundary files (GeoJSON in WGS 84, properties code and nom) replace the generated communes and départements:
     * here a schematic territory written by the test itself, a grid of 10 × 7 rectangular communes over the demo's
     * area, split into two départements at 50.8° N; the cell around Saint-Omer's centre is Saint-Omer.
     */
    @Test
    void boundaryFilesReplaceTheGeneratedTerritory(@TempDir Path dir) throws Exception {
        StringBuilder communes = new StringBuilder();
        int n = 0;
        for (int row = 0; row < 7; row++) {
            for (int col = 0; col < 10; col++) {
                double west = 2.0 + col * 0.055;
                double south = 50.6 + row * 0.05;
                boolean saintOmer = west <= 2.2522 && 2.2522 < west + 0.055 && south <= 50.75 && 50.75 < south + 0.05;
                String code = saintOmer ? "62765" : (south < 50.8 ? "62" : "59") + String.format("%03d", 900 + n);
                communes.append(n++ == 0 ? "" : ",").append(feature(code, saintOmer ? "Saint-Omer" : "Commune " + code,
                        west, south, west + 0.055, south + 0.05));
            }
        }
        Path communesFile = Files.writeString(dir.resolve("communes.geojson"), collection(communes.toString()));
        Path departementsFile = Files.writeString(dir.resolve("departements.geojson"), collection(
                feature("62", "Pas-de-Calais", 2.0, 50.6, 2.55, 50.8) + "," + feature("59", "Nord", 2.0, 50.8, 2.55, 50.95)));
        DataSource ds = ObservatoryDatabase.empty("demo_boundaries");
        DemoLoader.load(ds, new DemoOptions(2000, 7, communesFile, departementsFile), ObservatoryDatabase.quiet());
        assertThat(queryLong(ds, "SELECT count(*) FROM territory.commune")).isEqualTo(70);
        assertThat(queryString(ds, "SELECT string_agg(code || ' ' || name, ', ' ORDER BY code) FROM territory.departement"))
                .isEqualTo("59 Nord, 62 Pas-de-Calais");
        assertThat(queryString(ds, "SELECT name FROM territory.commune WHERE insee = '62765'")).isEqualTo("Saint-Omer");
        assertThat(queryLong(ds, "SELECT count(*) FROM territory.commune WHERE departement_code = '59'")).isEqualTo(30);
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence WHERE code_commune = '62765'")).isPositive();
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence WHERE code_commune IS NULL")).isZero();
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence o JOIN territory.commune c"
                + " ON c.insee = o.code_commune WHERE NOT ST_Intersects(c.geom, o.geom)")).isZero();
        assertThat(queryLong(ds, "SELECT count(*) FROM territory.grid_cell WHERE size_m = 10000")).isPositive();
        assertThat(queryLong(ds, "SELECT count(*) FROM territory.grid_cell g WHERE size_m = 10000 AND NOT EXISTS"
                + " (SELECT 1 FROM territory.region r WHERE ST_Intersects(r.geom, g.geom))")).isZero();
    }

    private static String feature(String code, String name, double west, double south, double east, double north) {
        return ("{\"type\": \"Feature\", \"properties\": {\"code\": \"%s\", \"nom\": \"%s\"}, \"geometry\":"
                + " {\"type\": \"Polygon\", \"coordinates\": [[[%s, %s], [%s, %s], [%s, %s], [%s, %s], [%s, %s]]]}}")
                .formatted(code, name, west, south, east, south, east, north, west, north, west, south);
    }

    private static String collection(String features) {
        return "{\"type\": \"FeatureCollection\", \"features\": [" + features + "]}";
    }

    /** The same with the real boundaries of Hauts-de-France, when the project's shared folder is beside it. */
    @Test
    void realBoundariesCanReplaceTheGeneratedCommunes() throws Exception {
        Path data = ObservatoryDatabase.sharedDir().resolve("data");
        assumeTrue(Files.isRegularFile(data.resolve("communes-hauts-de-france.geojson")),
                "the real boundaries are not in " + data + " (set OBS_SHARED_DIR)");
        DataSource ds = ObservatoryDatabase.empty("demo_real");
        DemoLoader.load(ds, new DemoOptions(2000, 7, data.resolve("communes-hauts-de-france.geojson"),
                data.resolve("departements-hauts-de-france.geojson")), ObservatoryDatabase.quiet());
        assertThat(queryLong(ds, "SELECT count(*) FROM territory.commune")).isEqualTo(3808);
        assertThat(queryLong(ds, "SELECT count(*) FROM territory.departement")).isEqualTo(5);
        assertThat(queryString(ds, "SELECT name FROM territory.commune WHERE insee = '62765'")).isEqualTo("Saint-Omer");
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence WHERE code_commune = '62765'")).isPositive();
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence WHERE code_commune IS NULL")).isZero();
        assertThat(queryLong(ds, "SELECT count(*) FROM territory.grid_cell WHERE size_m = 10000")).isGreaterThan(300);
    }
}
