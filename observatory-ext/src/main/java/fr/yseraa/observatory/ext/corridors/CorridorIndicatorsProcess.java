package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.core.feature.LayerSql;
import fr.yseraa.observatory.core.ows.OwsException;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code obs:CorridorIndicators}: the report on one corridor (by id or drawn) for a species group, as described in
 * CORRIDOR-INDICATORS.md: geometry, habitat composition and continuity, barrier crossings, meff inside, PC / IIC /
 * ECA of the sub-network's reservoir graph with and without the corridor (its dPC), and the occurrences inside as the
 * caller may see them.
 */
public final class CorridorIndicatorsProcess implements WpsProcess {

    static final String CORRIDOR = "corridor";
    static final String GEOMETRY = "geometry";
    static final String WIDTH = "width";
    /** How near a reservoir must be to the corridor for the corridor to join it. */
    static final double TOUCH_DISTANCE_M = 10;
    /** The widest a drawn axis may be made, in metres. */
    static final double MAX_WIDTH_M = 10_000;

    private static final ProcessDescription DESCRIPTION = new ProcessDescription("obs:CorridorIndicators",
            ProcessTexts.title("CorridorIndicators"), ProcessTexts.abstractText("CorridorIndicators"),
            "1.0.0",
            List.of(new InputDescription.Literal(CORRIDOR, "Corridor", "Identifiant d'un corridor de la couche obs:corridors",
                            0, 1, LiteralType.INTEGER, List.of(), null, null, 1.0, (double) Integer.MAX_VALUE),
                    new InputDescription.Complex(GEOMETRY, "Corridor dessiné",
                            "Axe (ligne) ou emprise (polygone) d'un corridor dessiné, si aucun identifiant n'est donné",
                            0, 1, CorridorInputs.GEOMETRY_FORMATS),
                    new InputDescription.Literal(WIDTH, "Largeur", "Largeur donnée à un axe dessiné", 0, 1,
                            LiteralType.DOUBLE, List.of(), "50", "m", 1.0, MAX_WIDTH_M),
                    CorridorInputs.subNetwork(false), CorridorInputs.dispersalDistance(), CorridorInputs.habitatClasses(),
                    Barriers.input()),
            List.of(new OutputDescription.Complex("report", "Rapport", "Tous les indicateurs du corridor", List.of(Format.JSON)),
                    new OutputDescription.Complex("crossings", "Franchissements", "Obstacles franchis, avec leur position",
                            List.of(Format.GEOJSON, Format.CSV)),
                    new OutputDescription.Literal("dPC", "Importance du corridor (dPC)",
                            "Perte relative de PC sans le corridor", LiteralType.DOUBLE, "%")),
            List.of(ObservatoryLayers.TERRITORY, ObservatoryLayers.CORRIDORS, ObservatoryLayers.HABITATS,
                    ObservatoryLayers.OBSTACLES, ObservatoryLayers.RESERVOIRS));

    @Override
    public ProcessDescription description() {
        return DESCRIPTION;
    }

    /** What the process reads in the database: the report's figures so far, and the graphs to compute on. */
    private record Read(Map<String, Object> report, FeatureTable crossings, byte[] corridor, ReservoirGraphs graphs) {
    }

    /**
     * Reads everything in one transaction (the figures PostGIS computes, and the reservoirs' graph), gives the
     * connection back, computes the connectivity in Java checking the execution's budget, then counts the occurrences
     * inside in a transaction of their own: the execution holds a connection only while the database works.
     */
    @Override
    public ProcessResult execute(ProcessInputs inputs, ProcessContext context) {
        Read read = context.read(layers -> {
            Connection c = layers.connection();
            Corridor corridor = corridor(layers, inputs);
            String subNetwork = inputs.string(CorridorInputs.SUB_NETWORK).orElse(corridor.subNetwork());
            if (subNetwork == null) {
                throw OwsException.missingParameter(CorridorInputs.SUB_NETWORK);
            }
            SpeciesGroup group = CorridorInputs.speciesGroup(inputs, subNetwork, c);
            List<String> barriers = Barriers.chosen(inputs);
            Map<String, Object> report = new LinkedHashMap<>();
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("id", corridor.id());
            about.put("name", corridor.name());
            about.put("subNetwork", subNetwork);
            report.put("corridor", about);
            report.put("speciesGroup", Map.of("dispersalDistance_m", group.dispersalDistance(),
                    "habitatClasses", group.habitatClasses()));
            context.progress().progress(10, "Géométrie et habitats");
            Map<String, Object> geometry = CorridorFigures.geometry(c, corridor);
            report.put("geometry", geometry);
            Map<String, Object> habitat = new LinkedHashMap<>();
            habitat.put("composition", CorridorFigures.composition(layers, corridor, group.habitatClasses()));
            habitat.put("continuity", CorridorFigures.continuity(layers, corridor, group.habitatClasses()));
            report.put("habitat", habitat);
            FeatureTable crossings = CorridorFigures.crossings(layers, corridor);
            report.put("barriers", barrierSummary(crossings));
            context.progress().progress(30, "Fragmentation");
            EffectiveMesh.cutPieces(layers, new StudyArea(corridor.geom(), (Double) geometry.get("area_ha")), barriers);
            report.put("fragmentation", Map.of("barrierClasses", barriers,
                    "meff_ha", EffectiveMesh.meff(c, new StudyArea(corridor.geom(), (Double) geometry.get("area_ha")))));
            return new Read(report, crossings, corridor.geom(), reservoirGraphs(layers, corridor, group));
        });
        context.progress().progress(50, "Connectivité");
        Map<String, Object> report = read.report();
        Map<String, Object> connectivity = connectivity(read.graphs(), context::checkpoint);
        report.put("connectivity", connectivity);
        context.progress().progress(80, "Biodiversité");
        VisibleOccurrences occurrences = VisibleOccurrences.inside(context, read.corridor());
        Map<String, Object> biodiversity = new LinkedHashMap<>();
        biodiversity.put("visible", occurrences.visible());
        biodiversity.put("occurrences", occurrences.occurrences());
        biodiversity.put("species", occurrences.species());
        biodiversity.put("heritageSpecies", occurrences.heritageSpecies());
        report.put("biodiversity", biodiversity);
        return new ProcessResult.Builder().complex("report", JsonReport.renderings(report))
                .complex("crossings", read.crossings().renderings()).literal("dPC", connectivity.get("dPC")).build();
    }

