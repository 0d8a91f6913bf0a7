package fr.yseraa.observatory.ext.corridors;

import java.util.ArrayList;
import java.util.List;

/**
 * The naive dPC of Conefor's method, the benchmark's baseline: remove each patch in turn and recompute every best path
 * of the graph without it (n all-pairs computations, n² Dijkstras), dPC_r = 100·(PCnum − PCnum without r) / PCnum.
 */
final class ConeforBruteForce {

    private ConeforBruteForce() {
    }

    /** The dPC of every patch, in patch order, over the links up to {@code pcCutoff}. */
    static double[] dpc(LandscapeGraph all, DispersalKernel kernel, double pcCutoff) {
        LandscapeGraph graph = all.linksUpTo(pcCutoff);
        int n = graph.patches().size();
        double[] a = graph.patches().stream().mapToDouble(LandscapeGraph.Patch::area).toArray();
        double whole = numerator(graph, a, kernel.k(), -1);
        double[] dpc = new double[n];
        for (int r = 0; r < n; r++) {
            int removed = r;
            List<LandscapeGraph.Link> kept = new ArrayList<>();
            for (LandscapeGraph.Link l : graph.links()) {
                if (l.from() != removed && l.to() != removed) {
                    kept.add(l);
                }
            }
            LandscapeGraph without = new LandscapeGraph(graph.patches(), kept, graph.landscapeArea());
            dpc[r] = 100 * (whole - numerator(without, a, kernel.k(), r)) / whole;
        }
        return dpc;
    }

    private static double numerator(LandscapeGraph graph, double[] a, double k, int removed) {
        double[][] d = ConnectivityCalculator.bestPathLengths(graph, () -> { });
        double sum = 0;
        for (int s = 0; s < a.length; s++) {
            for (int t = 0; t < a.length; t++) {
                if (s != removed && t != removed) {
                    sum += a[s] * a[t] * Math.exp(-k * d[s][t]);
                }
            }
        }
        return sum;
    }
}
