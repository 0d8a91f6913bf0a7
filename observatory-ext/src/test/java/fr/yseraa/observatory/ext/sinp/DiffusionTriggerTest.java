package fr.yseraa.observatory.ext.sinp;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.execute;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryString;
import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.ext.ObservatoryDatabase;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database derives the public diffusion of an occurrence (SINP.md): the coarser of sensiNiveau and
 * diffusionNiveauPrecision, as the exact geometry, the commune, the 10 km cell, the département or nothing.
 * Fixture: communes 62001 (x 650–655 km) and 62002 (x 655–660 km), y 7 070–7 075 km, in département 62.
 */
class DiffusionTriggerTest {

    static DataSource ds;
    static final AtomicInteger SEQ = new AtomicInteger();
    static final String POINT = "ST_SetSRID(ST_MakePoint(652345, 7072345), 2154)";
    static final String COMMUNE_1 = "ST_MakeEnvelope(650000, 7070000, 655000, 7075000, 2154)";
    static final String COMMUNE_2 = "ST_MakeEnvelope(655000, 7070000, 660000, 7075000, 2154)";

    @BeforeAll
    static void fixture() throws Exception {
        ds = ObservatoryDatabase.empty("diffusion");
        execute(ds,
                "INSERT INTO territory.commune (insee, name, departement_code, geom) VALUES "
                        + "('62001', 'Une', '62', ST_Multi(" + COMMUNE_1 + ")), ('62002', 'Deux', '62', ST_Multi(" + COMMUNE_2 + "))",
                "INSERT INTO territory.departement (code, name, geom) SELECT '62', 'Pas-de-Calais', ST_Multi(ST_Union(geom)) FROM territory.commune",
                "INSERT INTO ref.organisation (id, name, kind) VALUES (1, 'Org', 'association')",
                "INSERT INTO ref.dataset (uuid, title, producer_id, is_public) VALUES ('00000000-0000-4000-8000-000000000001', 'JDD', 1, true)",
                "INSERT INTO ref.taxref (cd_nom, cd_ref, rang, lb_nom, nom_complet, version) VALUES "
                        + "(1, 1, 'ES', 'Anas platyrhynchos', 'Anas platyrhynchos Linnaeus, 1758', 't'), "
                        + "(2, 2, 'ES', 'Botaurus stellaris', 'Botaurus stellaris (Linnaeus, 1758)', 't'), "
                        + "(3, 2, 'ES', 'Ardea stellaris', 'Ardea stellaris Linnaeus, 1758', 't')",
                "INSERT INTO ref.sensitivity_rule (cd_ref, sensi_niveau) VALUES (2, '2')");
    }

    /** Inserts an occurrence and returns its id. */
    static long insert(int cdNom, String sensi, String wish, String geom) throws Exception {
        String uuid = String.format("00000000-0000-4000-8000-%012d", SEQ.incrementAndGet());
        execute(ds, "INSERT INTO sinp.occurrence (id_sinp_occtax, statut_observation, cd_nom, nom_cite, date_debut, "
                + "date_fin, observateur, org_gest_dat, statut_source, ds_publique, jdd_metadonnee_dee_id, sensi_niveau, "
                + "diffusion_niveau_precision, geom) VALUES ('" + uuid + "', 'Pr', " + cdNom + ", 'n', DATE '2020-05-01', "
                + "DATE '2020-05-01', 'NOM Prénom (Org)', 'Org', 'Te', 'Pu', '00000000-0000-4000-8000-000000000001', "
                + (sensi == null ? "NULL" : "'" + sensi + "'") + ", " + (wish == null ? "NULL" : "'" + wish + "'") + ", "
                + geom + ")");
        return Long.parseLong(queryString(ds, "SELECT id FROM sinp.occurrence WHERE id_sinp_occtax = '" + uuid + "'"));
    }

    static String level(long id) throws Exception {
        return queryString(ds, "SELECT diffusion_level FROM sinp.occurrence WHERE id = " + id);
    }

    static boolean diffusionEquals(long id, String geometry) throws Exception {
        return "t".equals(queryString(ds, "SELECT ST_Equals(diffusion_geom, " + geometry + ") FROM sinp.occurrence WHERE id = " + id));
    }

