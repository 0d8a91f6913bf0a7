package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.feature.LayerSql;
import fr.yseraa.observatory.ext.sinp.SensitivityPolicy;
import fr.yseraa.observatory.wps.process.Format;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.LiteralType;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessContext;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import fr.yseraa.observatory.wps.process.ProcessResult;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code obs:ComputeIndicators}: computes the observatory's indicators and stores them in obs.indicator_value (their
 * methodology sheets are the data model's, obs.indicator): occurrences, species richness and heritage species per commune and five-year period
 * (obs.compute_occurrence_indicators()), the share of each habitat class and meff per commune, and the ECA of each
 * sub-network over the territory, for the year. It reads the landscape and the territory through their layers, as
 * every process does, gives its connection back while it computes the ECA in Java, then writes everything through
 * its {@link IndicatorWriter} in one transaction: a failure leaves the previous values untouched.
 */
public final class ComputeIndicatorsProcess implements WpsProcess {

    static final String YEAR = "year";
    static final String TERRITORY_CODE = "yseraa";

    private static final ProcessDescription DESCRIPTION = new ProcessDescription("obs:ComputeIndicators",
            ProcessTexts.title("ComputeIndicators"), ProcessTexts.abstractText("ComputeIndicators"),
            "1.0.0",
            List.of(new InputDescription.Literal(YEAR, "Année", "Année à laquelle rattacher les indicateurs paysagers "
                    + "(par défaut l'année en cours)", 0, 1, LiteralType.INTEGER, List.of(), null, null, 2000.0, 2100.0)),
            List.of(new OutputDescription.Complex("summary", "Synthèse", "Nombre de valeurs écrites par indicateur",
                            List.of(Format.JSON)),
                    new OutputDescription.Literal("values", "Valeurs écrites", null, LiteralType.INTEGER, null)),
            List.of(ObservatoryLayers.TERRITORY, ObservatoryLayers.COMMUNES, ObservatoryLayers.HABITATS,
                    ObservatoryLayers.OBSTACLES));

    private final IndicatorWriter writer;

    @Override
    public ProcessDescription description() {
        return DESCRIPTION;
    }

    /** It rewrites the observatory's published indicators: administrators only. */
    @Override
    public boolean allows(Caller caller) {
        return caller.hasRole(SensitivityPolicy.ADMIN);
    }

    /** @param writer where the indicators are stored */
    public ComputeIndicatorsProcess(IndicatorWriter writer) {
        this.writer = writer;
    }

    @Override
    public ProcessResult execute(ProcessInputs inputs, ProcessContext context) {
        int year = inputs.integer(YEAR).map(Long::intValue).orElse(LocalDate.now().getYear());
        Date start = Date.valueOf(LocalDate.of(year, 1, 1));
        Date end = Date.valueOf(LocalDate.of(year, 12, 31));
        record Read(Batch shares, Batch meff, List<HabitatGraph> graphs) {
        }
        Read read = context.read(layers -> {
            context.progress().progress(5, "Parts d'habitats");
            Batch shares = habitatShares(layers);
            context.progress().progress(25, "Maille effective");
            Batch meff = meff(layers);
            context.progress().progress(45, "Graphes paysagers");
            return new Read(shares, meff, habitatGraphs(layers));
        });
        context.progress().progress(55, "Aire connectée équivalente");
        List<Batch> batches = List.of(read.shares(), read.meff(), eca(read.graphs(), context::checkpoint));
        context.progress().progress(70, "Indicateurs d'occurrences");
        return writer.write(c -> {
            Map<String, Object> written = new LinkedHashMap<>();
            try (Statement st = c.createStatement()) {
                st.execute("SELECT obs.write_habitat_share_sheets()");
                try (ResultSet rs = st.executeQuery("SELECT obs.compute_occurrence_indicators()")) {
                    rs.next();
                    written.put("occurrence_indicators", rs.getInt(1));
                }
            }
            for (Batch batch : batches) {
                written.put(batch.name(), batch.store(c, start, end));
            }
            int total = written.values().stream().mapToInt(v -> (Integer) v).sum();
            return new ProcessResult.Builder().complex("summary", JsonReport.renderings(written))
                    .literal("values", total).build();
        });
    }

    /** One value of an indicator for a unit (a commune, the territory). */
    private record Value(String indicator, String unitType, String unitCode, double value) {
    }

