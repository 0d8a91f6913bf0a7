package fr.yseraa.observatory.ext.indicators;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.execute;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryString;
import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.ext.ObservatoryDatabase;
import fr.yseraa.observatory.ext.demo.DemoLoader;
import fr.yseraa.observatory.ext.demo.DemoOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * obs.compute_occurrence_indicators(communes, cells, periods) as migration V25 computes it writes exactly what V20's
 * body wrote: the same rows of obs.indicator_value, the same values, the same count returned, in full and for some
 * units and periods. V20's body is created from the migration's own text under another schema ({@code v20}) and both
 * run on the same data, each in a transaction rolled back: a small demo and, added to it, observer fields with spaces,
 * blank and repeated names, every diffusion level, occurrences outside every commune, absent and unknown statuses, a
 * synonym whose name is of heritage interest when its accepted name is not, occurrences without cdRef, a period the
 * demo does not cover; and, with the table's checks lifted in the transaction, observer fields that split into no
 * name at all (V20 writes no value for a unit and period whose occurrences name no observer).
 */
class OccurrenceIndicatorsEqualityTest {

    /** Every value of the table, the landscape ones too (the partial calls must leave alone what they do not own). */
    static final String VALUES = "SELECT indicator_code || '|' || unit_type || '|' || unit_code || '|' || period_start "
            + "|| '|' || period_end || '|' || value FROM obs.indicator_value ORDER BY 1";

    static DataSource ds;
    static String communeA;
    static String communeB;
    static String communeC;
    static String cellA;
    static String cellOutside;

