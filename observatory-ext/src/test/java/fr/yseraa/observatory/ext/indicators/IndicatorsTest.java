package fr.yseraa.observatory.ext.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.ext.ObservatoryDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indicators as a caller reads them, on the demo, with layer rules that keep the 10 km cells to partners: a unit type
 * whose geometry layer a caller may not read is neither listed nor served to it; the values are the database's.
 */
class IndicatorsTest {

    private static final Caller PUBLIC = Caller.anonymous();
    private static final Caller PARTNER = new Caller("p", Set.of("partner"));

    private static DataSource ds;
    private static FeatureRepository repository;
    private static Catalog catalog;

    @BeforeAll
    static void catalogWithCellsForPartners(@TempDir Path dir) throws Exception {
        ds = ObservatoryDatabase.demo();
        repository = new FeatureRepository(ds, 60);
        Path project = ObservatoryDatabase.projectRoot().resolve("data-dir");
        try (Stream<Path> files = Files.walk(project)) {
            for (Path f : files.toList()) {
                Path target = dir.resolve(project.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Files.writeString(dir.resolve("security/layers.yaml"), """
                read:
                  - layer: "obs:mailles_10km"
                    roles: ["partner"]
                  - layer: "*"
                    roles: ["*"]
                """);
        catalog = ObservatoryDatabase.catalog(ds, dir);
    }

    private static CallerFeatures seen(Caller caller) {
        return repository.forCaller(catalog, caller);
    }

    @Test
    void unitsFollowTheLayerRules() {
        assertThat(Indicators.sheet(seen(PUBLIC), "species_richness").orElseThrow().units())
                .containsExactly(SpatialUnit.COMMUNE, SpatialUnit.TERRITORY);
        assertThat(Indicators.sheet(seen(PARTNER), "species_richness").orElseThrow().units())
                .containsExactly(SpatialUnit.COMMUNE, SpatialUnit.MAILLE_10KM, SpatialUnit.TERRITORY);
        assertThatThrownBy(() -> Indicators.values(seen(PUBLIC), "species_richness", SpatialUnit.MAILLE_10KM, null, false,
                v -> { })).isInstanceOf(IllegalArgumentException.class);
        List<IndicatorValue> cells = new ArrayList<>();
        Indicators.values(seen(PARTNER), "species_richness", SpatialUnit.MAILLE_10KM, null, false, cells::add);
        assertThat(cells).hasSize((int) query("SELECT count(*) FROM obs.indicator_value"
                + " WHERE indicator_code = 'species_richness' AND unit_type = 'maille_10km'"));
    }

    @Test
    void valuesAndSheetsAreTheDatabases() throws Exception {
        IndicatorSheet sheet = Indicators.sheet(seen(PUBLIC), "occurrence_count").orElseThrow();
        Period first = sheet.periods().get(0);
        assertThat(first.id()).isEqualTo(ObservatoryDatabase.queryString(ds, "SELECT min(period_start) || '/' || min(period_end)"
                + " FROM obs.indicator_value WHERE indicator_code = 'occurrence_count'"));
        Map<String, Double> served = new TreeMap<>();
        Indicators.values(seen(PUBLIC), "occurrence_count", SpatialUnit.COMMUNE, first, true, v -> {
            assertThat(v.geoJson()).startsWith("{\"type\":\"MultiPolygon\"");
            assertThat(v.period()).isEqualTo(first);
            served.put(v.unitCode(), v.value());
        });
        Map<String, Double> stored = new TreeMap<>();
        try (var c = ds.getConnection(); var ps = c.prepareStatement("SELECT unit_code, value FROM obs.indicator_value"
                + " WHERE indicator_code = 'occurrence_count' AND unit_type = 'commune' AND period_start = ?")) {
            ps.setObject(1, first.start());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getDouble(2));
                }
            }
        }
        assertThat(served).isNotEmpty().isEqualTo(stored);
        assertThat(Indicators.sheets(seen(PUBLIC))).hasSize((int) query("SELECT count(*) FROM obs.indicator"));
        assertThat(Indicators.sheet(seen(PUBLIC), "nothing_such")).isEmpty();
    }

