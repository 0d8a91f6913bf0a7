package fr.yseraa.observatory.ext.db;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.execute;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.ext.ObservatoryDatabase;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The data model: nomenclatures loaded, code lists and dates enforced by the database itself. */
class MigrationsTest {

    static DataSource ds;

    @BeforeAll
    static void migrate() throws Exception {
        ds = ObservatoryDatabase.empty("migrations");
        execute(ds, """
                INSERT INTO ref.organisation (id, name, kind) VALUES (1, 'Org', 'association');
                INSERT INTO ref.dataset (uuid, title, producer_id, is_public) VALUES ('00000000-0000-4000-8000-000000000001', 'JDD', 1, true);
                INSERT INTO ref.taxref (cd_nom, cd_ref, rang, lb_nom, nom_complet, version) VALUES (1, 1, 'ES', 'Botaurus stellaris', 'Botaurus stellaris (Linnaeus, 1758)', 'test');
                """);
    }

    @Test
    void nomenclaturesAreLoadedAndChecked() throws Exception {
        assertThat(queryLong(ds, "SELECT count(*) FROM ref.nomenclature")).isEqualTo(320);
        assertThat(queryLong(ds, "SELECT count(DISTINCT type) FROM ref.nomenclature")).isEqualTo(21);
        assertThat(queryLong(ds, "SELECT count(*) FROM pg_constraint WHERE conname LIKE '%\\_nomenclature'")).isEqualTo(17);
        assertThat(queryLong(ds, "SELECT sinp.refresh_nomenclature_checks()")).isEqualTo(17);
    }

    private static String occurrence(String statut, String dateFin) {
        return "INSERT INTO sinp.occurrence (id_sinp_occtax, statut_observation, cd_nom, nom_cite, date_debut, date_fin, "
                + "observateur, org_gest_dat, statut_source, ds_publique, jdd_metadonnee_dee_id, geom) VALUES "
                + "(gen_random_uuid(), '" + statut + "', 1, 'Butor', DATE '2020-05-01', " + dateFin + ", 'X Y (Org)', 'Org', "
                + "'Te', 'Pu', '00000000-0000-4000-8000-000000000001', ST_SetSRID(ST_MakePoint(650000, 7070000), 2154))";
    }

    @Test
    void valuesOutsideTheCodeListsAreRefused() throws Exception {
        execute(ds, occurrence("Pr", "DATE '2020-05-01'"));
        assertThatThrownBy(() -> execute(ds, occurrence("Maybe", "DATE '2020-05-01'"))).isInstanceOf(SQLException.class)
                .hasMessageContaining("statut_observation_nomenclature");
    }

    @Test
    void datesMustBeOrderedAndPast() {
        assertThatThrownBy(() -> execute(ds, occurrence("Pr", "DATE '2019-01-01'"))).isInstanceOf(SQLException.class)
                .hasMessageContaining("occurrence_dates");
        assertThatThrownBy(() -> execute(ds, occurrence("Pr", "current_date + 2"))).isInstanceOf(SQLException.class)
                .hasMessageContaining("is in the future");
    }

    @Test
    void theSecurityTablesAreNotTheObservatorys() throws Exception {
        assertThat(queryLong(ds, "SELECT count(*) FROM pg_namespace WHERE nspname = 'security'")).isZero();
    }

    @Test
    void aDatabaseMadeBeforeTheSecuritySplitIsRealignedOnce() throws Exception {
        execute(ds, "UPDATE schema_history SET description = '" + ObservatoryMigrations.VERSION_8_BEFORE_THE_SPLIT
                + "', checksum = 12345 WHERE version = '8'");
        assertThat(ObservatoryMigrations.migrate(ds).migrationsExecuted).isZero();
        assertThat(queryLong(ds, "SELECT count(*) FROM schema_history WHERE version = '8' AND checksum <> 12345 "
                + "AND description = 'occurrence layer producer'")).isEqualTo(1);
    }

    @Test
    void migratingTwiceChangesNothing() {
        assertThat(ObservatoryMigrations.migrate(ds).migrationsExecuted).isZero();
    }
}