    private static Corridor corridor(LayerSql layers, ProcessInputs inputs) throws SQLException {
        Optional<Long> id = inputs.integer(CORRIDOR);
        Optional<fr.yseraa.observatory.wps.process.InputValue.Complex> drawn = inputs.complex(GEOMETRY);
        if (id.isPresent() && drawn.isPresent()) {
            throw OwsException.invalidParameter(GEOMETRY, "Give either a corridor id or a geometry, not both");
        }
        if (id.isPresent()) {
            return Corridor.byId(layers, CORRIDOR, id.get());
        }
        if (drawn.isPresent()) {
            return Corridor.drawn(layers, GEOMETRY, drawn.get(), inputs.number(WIDTH).orElseThrow(),
                    inputs.string(CorridorInputs.SUB_NETWORK).orElse(null));
        }
        throw OwsException.missingParameter(CORRIDOR);
    }

    private static Map<String, Object> barrierSummary(FeatureTable crossings) {
        Map<String, Integer> byClass = new TreeMap<>();
        crossings.column("class").forEach(cls -> byClass.merge(String.valueOf(cls), 1, Integer::sum));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("crossings", crossings.size());
        s.put("byClass", byClass);
        return s;
    }

    /**
     * The sub-network's reservoirs over the territory as a graph, on the graph settings every process uses by
     * default, and those the corridor joins.
     */
    private record ReservoirGraphs(GraphSettings settings, LandscapeGraph without, List<Integer> joined) {
    }

    private static ReservoirGraphs reservoirGraphs(LayerSql layers, Corridor corridor, SpeciesGroup group)
            throws SQLException {
        Connection c = layers.connection();
        StudyArea territory = StudyArea.resolve(layers, CorridorInputs.AREA, Optional.empty());
        GraphSettings settings = GraphSettings.defaults(group);
        LandscapeGraph without = LandscapeGraphBuilder.build(layers, territory, group, PatchSource.RESERVOIRS, settings);
        List<Integer> joined = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT idx FROM " + LandscapeGraphBuilder.PATCH_TABLE
                + " WHERE ST_DWithin(geom, ST_GeomFromEWKB(?), ?) ORDER BY idx")) {
            ps.setBytes(1, corridor.geom());
            ps.setDouble(2, TOUCH_DISTANCE_M);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    joined.add(rs.getInt(1));
                }
            }
        }
        return new ReservoirGraphs(settings, without, joined);
    }

    /**
     * PC, IIC and ECA of the sub-network's reservoirs over the territory, without the corridor (links are the
     * edge-to-edge distances) and with it (the reservoirs it joins are linked at distance 0, p = 1); the report states
     * the graph settings with the components and truncation bound of each graph. In Java, with no connection held.
     *
     * @param checkpoint run now and then, to stop a computation whose time is up or whose client has gone
     */
    private static Map<String, Object> connectivity(ReservoirGraphs graphs, Runnable checkpoint) {
        LandscapeGraph without = graphs.without();
        List<Integer> joined = graphs.joined();
        GraphSettings settings = graphs.settings();
        List<LandscapeGraph.Link> links = new ArrayList<>(without.links());
        for (int i = 0; i < joined.size(); i++) {
            for (int j = i + 1; j < joined.size(); j++) {
                links.add(new LandscapeGraph.Link(joined.get(i), joined.get(j), 0));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("graph", settings.report());
        out.put("reservoirs", without.patches().size());
        out.put("joinedReservoirs", joined.stream().map(i -> without.patches().get(i).id()).toList());
        if (without.patches().isEmpty()) {
            out.put("dPC", 0.0);
            return out;
        }
        LandscapeGraph with = new LandscapeGraph(without.patches(), links, without.landscapeArea());
        ConnectivityIndices before = ConnectivityCalculator.compute(without, settings.kernel(), settings.pcCutoff(),
                settings.iicThreshold(), false, checkpoint);
        ConnectivityIndices after = ConnectivityCalculator.compute(with, settings.kernel(), settings.pcCutoff(),
                settings.iicThreshold(), false, checkpoint);
        out.put("PC_without", before.pc());
        out.put("PC_with", after.pc());
        out.put("IIC_without", before.iic());
        out.put("IIC_with", after.iic());
        out.put("ECA_without_ha", before.eca());
        out.put("ECA_with_ha", after.eca());
        out.put("without", ConnectivityProcess.pcFigures(before));
        out.put("with", ConnectivityProcess.pcFigures(after));
        out.put("dPC", 100 * (after.pcNumerator() - before.pcNumerator()) / after.pcNumerator());
        return out;
    }
}