    /**
     * The values of one family of indicators computed for the year, with the values they replace ({@code replaced}, a
     * constant SQL condition).
     */
    private record Batch(String name, String replaced, List<Value> values) {

        /** Replaces the period's values; returns how many were written. */
        int store(Connection c, Date start, Date end) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM obs.indicator_value WHERE " + replaced
                    + " AND period_start = ? AND period_end = ?")) {
                ps.setDate(1, start);
                ps.setDate(2, end);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO obs.indicator_value"
                    + " (indicator_code, unit_type, unit_code, period_start, period_end, value) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Value v : values) {
                    ps.setString(1, v.indicator());
                    ps.setString(2, v.unitType());
                    ps.setString(3, v.unitCode());
                    ps.setDate(4, start);
                    ps.setDate(5, end);
                    ps.setDouble(6, v.value());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return values.size();
        }
    }

    /** The share of each commune in each habitat class (the sheets: obs.write_habitat_share_sheets()). */
    private static Batch habitatShares(LayerSql layers) throws SQLException {
        Connection c = layers.connection();
        List<Value> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT 'habitat_share_' || h.class_code, m.insee, 100 * sum(ST_Area(ST_Intersection(h.geom, m.geom))) / ST_Area(m.geom)
                FROM %s m JOIN %s h ON ST_Intersects(h.geom, m.geom)
                GROUP BY h.class_code, m.insee, m.geom""".formatted(layers.relation(ObservatoryLayers.COMMUNES),
                layers.relation(ObservatoryLayers.HABITATS)));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(new Value(rs.getString(1), "commune", rs.getString(2), rs.getDouble(3)));
            }
        }
        return new Batch("habitat_share", "indicator_code LIKE 'habitat\\_share\\_%' AND unit_type = 'commune'", values);
    }

    private static Batch meff(LayerSql layers) throws SQLException {
        StudyArea territory = StudyArea.resolve(layers, CorridorInputs.AREA, Optional.empty());
        EffectiveMesh.cutPieces(layers, territory, Barriers.DEFAULT);
        FeatureTable units = EffectiveMesh.byUnit(layers, territory, "commune");
        List<String> codes = units.ids();
        List<Object> meff = units.column("meff_ha");
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            values.add(new Value("meff", "commune", codes.get(i), (Double) meff.get(i)));
        }
        return new Batch("meff", "indicator_code = 'meff' AND unit_type = 'commune'", values);
    }

    /** A sub-network's habitat patches over the territory as a graph, on the default graph settings. */
    private record HabitatGraph(String subNetwork, GraphSettings settings, LandscapeGraph graph) {
    }

    private static List<HabitatGraph> habitatGraphs(LayerSql layers) throws SQLException {
        StudyArea territory = StudyArea.resolve(layers, CorridorInputs.AREA, Optional.empty());
        List<HabitatGraph> graphs = new ArrayList<>();
        for (String subNetwork : SpeciesGroup.SUB_NETWORKS) {
            SpeciesGroup group = new SpeciesGroup(subNetwork, SpeciesGroup.defaultDispersalDistance(subNetwork),
                    SpeciesGroup.favourableClasses(layers.connection(), subNetwork));
            GraphSettings settings = GraphSettings.defaults(group);
            graphs.add(new HabitatGraph(subNetwork, settings,
                    LandscapeGraphBuilder.build(layers, territory, group, PatchSource.HABITAT, settings)));
        }
        return graphs;
    }

    /**
     * The ECA of each sub-network's graph, computed in Java with no connection held.
     *
     * @param checkpoint run now and then, to stop a computation whose time is up
     */
    private static Batch eca(List<HabitatGraph> graphs, Runnable checkpoint) {
        List<Value> values = new ArrayList<>();
        for (HabitatGraph g : graphs) {
            GraphSettings settings = g.settings();
            double eca = g.graph().patches().isEmpty() ? 0 : ConnectivityCalculator.compute(g.graph(), settings.kernel(),
                    settings.pcCutoff(), settings.iicThreshold(), false, checkpoint).eca();
            values.add(new Value("eca_" + g.subNetwork(), "territory", TERRITORY_CODE, eca));
        }
        String codes = String.join(", ", SpeciesGroup.SUB_NETWORKS.stream().map(n -> "'eca_" + n + "'").toList());
        return new Batch("eca", "indicator_code IN (" + codes + ") AND unit_type = 'territory'", values);
    }
}