    @Test
    void eachSensitivityLevelHasItsDiffusionGeometry() throws Exception {
        long exact = insert(1, "0", null, POINT);
        assertThat(level(exact)).isEqualTo("0");
        assertThat(diffusionEquals(exact, POINT)).isTrue();

        long commune = insert(1, "1", null, POINT);
        assertThat(level(commune)).isEqualTo("1");
        assertThat(diffusionEquals(commune, COMMUNE_1)).isTrue();
        assertThat(queryString(ds, "SELECT code_commune || ' ' || code_maille || ' ' || code_departement FROM sinp.occurrence WHERE id = " + commune))
                .isEqualTo("62001 10kmL93E065N707 62");

        long cell = insert(1, "2", null, POINT);
        assertThat(level(cell)).isEqualTo("2");
        assertThat(diffusionEquals(cell, "ST_MakeEnvelope(650000, 7070000, 660000, 7080000, 2154)")).isTrue();

        long departement = insert(1, "3", null, POINT);
        assertThat(level(departement)).isEqualTo("3");
        assertThat(diffusionEquals(departement, "ST_Union(" + COMMUNE_1 + ", " + COMMUNE_2 + ")")).isTrue();

        long hidden = insert(1, "4", null, POINT);
        assertThat(level(hidden)).isEqualTo("4");
        assertThat(queryString(ds, "SELECT diffusion_geom IS NULL FROM sinp.occurrence WHERE id = " + hidden)).isEqualTo("t");
    }

    @Test
    void theCoarserOfSensitivityAndProducerWishApplies() throws Exception {
        assertThat(level(insert(1, "0", "2", POINT))).isEqualTo("2");
        assertThat(level(insert(1, "1", "5", POINT))).isEqualTo("1");
        assertThat(level(insert(1, "2", "1", POINT))).isEqualTo("2");
        assertThat(level(insert(1, "0", "4", POINT))).isEqualTo("4");
        assertThat(level(insert(1, "0", "0", POINT))).isEqualTo("0");
    }

    @Test
    void sensitivityComesFromTheTaxonRuleWhenNoneIsGiven() throws Exception {
        long synonym = insert(3, null, null, POINT);
        assertThat(queryString(ds, "SELECT cd_ref || ' ' || sensi_niveau FROM sinp.occurrence WHERE id = " + synonym)).isEqualTo("2 2");
        assertThat(level(synonym)).isEqualTo("2");
        assertThat(queryString(ds, "SELECT sensi_niveau FROM sinp.occurrence WHERE id = " + insert(1, null, null, POINT))).isEqualTo("0");
    }

    @Test
    void anInventoryAreaOverTwoCommunesBlursToBoth() throws Exception {
        long area = insert(1, "1", null, "ST_Buffer(ST_SetSRID(ST_MakePoint(655000, 7072000), 2154), 200)");
        assertThat(diffusionEquals(area, "ST_Union(" + COMMUNE_1 + ", " + COMMUNE_2 + ")")).isTrue();
    }

    @Test
    void outsideEveryCommuneTheCellIsUsed() throws Exception {
        long far = insert(1, "1", null, "ST_SetSRID(ST_MakePoint(612345, 7012345), 2154)");
        assertThat(level(far)).isEqualTo("2");
        assertThat(diffusionEquals(far, "ST_MakeEnvelope(610000, 7010000, 620000, 7020000, 2154)")).isTrue();
    }

    @Test
    void updatesKeepTheDiffusionRight() throws Exception {
        long id = insert(1, "1", null, POINT);
        execute(ds, "UPDATE sinp.occurrence SET geom = ST_SetSRID(ST_MakePoint(657000, 7071000), 2154) WHERE id = " + id);
        assertThat(diffusionEquals(id, COMMUNE_2)).isTrue();
        execute(ds, "UPDATE sinp.occurrence SET sensi_niveau = '4' WHERE id = " + id);
        assertThat(level(id)).isEqualTo("4");
        execute(ds, "UPDATE sinp.occurrence SET sensi_niveau = '0', diffusion_geom = NULL WHERE id = " + id);
        assertThat(diffusionEquals(id, "ST_SetSRID(ST_MakePoint(657000, 7071000), 2154)")).isTrue();
        // a hand-made diffusion geometry does not survive: the database derives it again
        execute(ds, "UPDATE sinp.occurrence SET sensi_niveau = '1', diffusion_geom = " + POINT + " WHERE id = " + id);
        assertThat(diffusionEquals(id, COMMUNE_2)).isTrue();
    }
}
