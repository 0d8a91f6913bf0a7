package fr.yseraa.observatory.ext.corridors;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * {@code obs:RestorationPriorities}: for a study area and a species group, the candidate actions on the
 * sub-network's reservoir graph ranked by the ECA each would gain: every obstacle crossing a corridor made passable,
 * every new corridor between two reservoirs closer than a bound (see {@link RestorationActions} for the graph,
 * {@link RestorationRanking} for how the gains are computed without a recomputation per action). Actions that gain
 * nothing (their reservoirs already joined at p* = 1, or a link beyond the cut-off) are counted, not listed.
 */
public final class RestorationPrioritiesProcess implements WpsProcess {

    static final String MAX_NEW_LINK_DISTANCE = "maxNewLinkDistance";
    static final String MAX_ACTIONS = "maxActions";
    /** The farthest apart two reservoirs may be for a new corridor between them, in metres. */
    static final double LONGEST_NEW_LINK_M = 20_000;
    static final int MOST_ACTIONS = 10_000;
    /** The namespace of the actions' GML features. */
    static final String NAMESPACE = "https://observatoire.yseraa.fr/wps/restoration";
    static final String FEATURE_TYPE = "RestorationAction";

    private static final List<String> COLUMNS = List.of("rank", "kind", "action", "ecaGain_ha", "ecaGain_pct", "dPC",
            "reservoirs", "corridor", "obstacle", "obstacleClass", "probabilityBefore", "probabilityAfter", "distance_m");

    private static final ProcessDescription DESCRIPTION = new ProcessDescription("obs:RestorationPriorities",
            ProcessTexts.title("RestorationPriorities"), ProcessTexts.abstractText("RestorationPriorities"), "1.0.0",
            List.of(CorridorInputs.subNetwork(true), CorridorInputs.dispersalDistance(),
                    new InputDescription.Literal(MAX_NEW_LINK_DISTANCE, "Distance maximale d'un nouveau corridor",
                            "Les paires de réservoirs qu'aucun corridor ne relie et distantes (de bord à bord) d'au plus "
                                    + "cette distance sont des créations de corridor candidates",
                            0, 1, LiteralType.DOUBLE, List.of(), "1000", "m", 0.0, LONGEST_NEW_LINK_M),
                    new InputDescription.Literal(MAX_ACTIONS, "Nombre d'actions",
                            "Nombre maximal d'actions listées, les plus utiles d'abord (celles qui ne gagnent rien ne sont pas listées)", 0, 1, LiteralType.INTEGER, List.of(), "50",
                            null, 1.0, (double) MOST_ACTIONS),
                    CorridorInputs.area("Zone d'étude : ses réservoirs et ses corridors (A_L) ; par défaut le territoire "
                            + "de l'observatoire")),
            List.of(new OutputDescription.Literal("ECA", "Aire connectée équivalente actuelle",
                            "ECA des réservoirs et des corridors tels qu'ils sont", LiteralType.DOUBLE, "ha"),
                    new OutputDescription.Complex("ranking", "Classement des actions",
                            "Actions classées par gain d'ECA, avec les paramètres du calcul (JSON) ou seules (CSV)",
                            List.of(Format.JSON, Format.CSV)),
                    new OutputDescription.Complex("actions", "Actions (entités)",
                            "Les mêmes actions, localisées : points de franchissement ou tracé du nouveau corridor",
                            List.of(Format.GEOJSON, Format.GML32))),
            List.of(ObservatoryLayers.TERRITORY, ObservatoryLayers.RESERVOIRS, ObservatoryLayers.CORRIDORS,
                    ObservatoryLayers.OBSTACLES));

    @Override
    public ProcessDescription description() {
        return DESCRIPTION;
    }

    private record Read(SpeciesGroup group, GraphSettings settings, LandscapeGraph reservoirs,
                        RestorationCandidates candidates) {
    }

    /** @param numerator Σ a_i·a_j·p*_ij once the action is done */
    private record Ranked(RestorationAction action, double numerator) {
    }

