package fr.yseraa.observatory.ext.taxref;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.execute;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryString;
import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.ext.ObservatoryDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new TAXREF version moves names between accepted taxa: the occurrences' cdRef follows, their sensitivity with it
 * when it came from the taxon's rule, their diffusion with the sensitivity, the rules of names no longer accepted
 * move to the accepted one, and the indicators are recomputed; what did not move is left as it was. Fixture: communes
 * 62001 (x 650–655 km) and 62002 (x 655–660 km), y 7 070–7 075 km, in département 62.
 */
class TaxrefRederivationTest {

    static final String HEADER = "CD_NOM\tCD_REF\tRANG\tLB_NOM\tNOM_COMPLET\tGROUP2_INPN\n";
    static final String POINT = "ST_SetSRID(ST_MakePoint(652345, 7072345), 2154)";

    @TempDir
    Path dir;

    static String taxon(int cdNom, int cdRef, String name) {
        return cdNom + "\t" + cdRef + "\tES\t" + name + "\t" + name + " L.\tOiseaux\n";
    }

    static void occurrence(DataSource ds, int n, int cdNom, String sensitivity) throws Exception {
        execute(ds, "INSERT INTO sinp.occurrence (id_sinp_occtax, statut_observation, cd_nom, nom_cite, date_debut, "
                + "date_fin, observateur, org_gest_dat, statut_source, ds_publique, jdd_metadonnee_dee_id, sensi_niveau, geom) "
                + "VALUES ('00000000-0000-4000-8000-00000000000" + n + "', 'Pr', " + cdNom + ", 'n', DATE '2020-05-01', "
                + "DATE '2020-05-01', 'NOM Prénom (Org)', 'Org', 'Te', 'Pu', '00000000-0000-4000-8000-000000000001', "
                + (sensitivity == null ? "NULL" : "'" + sensitivity + "'") + ", " + POINT + ")");
    }

    /** cdRef, sensitivity and diffusion level of occurrence n. */
    static String state(DataSource ds, int n) throws Exception {
        return queryString(ds, "SELECT cd_ref || '|' || sensi_niveau || '|' || diffusion_level FROM sinp.occurrence "
                + "WHERE id_sinp_occtax = '00000000-0000-4000-8000-00000000000" + n + "'");
    }

    static String modified(DataSource ds, int n) throws Exception {
        return queryString(ds, "SELECT dee_date_derniere_modification FROM sinp.occurrence "
                + "WHERE id_sinp_occtax = '00000000-0000-4000-8000-00000000000" + n + "'");
    }

    static long territoryOccurrences(DataSource ds) throws Exception {
        return queryLong(ds, "SELECT coalesce(sum(value), 0) FROM obs.indicator_value WHERE indicator_code = "
                + "'occurrence_count' AND unit_type = 'territory'");
    }

