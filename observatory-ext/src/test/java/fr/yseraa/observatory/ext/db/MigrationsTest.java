package fr.yseraa.observatory.ext.db;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.execute;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.ext.ObservatoryDatabase;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
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
        assertThat(queryLong(ds, "SELECT count(*) FROM pg_constraint WHERE conname LIKE '%\\_nomenclature' "
                + "AND conrelid = 'sinp.occurrence'::regclass")).isEqualTo(17);
        // and each partition of the table has them
        assertThat(queryLong(ds, "SELECT count(*) FROM pg_constraint WHERE conname LIKE '%\\_nomenclature' "
                + "AND conrelid = 'sinp.occurrence_62'::regclass")).isEqualTo(17);
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

    @Test
    void aMigrationNumberedBelowTheLatestAppliedIsAppliedAfterIt() throws Exception {
        // a database past V28 before V25 existed: its history without V25, the function as V20 left it
        DataSource later = ObservatoryDatabase.empty("migrations_out_of_order");
        execute(later, "DELETE FROM schema_history WHERE version = '25'",
                "CREATE OR REPLACE FUNCTION obs.compute_occurrence_indicators(communes text[], cells text[], periods date[]) "
                        + "RETURNS integer LANGUAGE sql AS 'SELECT 0'");
        assertThat(ObservatoryMigrations.migrate(later).migrationsExecuted).isEqualTo(1);
        assertThat(queryString(later, "SELECT string_agg(version, ' ' ORDER BY installed_rank) FROM (SELECT version, "
                + "installed_rank FROM schema_history WHERE version IN ('24', '25', '28')) h")).isEqualTo("24 28 25");
        assertThat(queryString(later, "SELECT prosrc FROM pg_proc WHERE oid = "
                + "'obs.compute_occurrence_indicators(text[], text[], date[])'::regprocedure")).contains("GROUPING SETS");
        assertThat(ObservatoryMigrations.migrate(later).migrationsExecuted).isZero();
    }

    @Test
    void theOccurrencesOfADatabaseMadeBeforePartitioningAreKept() throws Exception {
        DataSource before = TestPostgis.dataSource(TestPostgis.freshDatabase("before_partitions"));
        ObservatoryMigrations.migrate(before, MigrationVersion.fromVersion("22"));
        execute(before, """
                INSERT INTO territory.commune (insee, name, departement_code, geom) VALUES
                    ('62001', 'Une', '62', ST_Multi(ST_MakeEnvelope(650000, 7070000, 655000, 7075000, 2154))),
                    ('59001', 'Deux', '59', ST_Multi(ST_MakeEnvelope(660000, 7070000, 665000, 7075000, 2154)));
                INSERT INTO territory.departement (code, name, geom) SELECT departement_code, 'D', ST_Multi(geom) FROM territory.commune;
                INSERT INTO ref.organisation (id, name, kind) VALUES (1, 'Org', 'association');
                INSERT INTO ref.dataset (uuid, title, producer_id, is_public) VALUES ('00000000-0000-4000-8000-000000000001', 'JDD', 1, true);
                INSERT INTO ref.taxref (cd_nom, cd_ref, rang, lb_nom, nom_complet, version) VALUES (1, 1, 'ES', 'Botaurus stellaris', 'Botaurus stellaris (Linnaeus, 1758)', 'test');
                """);
        for (String[] o : new String[][] {{"1", "652000 7072000", "0"}, {"2", "662000 7072000", "1"}, {"3", "700000 7000000", "0"}}) {
            execute(before, "INSERT INTO sinp.occurrence (id_sinp_occtax, statut_observation, cd_nom, nom_cite, date_debut, date_fin, "
                    + "observateur, org_gest_dat, statut_source, ds_publique, jdd_metadonnee_dee_id, sensi_niveau, geom) VALUES "
                    + "('00000000-0000-4000-8000-00000000000" + o[0] + "', 'Pr', 1, 'Butor', DATE '2020-05-01', DATE '2020-05-01', "
                    + "'X Y (Org)', 'Org', 'Te', 'Pu', '00000000-0000-4000-8000-000000000001', '" + o[2] + "', "
                    + "ST_GeomFromText('POINT(" + o[1] + ")', 2154))");
        }
        String rows = "SELECT string_agg(id || ' ' || id_sinp_occtax || ' ' || coalesce(code_departement, '-') || ' ' "
                + "|| diffusion_level || ' ' || ST_AsText(diffusion_geom), ', ' ORDER BY id) FROM sinp.occurrence";
        String kept = queryString(before, rows);

        assertThat(ObservatoryMigrations.migrate(before).migrationsExecuted).isPositive();
        assertThat(queryString(before, rows)).isEqualTo(kept);
        assertThat(queryString(before, "SELECT string_agg(tableoid::regclass::text, ' ' ORDER BY id) FROM sinp.occurrence"))
                .isEqualTo("sinp.occurrence_62 sinp.occurrence_59 sinp.occurrence_other");
        assertThat(queryLong(before, "SELECT count(*) FROM sinp.occurrence_key")).isEqualTo(3);
        // the views over the table are back, as they were
        assertThat(queryString(before, "SELECT string_agg(nom_scientifique || ' ' || producer_id || ' ' || localisation_exacte, ', ' "
                + "ORDER BY id) FROM sinp.occurrence_layer")).isEqualTo("Botaurus stellaris 1 true, Botaurus stellaris 1 false, "
                + "Botaurus stellaris 1 true");
        assertThat(queryString(before, "SELECT col_description('sinp.occurrence_layer'::regclass, "
                + "(SELECT attnum FROM pg_attribute WHERE attrelid = 'sinp.occurrence_layer'::regclass AND attname = 'localisation_exacte'))"))
                .startsWith("Vrai si");
        execute(before, "INSERT INTO territory.grid_cell (code, size_m, geom) SELECT DISTINCT code_maille, 10000, "
                        + "territory.grid_cell_geometry(ST_X(geom), ST_Y(geom), 10000) FROM sinp.occurrence",
                "REFRESH MATERIALIZED VIEW sinp.occurrence_maille");
        assertThat(queryLong(before, "SELECT sum(nb_occurrences) FROM sinp.occurrence_maille")).isEqualTo(3);
        // new rows take ids after the former ones
        execute(before, "INSERT INTO sinp.occurrence (id_sinp_occtax, statut_observation, cd_nom, nom_cite, date_debut, date_fin, "
                + "observateur, org_gest_dat, statut_source, ds_publique, jdd_metadonnee_dee_id, geom) SELECT gen_random_uuid(), "
                + "statut_observation, cd_nom, nom_cite, date_debut, date_fin, observateur, org_gest_dat, statut_source, ds_publique, "
                + "jdd_metadonnee_dee_id, geom FROM sinp.occurrence WHERE id_sinp_occtax = '00000000-0000-4000-8000-000000000001'");
        assertThat(queryLong(before, "SELECT count(DISTINCT id) FROM sinp.occurrence")).isEqualTo(4);
        assertThat(queryLong(before, "SELECT count(*) FROM sinp.occurrence_62")).isEqualTo(2);
    }
}
