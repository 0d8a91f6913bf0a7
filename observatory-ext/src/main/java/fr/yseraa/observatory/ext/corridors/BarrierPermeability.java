package fr.yseraa.observatory.ext.corridors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How passable an obstacle crossing a corridor is for the species of a sub-network: the share of the individuals
 * moving along the corridor that get across it, assumed per obstacle class (expert values of the kind Graphab users
 * give as resistances; there is no measurement behind them for the territory). Terrestrial sub-networks (wetland,
 * woodland, grassland) are stopped by roads and railways by their traffic and fencing and not by weirs and locks;
 * the aquatic one the other way round (bridges let the water through). A corridor crossed by several obstacles keeps
 * the product of their permeabilities, once per crossing.
 */
final class BarrierPermeability {

    private static final Map<String, Double> TERRESTRIAL = ordered(
            "motorway", 0.05, "primary", 0.2, "railway", 0.3, "secondary", 0.4, "local", 0.7, "weir", 1.0, "lock", 1.0);
    private static final Map<String, Double> AQUATIC = ordered(
            "motorway", 1.0, "primary", 1.0, "railway", 1.0, "secondary", 1.0, "local", 1.0, "weir", 0.2, "lock", 0.3);

    private BarrierPermeability() {
    }

    /** The permeability of one crossing of an obstacle of {@code obstacleClass}, in (0, 1]. */
    static double of(String subNetwork, String obstacleClass) {
        Double p = table(subNetwork).get(obstacleClass);
        if (p == null) {
            throw new IllegalArgumentException("no permeability for obstacle class " + obstacleClass);
        }
        return p;
    }

    /** The permeabilities a sub-network's report states, by obstacle class. */
    static Map<String, Double> table(String subNetwork) {
        return "aquatic".equals(subNetwork) ? AQUATIC : TERRESTRIAL;
    }

    /** The French name of an obstacle class, for the actions' labels. */
    static String label(String obstacleClass) {
        return switch (obstacleClass) {
            case "motorway" -> "autoroute";
            case "primary" -> "route principale";
            case "secondary" -> "route secondaire";
            case "local" -> "route locale";
            case "railway" -> "voie ferrée";
            case "weir" -> "seuil";
            case "lock" -> "écluse";
            default -> obstacleClass;
        };
    }

    private static Map<String, Double> ordered(Object... classesAndValues) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < classesAndValues.length; i += 2) {
            m.put((String) classesAndValues[i], (Double) classesAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
