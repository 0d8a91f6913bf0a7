package fr.yseraa.observatory.ext.corridors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reservoir graph as the landscape is today and the candidate actions on it. Today's graph is the reservoirs'
 * (links by edge-to-edge distance, as in every process) plus one link per pair of reservoirs a corridor joins, whose
 * probability is the product of the permeabilities of the obstacles crossing the corridor
 * ({@link BarrierPermeability}; 1 when nothing crosses it, as {@code obs:CorridorIndicators} counts a corridor), as a
 * length −ln p / k.
 *
 * @param present today's graph
 * @param actions every obstacle of permeability below 1 crossing a corridor, then every new link, in that order
 */
record RestorationActions(LandscapeGraph present, List<RestorationAction> actions) {

    static RestorationActions of(LandscapeGraph reservoirs, RestorationCandidates candidates, String subNetwork,
                                 DispersalKernel kernel) {
        Map<Long, List<RestorationCandidates.Crossing>> crossed = new HashMap<>();
        candidates.crossings().forEach(x -> crossed.computeIfAbsent(x.corridor(), k -> new ArrayList<>()).add(x));
        List<LandscapeGraph.Link> links = new ArrayList<>(reservoirs.links());
        List<RestorationAction> actions = new ArrayList<>();
        for (RestorationCandidates.CorridorLinks corridor : candidates.corridors()) {
            List<RestorationCandidates.Crossing> crossings = crossed.getOrDefault(corridor.id(), List.of());
            double p = 1;
            for (RestorationCandidates.Crossing x : crossings) {
                p *= passing(subNetwork, x);
            }
            links.addAll(pairs(corridor.joined(), p, kernel));
            for (RestorationCandidates.Crossing x : crossings) {
                double passing = passing(subNetwork, x);
                if (passing < 1) {
                    double after = p / passing;
                    actions.add(new RestorationAction(RestorationAction.Kind.BARRIER,
                            "barrier-" + corridor.id() + "-" + x.obstacle(), barrierLabel(corridor, x),
                            pairs(corridor.joined(), after, kernel), ids(reservoirs, corridor.joined()), corridor.id(),
                            x.obstacle(), x.obstacleClass(), p, after, null, x.place(), x.placeGeoJson()));
                }
            }
        }
        for (RestorationCandidates.NewLink l : candidates.newLinks()) {
            List<String> ids = ids(reservoirs, List.of(l.from(), l.to()));
            actions.add(new RestorationAction(RestorationAction.Kind.NEW_LINK, "link-" + ids.get(0) + "-" + ids.get(1),
                    "Créer un corridor entre les réservoirs " + ids.get(0) + " et " + ids.get(1) + " ("
                            + Math.round(l.distance()) + " m)",
                    List.of(new LandscapeGraph.Link(l.from(), l.to(), 0)), ids, null, null, null,
                    kernel.probability(l.distance()), 1, l.distance(), l.line(), l.lineGeoJson()));
        }
        return new RestorationActions(new LandscapeGraph(reservoirs.patches(), links, reservoirs.landscapeArea()), actions);
    }

    /** The share of movements getting across an obstacle's crossings of one corridor. */
    private static double passing(String subNetwork, RestorationCandidates.Crossing x) {
        return Math.pow(BarrierPermeability.of(subNetwork, x.obstacleClass()), x.count());
    }

    /** A link of probability p between every pair of the reservoirs a corridor joins. */
    private static List<LandscapeGraph.Link> pairs(List<Integer> joined, double p, DispersalKernel kernel) {
        double length = Math.max(0, -Math.log(p) / kernel.k());
        List<LandscapeGraph.Link> out = new ArrayList<>();
        for (int i = 0; i < joined.size(); i++) {
            for (int j = i + 1; j < joined.size(); j++) {
                out.add(new LandscapeGraph.Link(joined.get(i), joined.get(j), length));
            }
        }
        return out;
    }

    private static List<String> ids(LandscapeGraph graph, List<Integer> indexes) {
        return indexes.stream().map(i -> graph.patches().get(i).id()).toList();
    }

    private static String barrierLabel(RestorationCandidates.CorridorLinks corridor, RestorationCandidates.Crossing x) {
        String name = x.name().isBlank() ? "" : " « " + x.name() + " »";
        String times = x.count() > 1 ? " (" + x.count() + " franchissements)" : "";
        return "Rendre franchissable : " + BarrierPermeability.label(x.obstacleClass()) + name + " sur le corridor "
                + corridor.id() + (corridor.name() == null ? "" : " « " + corridor.name() + " »") + times;
    }
}