    @BeforeAll
    static void demoAndOddCases() throws Exception {
        ds = ObservatoryDatabase.empty("indicators_equality");
        DemoLoader.load(ds, new DemoOptions(3_000, DemoOptions.DEFAULT_SEED, null, null), ObservatoryDatabase.quiet());
        execute(ds, "CREATE SCHEMA v20", v20Function());
        communeA = queryString(ds, "SELECT insee FROM territory.commune ORDER BY insee LIMIT 1");
        communeB = queryString(ds, "SELECT insee FROM territory.commune ORDER BY insee OFFSET 1 LIMIT 1");
        communeC = queryString(ds, "SELECT insee FROM territory.commune ORDER BY insee OFFSET 2 LIMIT 1");
        execute(ds,
                // a name of heritage interest whose accepted name (a demo taxon) is not
                "INSERT INTO ref.taxref (cd_nom, cd_ref, rang, lb_nom, nom_complet, version, patrimonial) SELECT 99999001, "
                        + "cd_ref, 'ES', 'Synonymus rarus', 'Synonymus rarus L.', 'test', true FROM ref.taxref "
                        + "WHERE NOT patrimonial ORDER BY cd_nom LIMIT 1",
                "CREATE TEMPORARY TABLE odd (status text, taxon text, day date, observer text, sensitivity text, insee text)",
                """
                INSERT INTO odd VALUES
                -- commune A, period 2010: names with spaces, empty between commas, repeated, in another case
                ('Pr', 'plain', '2011-03-01', 'DUPONT Marie (GON),  LEROY Jean (GON) ', '0', 'A'),
                ('Pr', 'plain', '2011-03-01', ' DUPONT Marie (GON),,LEROY Jean (GON)', '0', 'A'),
                ('Pr', 'synonym', '2012-06-01', 'NOUVEL Ana , ,', '0', 'A'),
                ('Pr', 'heritage', '2013-07-01', 'dupont marie (gon)', '1', 'A'),
                ('No', 'other', '2011-04-01', 'ABSENT Paul', '0', 'A'),
                ('NSP', 'other', '2011-05-01', 'ABSENT Paul', '0', 'A'),
                ('Pr', 'other', '2014-08-01', 'CACHÉE Léa', '2', 'A'),
                ('Pr', 'other', '2014-08-02', 'CACHÉE Léa', '3', 'A'),
                ('Pr', 'other', '2014-08-03', 'CACHÉE Léa', '4', 'A'),
                -- commune B, period 2000: every diffusion level
                ('Pr', 'plain', '2001-01-10', 'NIVEAU Zéro', '0', 'B'),
                ('Pr', 'heritage', '2001-01-11', 'NIVEAU Un', '1', 'B'),
                ('Pr', 'other', '2001-01-12', 'NIVEAU Deux', '2', 'B'),
                ('Pr', 'synonym', '2001-01-13', 'NIVEAU Trois', '3', 'B'),
                ('Pr', 'heritage', '2001-01-14', 'NIVEAU Quatre', '4', 'B'),
                -- outside every commune, period 2015: the cell only (level 1 becomes 2 there)
                ('Pr', 'plain', '2016-02-02', 'DEHORS Zoé', '0', NULL),
                ('Pr', 'heritage', '2016-02-03', 'DEHORS Zoé, DEHORS Max', '1', NULL),
                ('Pr', 'other', '2016-02-04', 'DEHORS Max', '2', NULL),
                ('No', 'synonym', '2016-02-05', 'DEHORS Max', '0', NULL),
                -- commune C, period 1985 (before the demo's years): fields of blanks only, 0 observers
                ('Pr', 'plain', '1986-05-05', ',', '0', 'C'),
                ('Pr', 'other', '1987-05-05', ' , ', '0', 'C')
                """,
                "UPDATE odd SET insee = CASE insee WHEN 'A' THEN '" + communeA + "' WHEN 'B' THEN '" + communeB
                        + "' WHEN 'C' THEN '" + communeC + "' END",
                "INSERT INTO sinp.occurrence (id_sinp_occtax, statut_observation, cd_nom, nom_cite, date_debut, date_fin, "
                        + "observateur, org_gest_dat, statut_source, ds_publique, jdd_metadonnee_dee_id, sensi_niveau, geom) "
                        + "SELECT gen_random_uuid(), o.status, " + TAXON + ", 'n', o.day, o.day, o.observer, 'Org', 'Te', "
                        + "'Pu', (SELECT uuid FROM ref.dataset ORDER BY uuid LIMIT 1), o.sensitivity, " + PLACE + " FROM odd o",
                "DROP TABLE odd");
        // occurrences without cdRef (written as by a caller that derives its own columns: no trigger)
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL sinp.derived_by_caller = on");
                st.execute("UPDATE sinp.occurrence SET cd_ref = NULL WHERE id % 53 = 0 OR observateur = 'NOUVEL Ana , ,'");
            }
            c.commit();
        }
        cellA = queryString(ds, "SELECT code_maille FROM sinp.occurrence WHERE observateur = 'NOUVEL Ana , ,'");
        cellOutside = queryString(ds, "SELECT code_maille FROM sinp.occurrence WHERE observateur = 'DEHORS Max'");
        // the cases are there as meant
        assertThat(queryLong(ds, "SELECT count(*) FROM sinp.occurrence WHERE cd_ref IS NULL")).isGreaterThan(10);
        assertThat(queryString(ds, "SELECT string_agg(DISTINCT diffusion_level::text, ',') FROM sinp.occurrence "
                + "WHERE code_commune = '" + communeB + "' AND date_debut < '2002-01-01'")).isEqualTo("0,1,2,3,4");
        assertThat(queryString(ds, "SELECT string_agg(DISTINCT diffusion_level::text || coalesce(code_commune, '-'), ',') "
                + "FROM sinp.occurrence WHERE observateur LIKE 'DEHORS%'")).isEqualTo("0-,2-");
        assertThat(cellOutside).isNotNull();
    }

    static final String TAXON = """
            CASE o.taxon
                WHEN 'plain' THEN (SELECT min(cd_nom) FROM ref.taxref WHERE NOT patrimonial)
                WHEN 'other' THEN (SELECT max(cd_nom) FROM ref.taxref WHERE NOT patrimonial AND cd_nom < 99999001)
                WHEN 'heritage' THEN (SELECT min(cd_nom) FROM ref.taxref WHERE patrimonial)
                WHEN 'synonym' THEN 99999001 END""";

    static final String PLACE = """
            CASE WHEN o.insee IS NULL
                 THEN (SELECT ST_SetSRID(ST_MakePoint(ST_XMin(e) - 25000, ST_YMin(e) + 5000), 2154)
                       FROM (SELECT ST_Extent(geom) AS e FROM territory.commune) x)
                 ELSE (SELECT ST_PointOnSurface(geom) FROM territory.commune WHERE insee = o.insee) END""";

    /** V20's obs.compute_occurrence_indicators(communes, cells, periods), from the migration's text, as v20.…. */
    static String v20Function() throws IOException {
        String sql;
        try (InputStream in = OccurrenceIndicatorsEqualityTest.class.getResourceAsStream(
                "/db/observatory/V20__bulk_import_derivation.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String head = "CREATE FUNCTION obs.compute_occurrence_indicators(communes text[], cells text[], periods date[])";
        int start = sql.indexOf(head);
        int body = sql.indexOf("$$", start);
        int end = sql.indexOf("$$", body + 2) + 2;
        assertThat(start).isNotNegative();
        assertThat(body).isGreaterThan(start);
        return sql.substring(start, end).replace(head,
                "CREATE FUNCTION v20.compute_occurrence_indicators(communes text[], cells text[], periods date[])");
    }

    record Written(long count, List<String> values) {
    }

    /** Runs the setup then the call, in a transaction rolled back; what the call returned and the table after it. */
    static Written run(String setup, String call) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                if (!setup.isEmpty()) {
                    st.execute(setup);
                }
                long count;
                try (ResultSet rs = st.executeQuery("SELECT " + call)) {
                    rs.next();
                    count = rs.getLong(1);
                }
                List<String> values = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(VALUES)) {
                    while (rs.next()) {
                        values.add(rs.getString(1));
                    }
                }
                return new Written(count, values);
            } finally {
                c.rollback();
            }
        }
    }

    /** Runs V20's body and V25's with the same arguments after the same setup; asserts they wrote the same. */
    static Written same(String setup, String arguments) throws Exception {
        Written expected = run(setup, "v20.compute_occurrence_indicators(" + arguments + ")");
        Written actual = run(setup, "obs.compute_occurrence_indicators(" + arguments + ")");
        assertThat(actual.values()).as("the values after (" + arguments + ")").containsExactlyElementsOf(expected.values());
        assertThat(actual.count()).as("the values written by (" + arguments + ")").isEqualTo(expected.count());
        return expected;
    }

    static String value(Written written, String indicator, String unitType, String unitCode, String periodStart) {
        String prefix = indicator + "|" + unitType + "|" + unitCode + "|" + periodStart + "|";
        return written.values().stream().filter(v -> v.startsWith(prefix)).map(v -> v.substring(v.lastIndexOf('|') + 1))
                .findFirst().orElse(null);
    }

    @Test
    void theTwoBodiesDiffer() throws Exception {
        assertThat(queryString(ds, "SELECT p.prosrc = v.prosrc FROM pg_proc p, pg_proc v "
                + "WHERE p.oid = 'obs.compute_occurrence_indicators(text[], text[], date[])'::regprocedure "
                + "AND v.oid = 'v20.compute_occurrence_indicators(text[], text[], date[])'::regprocedure")).isEqualTo("f");
    }

    @Test
    void everyUnitAndPeriod() throws Exception {
        // the table emptied first, then as the demo left it: each must rewrite it whole
        Written fromEmpty = same("DELETE FROM obs.indicator_value", "NULL, NULL, NULL");
        Written full = same("", "NULL, NULL, NULL");
        assertThat(full.values()).isEqualTo(fromEmpty.values());
        assertThat(full.count()).as("the table holds the occurrence indicators only").isEqualTo(full.values().size());
        assertThat(full.values()).anyMatch(v -> v.contains("|territory|yseraa|"));
        // the odd cases reached the values: names trimmed and told apart by case, blanks not counted
        assertThat(value(full, "effort_observers", "commune", communeC, "1985-01-01")).isEqualTo("0");
        assertThat(value(full, "occurrence_count", "commune", communeC, "1985-01-01")).isEqualTo("2");
        assertThat(value(full, "occurrence_count", "maille_10km", cellOutside, "2015-01-01")).isNotNull();
        // and the no-argument form is the same as all of them
        Written noArguments = run("", "obs.compute_occurrence_indicators()");
        assertThat(noArguments.values()).isEqualTo(full.values());
        assertThat(noArguments.count()).isEqualTo(full.count());
    }

    @Test
    void someUnitsAndPeriodsAfterOccurrencesMoved() throws Exception {
        // occurrences moved to other dates and communes, others removed, without recomputing: the stored values
        // are stale, and each call recomputes some of them only
        String moved = "SET LOCAL sinp.derived_by_caller = on; "
                + "UPDATE sinp.occurrence SET date_debut = date_debut - 3650, date_fin = date_debut - 3650 WHERE id % 7 = 0; "
                + "UPDATE sinp.occurrence SET code_commune = '" + communeB + "' WHERE id % 11 = 0 AND diffusion_level <= 1; "
                + "DELETE FROM sinp.occurrence WHERE id % 13 = 0";
        String a = "'" + communeA + "'";
        String b = "'" + communeB + "'";
        String c = "'" + communeC + "'";
        Written some = same(moved, "ARRAY[" + a + ", " + b + ", '99999'], ARRAY['" + cellA + "'], "
                + "ARRAY[DATE '2010-01-01', DATE '2000-01-01', DATE '1985-01-01']");
        assertThat(some.values()).isNotEqualTo(run("", "1").values());
        same(moved, "'{}', ARRAY['" + cellA + "', '" + cellOutside + "'], ARRAY[DATE '2015-01-01', DATE '1990-01-01']");
        same(moved, "ARRAY[NULL, " + c + "], '{}', ARRAY[DATE '1985-01-01', NULL]");
        same(moved, "NULL, '{}', ARRAY[DATE '2020-01-01']");
        same(moved, "ARRAY[" + a + "], NULL, NULL");
        same(moved, "'{}', '{}', '{}'");
        same(moved, "NULL, NULL, ARRAY[DATE '2012-06-01']"); // not a period's first day: nothing recomputed
        same(moved, "NULL, NULL, NULL");
    }

    @Test
    void unitsWhoseObserverFieldsSplitIntoNoName() throws Exception {
        // the table's checks lifted in the transaction: fields that are empty or null split into no name, and V20
        // joined the counts to the observers, so a unit and period with only such occurrences gets no value at all
        String lifted = "ALTER TABLE sinp.occurrence DROP CONSTRAINT occurrence_observateur_check; "
                + "ALTER TABLE sinp.occurrence ALTER COLUMN observateur DROP NOT NULL; "
                + "INSERT INTO sinp.occurrence (id_sinp_occtax, statut_observation, cd_nom, nom_cite, date_debut, date_fin, "
                + "observateur, org_gest_dat, statut_source, ds_publique, jdd_metadonnee_dee_id, sensi_niveau, geom) "
                + "SELECT gen_random_uuid(), 'Pr', (SELECT min(cd_nom) FROM ref.taxref), 'n', o.day, o.day, o.observer, 'Org', "
                + "'Te', 'Pu', (SELECT uuid FROM ref.dataset ORDER BY uuid LIMIT 1), '0', "
                + "(SELECT ST_PointOnSurface(geom) FROM territory.commune WHERE insee = o.insee) FROM (VALUES "
                + "(DATE '1981-01-01', '', '" + communeA + "'), (DATE '1982-01-01', NULL, '" + communeA + "'), "
                + "(DATE '1976-01-01', '', '" + communeB + "'), (DATE '1977-01-01', 'SEUL Jean', '" + communeB + "'), "
                + "(DATE '2011-09-09', '', '" + communeA + "')) AS o (day, observer, insee)";
        Written full = same(lifted, "NULL, NULL, NULL");
        assertThat(value(full, "occurrence_count", "commune", communeA, "1980-01-01")).isNull();
        assertThat(value(full, "occurrence_count", "territory", "yseraa", "1980-01-01")).isNull();
        assertThat(value(full, "occurrence_count", "commune", communeB, "1975-01-01")).isEqualTo("2");
        assertThat(value(full, "effort_observers", "commune", communeB, "1975-01-01")).isEqualTo("1");
        same(lifted, "ARRAY['" + communeA + "'], ARRAY['" + cellA + "'], ARRAY[DATE '1980-01-01', DATE '2010-01-01']");
    }
}