    @Test
    void aSynonymMovedCarriesItsOccurrencesCdRefSensitivityAndDiffusion() throws Exception {
        DataSource ds = ObservatoryDatabase.empty("taxref_rederive");
        execute(ds,
                "INSERT INTO territory.commune (insee, name, departement_code, geom) VALUES "
                        + "('62001', 'Une', '62', ST_Multi(ST_MakeEnvelope(650000, 7070000, 655000, 7075000, 2154))), "
                        + "('62002', 'Deux', '62', ST_Multi(ST_MakeEnvelope(655000, 7070000, 660000, 7075000, 2154)))",
                "INSERT INTO territory.departement (code, name, geom) SELECT '62', 'Pas-de-Calais', ST_Multi(ST_Union(geom)) FROM territory.commune",
                "INSERT INTO ref.organisation (id, name, kind) VALUES (1, 'Org', 'association')",
                "INSERT INTO ref.dataset (uuid, title, producer_id, is_public) VALUES ('00000000-0000-4000-8000-000000000001', 'JDD', 1, true)");
        // v16: Botaurus stellaris (2476) sensitive at the 10 km cell; Ardea stellaris (2477) a taxon of its own;
        // Circus aeruginosus (4000) sensitive at the département; Anas platyrhynchos (3000) not sensitive
        Path v16 = Files.writeString(dir.resolve("TAXREFv16.txt"), HEADER + taxon(2476, 2476, "Botaurus stellaris")
                + taxon(2477, 2477, "Ardea stellaris") + taxon(4000, 4000, "Circus aeruginosus")
                + taxon(3000, 3000, "Anas platyrhynchos"));
        TaxrefLoader.load(ds, v16, "16", ObservatoryDatabase.quiet());
        execute(ds, "INSERT INTO ref.sensitivity_rule (cd_ref, sensi_niveau, reason) VALUES (2476, '2', 'nidification'), "
                + "(4000, '3', 'nidification')");
        occurrence(ds, 1, 2477, null); // sensitivity from the (absent) rule of 2477: 0, exact
        occurrence(ds, 2, 2477, "1");  // sensitivity set by its producer: the commune
        occurrence(ds, 3, 4000, null); // the département
        occurrence(ds, 4, 3000, null); // untouched
        execute(ds, "SELECT obs.compute_occurrence_indicators()");
        assertThat(state(ds, 1)).isEqualTo("2477|0|0");
        assertThat(state(ds, 2)).isEqualTo("2477|1|1");
        assertThat(state(ds, 3)).isEqualTo("4000|3|3");
        assertThat(territoryOccurrences(ds)).as("placed in a commune: 1, 2 and 4").isEqualTo(3);
        String untouched = modified(ds, 4);
        String before = modified(ds, 1);

        // v17: Ardea stellaris is a synonym of Botaurus stellaris; Circus aeruginosus a synonym of a new name 4001
        Path v17 = Files.writeString(dir.resolve("TAXREFv17.txt"), HEADER + taxon(2476, 2476, "Botaurus stellaris")
                + taxon(2477, 2476, "Ardea stellaris") + taxon(4000, 4001, "Circus aeruginosus")
                + taxon(4001, 4001, "Circus aeruginosus aeruginosus") + taxon(3000, 3000, "Anas platyrhynchos"));
        TaxrefLoader.Report report = TaxrefLoader.load(ds, v17, "17", ObservatoryDatabase.quiet());

        assertThat(report.taxa()).isEqualTo(5);
        assertThat(report.occurrences()).as("occurrences 1, 2 and 3").isEqualTo(3);
        assertThat(report.movedRules()).isEqualTo(1);
        assertThat(state(ds, 1)).as("the rule of its new taxon: the 10 km cell").isEqualTo("2476|2|2");
        assertThat(queryString(ds, "SELECT ST_Equals(diffusion_geom, territory.grid_cell_geometry(652345, 7072345, 10000)) "
                + "FROM sinp.occurrence WHERE id_sinp_occtax = '00000000-0000-4000-8000-000000000001'")).isEqualTo("t");
        assertThat(state(ds, 2)).as("the producer's sensitivity stays").isEqualTo("2476|1|1");
        assertThat(state(ds, 3)).as("the rule moved with the name").isEqualTo("4001|3|3");
        assertThat(state(ds, 4)).isEqualTo("3000|0|0");
        assertThat(queryString(ds, "SELECT string_agg(cd_ref || ':' || sensi_niveau, ',' ORDER BY cd_ref) FROM ref.sensitivity_rule"))
                .isEqualTo("2476:2,4001:3");
        assertThat(modified(ds, 1)).as("the DEE flow carries the change").isNotEqualTo(before);
        assertThat(modified(ds, 4)).isEqualTo(untouched);
        assertThat(territoryOccurrences(ds)).as("occurrence 1 is no longer placed in a commune").isEqualTo(2);

        // the same version again changes nothing
        String moved = modified(ds, 3);
        assertThat(TaxrefLoader.load(ds, v17, "17", ObservatoryDatabase.quiet()).occurrences()).isZero();
        assertThat(modified(ds, 3)).isEqualTo(moved);
    }
}