    /** The effort per commune and period, recounted here another way from the occurrences the public may place there. */
    @Test
    void effortIsCountedFromThePublicOccurrences() throws Exception {
        String recount = """
                WITH o AS (SELECT code_commune, extract(year FROM date_debut)::integer / 5 * 5 AS y, date_debut, observateur
                           FROM sinp.occurrence WHERE statut_observation = 'Pr' AND diffusion_level <= 1
                             AND code_commune IS NOT NULL)
                SELECT code_commune || ' ' || y, count(DISTINCT date_debut),
                       (SELECT count(DISTINCT btrim(n)) FROM o p, regexp_split_to_table(p.observateur, ',') n
                        WHERE p.code_commune = g.code_commune AND p.y = g.y)
                FROM o g GROUP BY code_commune, y""";
        String stored = """
                SELECT d.unit_code || ' ' || extract(year FROM d.period_start), d.value, b.value
                FROM obs.indicator_value d JOIN obs.indicator_value b USING (unit_type, unit_code, period_start)
                WHERE d.indicator_code = 'effort_days' AND b.indicator_code = 'effort_observers' AND unit_type = 'commune'""";
        Map<String, List<Double>> expected = rows(recount);
        assertThat(expected).isNotEmpty();
        assertThat(rows(stored)).isEqualTo(expected);
        assertThat(Indicators.sheet(seen(PUBLIC), "effort_days").orElseThrow().units())
                .containsExactly(SpatialUnit.COMMUNE, SpatialUnit.TERRITORY);
    }

    /**
     * Each commune's Mann-Kendall S, of the values and of the effort, is the sum of signs over pairs of the periods that
     * are over, in SQL.
     */
    @Test
    void trendsAreMannKendallOfTheStoredValues() throws Exception {
        Map<String, List<Double>> served = new TreeMap<>();
        List<UnitTrend> all = new ArrayList<>();
        Indicators.trends(seen(PUBLIC), "species_richness", SpatialUnit.COMMUNE, null, all::add);
        for (UnitTrend t : all) {
            if (t.value() != null) {
                served.put(t.unitCode(), List.of((double) t.value().n(), (double) t.value().s(), (double) t.effort().s()));
            }
        }
        Map<String, List<Double>> expected = rows("""
                SELECT a.unit_code, (SELECT count(*) FROM obs.indicator_value c WHERE c.indicator_code = 'species_richness'
                            AND c.unit_type = 'commune' AND c.unit_code = a.unit_code AND c.period_end < current_date),
                       sum(sign(b.value - a.value)), sum(sign(eb.value - ea.value))
                FROM obs.indicator_value a
                JOIN obs.indicator_value b ON b.indicator_code = a.indicator_code AND b.unit_type = a.unit_type
                     AND b.unit_code = a.unit_code AND b.period_start > a.period_start
                     AND b.period_end < current_date
                JOIN obs.indicator_value ea ON ea.indicator_code = 'effort_days' AND ea.unit_type = a.unit_type
                     AND ea.unit_code = a.unit_code AND ea.period_start = a.period_start
                JOIN obs.indicator_value eb ON eb.indicator_code = 'effort_days' AND eb.unit_type = a.unit_type
                     AND eb.unit_code = a.unit_code AND eb.period_start = b.period_start
                WHERE a.indicator_code = 'species_richness' AND a.unit_type = 'commune'
                GROUP BY a.unit_code HAVING count(*) >= 3""");
        assertThat(served).isNotEmpty().isEqualTo(expected);
        assertThat(all).hasSize((int) query("SELECT count(DISTINCT unit_code) FROM obs.indicator_value"
                + " WHERE indicator_code = 'species_richness' AND unit_type = 'commune' AND period_end < current_date"));
        UnitTrend one = all.stream().filter(t -> t.value() != null).findFirst().orElseThrow();
        List<UnitTrend> single = new ArrayList<>();
        Indicators.trends(seen(PUBLIC), "species_richness", SpatialUnit.COMMUNE, one.unitCode(), single::add);
        assertThat(single).containsExactly(one);
        assertThat(one.sentence()).startsWith("Sur " + one.periods().size() + " périodes : ")
                .contains(UnitTrend.verdict(one.value()), "effort d'observation (jours) : " + UnitTrend.verdict(one.effort()));
    }

    private static Map<String, List<Double>> rows(String sql) throws Exception {
        Map<String, List<Double>> rows = new TreeMap<>();
        try (var c = ds.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<Double> row = new ArrayList<>();
                for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getDouble(i));
                }
                rows.put(rs.getString(1), row);
            }
        }
        return rows;
    }

    @Test
    void periodsAreNamedInFrench() {
        assertThat(Period.parse("2020-01-01/2024-12-31").orElseThrow().label()).isEqualTo("2020-2024");
        assertThat(Period.parse("2024-01-01/2024-12-31").orElseThrow().label()).isEqualTo("2024");
        assertThat(Period.parse("2024-03-01/2024-05-31").orElseThrow().label()).isEqualTo("du 2024-03-01 au 2024-05-31");
        assertThat(Period.parse("2024")).isEmpty();
        assertThat(Period.parse("2024-12-31/2024-01-01")).isEmpty();
        assertThat(Period.parse("2024-02-30/2024-03-01")).isEmpty();
    }

    private static long query(String sql) {
        try {
            return ObservatoryDatabase.queryLong(ds, sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
