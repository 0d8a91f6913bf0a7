package fr.yseraa.observatory.ext.corridors;

import static fr.yseraa.observatory.ext.ObservatoryDatabase.execute;
import static fr.yseraa.observatory.ext.ObservatoryDatabase.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.ext.ObservatoryDatabase;
import fr.yseraa.observatory.ext.demo.DemoLoader;
import fr.yseraa.observatory.ext.demo.DemoOptions;
import fr.yseraa.observatory.wps.process.ProcessResult;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** obs:ComputeIndicators stores every indicator with its sheet, all or nothing. */
class ComputeIndicatorsProcessTest {

    static final Caller ADMIN = new Caller("root", java.util.Set.of("admin"));
    private final ComputeIndicatorsProcess process = new ComputeIndicatorsProcess(new IndicatorWriter(ds));
    private static DataSource ds;

    /** A demo of its own: the shared one must keep only the demo's own indicators. */
    @BeforeAll
    static void demo() throws Exception {
        ds = ObservatoryDatabase.empty("indicators");
        DemoLoader.load(ds, new DemoOptions(3000, DemoOptions.DEFAULT_SEED, null, null), ObservatoryDatabase.quiet());
    }

    @Test
    void indicatorsAreStoredWithTheirSheets() throws Exception {
        ProcessResult r = DemoProcesses.runOn(ds, process, DemoProcesses.literals("year", "2024"), ADMIN);
        long written = Long.parseLong(DemoProcesses.literal(r, "values"));
        assertThat(written).isPositive();
        assertThat(queryLong(ds, "SELECT count(*) FROM obs.indicator_value WHERE indicator_code = 'meff'"
                + " AND period_start = '2024-01-01'")).isEqualTo(queryLong(ds, "SELECT count(*) FROM territory.commune"));
        assertThat(queryLong(ds, "SELECT count(*) FROM obs.indicator_value WHERE indicator_code LIKE 'eca\\_%'"
                + " AND unit_type = 'territory'")).isEqualTo(4);
        assertThat(queryLong(ds, "SELECT count(*) FROM obs.indicator_value WHERE indicator_code = 'species_richness'")).isPositive();
        // every stored value has its methodology sheet (the foreign key) and a computation time
        assertThat(queryLong(ds, "SELECT count(*) FROM obs.indicator WHERE code IN ('meff', 'eca_wetland', 'habitat_share_urban')"))
                .isEqualTo(3);
        assertThat(queryLong(ds, "SELECT count(*) FROM obs.indicator_value WHERE computed_at IS NULL")).isZero();
        // the habitat shares of a commune add up to 100 %
        double shares = Double.parseDouble(ObservatoryDatabase.queryString(ds, "SELECT sum(value) FROM obs.indicator_value"
                + " WHERE indicator_code LIKE 'habitat\\_share\\_%' AND period_start = '2024-01-01'"
                + " AND unit_code = (SELECT min(unit_code) FROM obs.indicator_value WHERE indicator_code = 'meff')"));
        assertThat(shares).isCloseTo(100, within(1.0));
        // the layer of commune indicators shows them
        assertThat(queryLong(ds, "SELECT count(*) FROM obs.indicateurs_commune WHERE indicateur = 'meff'")).isPositive();
        // meff never exceeds the commune's area
        assertThat(queryLong(ds, "SELECT count(*) FROM obs.indicator_value v JOIN territory.commune c ON c.insee = v.unit_code"
                + " WHERE v.indicator_code = 'meff' AND v.value > ST_Area(c.geom) / 10000 * (1 + 1e-9)")).isZero();
    }

    /** The ECA is computed with no connection held: the pool serves others meanwhile. */
    @Test
    void noConnectionIsHeldWhileTheEcaIsComputed() {
        HeldConnections held = new HeldConnections(ds);
        ProcessResult r = DemoProcesses.runOn(held.dataSource(),
                new ComputeIndicatorsProcess(new IndicatorWriter(held.dataSource())),
                DemoProcesses.literals("year", "2023"), ADMIN, held.budget());
        assertThat(Long.parseLong(DemoProcesses.literal(r, "values"))).isPositive();
        assertThat(held.atComputation()).as("connections open at the computation's checkpoints").isNotEmpty()
                .containsOnly(0);
    }

    /** The ECA sheets of the data model state the graph settings the process uses. */
    @Test
    void ecaSheetsStateTheGraphSettings() throws Exception {
        for (String subNetwork : SpeciesGroup.SUB_NETWORKS) {
            String method = ObservatoryDatabase.queryString(ds, "SELECT method FROM obs.indicator WHERE code = 'eca_" + subNetwork + "'");
            assertThat(method).contains("(%d m)".formatted((long) SpeciesGroup.defaultDispersalDistance(subNetwork)))
                    .contains("au moins %d ha".formatted((long) GraphSettings.DEFAULT_MIN_PATCH_AREA_HA))
                    .contains("inférieure à " + Double.toString(GraphSettings.DEFAULT_MIN_PROBABILITY).replace('.', ','));
        }
    }

    @Test
    void onlyAdministratorsMayRunIt() {
        assertThat(process.allows(ADMIN)).isTrue();
        assertThat(process.allows(Caller.anonymous())).isFalse();
        assertThat(process.allows(new Caller("instructeur", java.util.Set.of("instructor")))).isFalse();
    }

    @Test
    void aFailureHalfWayLeavesNoPartialValues() throws Exception {
        long before = queryLong(ds, "SELECT count(*) FROM obs.indicator_value WHERE period_start = '2019-01-01'");
        execute(ds, """
                CREATE FUNCTION pg_temp_fail_eca() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'simulated failure'; END $$""",
                "CREATE TRIGGER fail_eca BEFORE INSERT ON obs.indicator_value FOR EACH ROW"
                        + " WHEN (NEW.indicator_code LIKE 'eca\\_%') EXECUTE FUNCTION pg_temp_fail_eca()");
        try {
            assertThatThrownBy(() -> DemoProcesses.runOn(ds, process, DemoProcesses.literals("year", "2019"), ADMIN))
                    .hasMessageContaining("simulated failure");
        } finally {
            execute(ds, "DROP TRIGGER fail_eca ON obs.indicator_value", "DROP FUNCTION pg_temp_fail_eca()");
        }
        assertThat(queryLong(ds, "SELECT count(*) FROM obs.indicator_value WHERE period_start = '2019-01-01'")).isEqualTo(before);
        assertThat(queryLong(ds, "SELECT count(*) FROM obs.indicator_value WHERE indicator_code = 'meff'"
                + " AND period_start = '2019-01-01'")).isZero();
    }
}