    /**
     * Reads the reservoir graph and the candidates in one transaction, gives the connection back, then ranks the
     * actions in Java, checking the execution's budget before each.
     */
    @Override
    public ProcessResult execute(ProcessInputs inputs, ProcessContext context) {
        String subNetwork = inputs.string(CorridorInputs.SUB_NETWORK).orElseThrow();
        double maxDistance = inputs.number(MAX_NEW_LINK_DISTANCE).orElseThrow();
        Read read = context.read(layers -> {
            SpeciesGroup group = CorridorInputs.speciesGroup(inputs, subNetwork, layers.connection());
            StudyArea area = StudyArea.resolve(layers, CorridorInputs.AREA, inputs.complex(CorridorInputs.AREA));
            GraphSettings settings = GraphSettings.defaults(group);
            context.progress().progress(10, "Graphe des réservoirs");
            LandscapeGraph graph = LandscapeGraphBuilder.build(layers, area, group, PatchSource.RESERVOIRS, settings);
            if (graph.patches().size() > ConnectivityProcess.MAX_PATCHES) {
                throw OwsException.invalidParameter(CorridorInputs.AREA, "The area holds " + graph.patches().size()
                        + " reservoirs (at most " + ConnectivityProcess.MAX_PATCHES + "): narrow it");
            }
            if (graph.patches().isEmpty()) {
                throw OwsException.invalidParameter(CorridorInputs.AREA, "No reservoir of " + subNetwork + " in the area");
            }
            context.progress().progress(30, "Corridors, obstacles et liaisons candidates");
            return new Read(group, settings, graph, RestorationCandidates.read(layers, subNetwork, area, maxDistance));
        });
        GraphSettings settings = read.settings();
        RestorationActions plan = RestorationActions.of(read.reservoirs(), read.candidates(), subNetwork, settings.kernel());
        context.progress().progress(50, "Gain de chacune des " + plan.actions().size() + " actions");
        RestorationRanking ranking = new RestorationRanking(plan.present(), settings.kernel(), settings.pcCutoff(),
                context::checkpoint);
        List<Ranked> ranked = new ArrayList<>(plan.actions().parallelStream().map(action -> {
            context.checkpoint();
            return new Ranked(action, ranking.numeratorWith(action.changed()));
        }).toList());
        int candidates = ranked.size();
        ranked.removeIf(r -> !(r.numerator() > ranking.numerator())); // nothing gained: the pair is already at p* = 1
        ranked.sort(Comparator.comparingDouble((Ranked r) -> -r.numerator()).thenComparing(r -> r.action().id()));
        int listed = Math.min(ranked.size(), inputs.integer(MAX_ACTIONS).orElseThrow().intValue());
        FeatureTable table = table(ranked.subList(0, listed), ranking.numerator());
        ConnectivityIndices present = ConnectivityCalculator.compute(plan.present(), settings.kernel(),
                settings.pcCutoff(), settings.iicThreshold(), false, context::checkpoint);
        ConnectivityIndices reservoirsOnly = ConnectivityCalculator.compute(read.reservoirs(), settings.kernel(),
                settings.pcCutoff(), settings.iicThreshold(), false, context::checkpoint);
        Map<String, Object> report = report(read, maxDistance, present, reservoirsOnly, candidates, ranked.size(), table);
        Map<String, Supplier<String>> rankingRenderings = new LinkedHashMap<>(JsonReport.renderings(report));
        rankingRenderings.put("text/csv", table::csv);
        return new ProcessResult.Builder().literal("ECA", present.eca())
                .complex("ranking", rankingRenderings)
                .complex("actions", table.featureRenderings(NAMESPACE, FEATURE_TYPE))
                .build();
    }

    /**
     * The ranked actions: ECA gain √(num after) − √(num before) in hectares and in percent of today's ECA, and the dPC
     * of the link, 100·(num after − num before) / num after (Saura &amp; Rubio's importance of a link, as the
     * corridor report gives a corridor's).
     */
    private static FeatureTable table(List<Ranked> ranked, double before) {
        FeatureTable table = new FeatureTable(COLUMNS);
        double eca = Math.sqrt(before);
        IntStream.range(0, ranked.size()).forEach(i -> {
            RestorationAction a = ranked.get(i).action();
            double after = ranked.get(i).numerator();
            double gain = Math.sqrt(after) - eca;
            table.add(a.id(), java.util.Arrays.asList(i + 1, a.kind().code, a.label(), gain, 100 * gain / eca,
                    100 * (after - before) / after, String.join(" ", a.reservoirs()), a.corridor(), a.obstacle(),
                    a.obstacleClass(), a.probabilityBefore(), a.probabilityAfter(), a.distance()),
                    a.placeGeoJson(), a.place());
        });
        return table;
    }

    private static Map<String, Object> report(Read read, double maxDistance, ConnectivityIndices present,
                                              ConnectivityIndices reservoirsOnly, int candidates, int gaining,
                                              FeatureTable table) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("subNetwork", read.group().subNetwork());
        r.put("graph", read.settings().report());
        r.put("maxNewLinkDistance_m", maxDistance);
        r.put("permeability", BarrierPermeability.table(read.group().subNetwork()));
        r.put("reservoirs", read.reservoirs().patches().size());
        r.put("corridors", read.candidates().corridors().size());
        r.put("crossings", read.candidates().crossings().size());
        r.put("candidateNewLinks", read.candidates().newLinks().size());
        r.put("present", ConnectivityProcess.pcFigures(present));
        r.put("reservoirsWithoutCorridors", ConnectivityProcess.pcFigures(reservoirsOnly));
        r.put("candidates", candidates);
        r.put("candidatesWithGain", gaining);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> ids = table.ids();
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", ids.get(i));
            for (String column : COLUMNS) {
                row.put(column, table.column(column).get(i));
            }
            row.put("reservoirs", List.of(((String) row.get("reservoirs")).split(" ")));
            rows.add(row);
        }
        r.put("actions", rows);
        return r;
    }
}
