package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.server.database.ReplicaReads;
import fr.yseraa.observatory.server.wms.DemoWms;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code obs.wms.precomputed-density=false} makes the server's feature repository count every density grid live, as
 * before the grids existed: the same counts, whatever the grids hold (a cell made wrong on purpose is read with the
 * setting on, by default, and not with it off).
 */
class PrecomputedDensitySettingTest {

    static final List<Caller> CALLERS = List.of(Caller.anonymous(), new Caller("partenaire", Set.of("partner")),
            new Caller("instructeur", Set.of("instructor")));
    static final int LEVEL = 12;

    /** The server's repository bean, built by its configuration with these properties. */
    static FeatureRepository repository(String... properties) throws Exception {
        DataSource ds = DemoWms.database();
        FeatureRepository[] built = new FeatureRepository[1];
        new ApplicationContextRunner()
                .withUserConfiguration(EngineConfiguration.class)
                .withBean(DataSource.class, () -> ds)
                .withBean(ReplicaReads.class, () -> ReplicaReads.none(ds))
                .withBean(ObservatoryProperties.class, () -> new ObservatoryProperties(Path.of("data-dir"),
                        Path.of("styles"), 60, null))
                .withPropertyValues(properties)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    built[0] = context.getBean(FeatureRepository.class);
                });
        return built[0];
    }

    static Map<String, Long> cells(FeatureRepository repository, Caller caller, int level) throws Exception {
        Catalog catalog = DemoWms.catalog();
        LayerInfo layer = catalog.layer("sinp:occurrences").orElseThrow();
        Map<String, Long> cells = new HashMap<>();
        repository.forCaller(catalog, caller).countPerCell(layer, FeatureQuery.all(2154), Math.scalb(1.0, level),
                (cell, n) -> assertThat(cells.put(cell.getEnvelopeInternal().toString(), n)).isNull());
        return cells;
    }

    @Test
    void withTheSettingOffTheGridsAreCountedLiveWithTheSameCounts() throws Exception {
        FeatureRepository byDefault = repository();
        FeatureRepository on = repository("obs.wms.precomputed-density=true");
        FeatureRepository off = repository("obs.wms.precomputed-density=false");
        assertThat(byDefault.precomputedDensity()).isTrue();
        assertThat(on.precomputedDensity()).isTrue();
        assertThat(off.precomputedDensity()).isFalse();
        Map<Caller, Map<String, Long>> before = new HashMap<>();
        for (Caller caller : CALLERS) {
            for (int level : new int[] {10, LEVEL, 16}) {
                Map<String, Long> grid = cells(byDefault, caller, level);
                assertThat(grid).as(caller.roles() + " at level " + level).isNotEmpty()
                        .isEqualTo(cells(off, caller, level));
                if (level == LEVEL) {
                    before.put(caller, grid);
                }
            }
        }
        try {
            DemoWms.query("WITH t AS (UPDATE obs.density_grid SET n = n + 1000000 WHERE level = ? RETURNING 1) "
                    + "SELECT count(*) FROM t", LEVEL);
            for (Caller caller : CALLERS) {
                Map<String, Long> read = cells(on, caller, LEVEL);
                assertThat(read.keySet()).isEqualTo(before.get(caller).keySet());
                read.forEach((cell, n) -> assertThat(n).as(caller.roles() + " reads the grid with the setting on")
                        .isEqualTo(before.get(caller).get(cell) + 1_000_000));
                assertThat(cells(off, caller, LEVEL)).as(caller.roles() + " counts live with the setting off")
                        .isEqualTo(before.get(caller));
            }
        } finally {
            DemoWms.query("SELECT obs.refresh_density_grid()::text");
        }
        assertThat(cells(on, Caller.anonymous(), LEVEL)).isEqualTo(before.get(Caller.anonymous()));
    }
}
