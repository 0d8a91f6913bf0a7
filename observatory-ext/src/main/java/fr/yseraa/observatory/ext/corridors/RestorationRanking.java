package fr.yseraa.observatory.ext.corridors;

import java.util.List;

/**
 * The ECA a restoration action would gain on a landscape graph. An action shortens or adds a few links: an obstacle
 * made passable raises the probability of the corridor's links (−ln p = k·d: a shorter link), a new corridor adds a
 * link of p = 1 (length 0).
 *
 * <p>No action recomputes the best paths of the whole graph. Those of the present graph are computed once (one
 * Dijkstra per patch, {@link ConnectivityCalculator#bestPathLengths}); when one link (u, v) gets the length w, a best
 * path uses it at most once, in one direction, so the new lengths are exactly
 * d'(s, t) = min(d(s, t), d(s, u) + w + d(v, t), d(s, v) + w + d(u, t)); an action changing several links applies
 * them one after the other on a copy. That is O(n²) per link changed (n patches), against O(n · m log n) for the
 * n Dijkstras of a recomputation, and only the pairs whose length changed cost an exponential.
 */
final class RestorationRanking {

    private final double[] a;
    private final double k;
    private final double cutoff;
    private final double[][] distance;
    private final double[][] probability;
    private final double numerator;

    /**
     * @param present the patches and their links as they are (links beyond {@code pcCutoff} are left out, as for PC)
     * @param checkpoint run before each patch's Dijkstra, to stop a computation whose time is up (it throws)
     */
    RestorationRanking(LandscapeGraph present, DispersalKernel kernel, double pcCutoff, Runnable checkpoint) {
        int n = present.patches().size();
        a = present.patches().stream().mapToDouble(LandscapeGraph.Patch::area).toArray();
        k = kernel.k();
        cutoff = pcCutoff;
        distance = ConnectivityCalculator.bestPathLengths(present.linksUpTo(pcCutoff), checkpoint);
        probability = new double[n][n];
        double sum = 0;
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < n; t++) {
                probability[s][t] = Math.exp(-k * distance[s][t]);
                sum += a[s] * a[t] * probability[s][t];
            }
        }
        numerator = sum;
    }

    /** Σ a_i·a_j·p*_ij of the present graph (ECA²). */
    double numerator() {
        return numerator;
    }

    /**
     * Σ a_i·a_j·p*_ij once the links {@code changed} are given their distance (added when the graph had none between
     * the two patches, or kept when it had a shorter one). Links beyond the cut-off change nothing, as for PC.
     */
    double numeratorWith(List<LandscapeGraph.Link> changed) {
        List<LandscapeGraph.Link> counted = changed.stream().filter(l -> l.distance() <= cutoff).toList();
        if (counted.isEmpty()) {
            return numerator;
        }
        double[][] d = distance;
        for (int i = 0; i < counted.size() - 1; i++) {
            d = shortened(d, counted.get(i));
        }
        LandscapeGraph.Link last = counted.get(counted.size() - 1);
        int u = last.from();
        int v = last.to();
        double w = last.distance();
        double gain = 0;
        for (int s = 0; s < a.length; s++) {
            double su = d[s][u] + w;
            double sv = d[s][v] + w;
            for (int t = 0; t < a.length; t++) {
                double length = Math.min(d[s][t], Math.min(su + d[v][t], sv + d[u][t]));
                if (length < distance[s][t]) {
                    gain += a[s] * a[t] * (Math.exp(-k * length) - probability[s][t]);
                }
            }
        }
        return numerator + gain;
    }

    /** The best path lengths once link l is given its distance. */
    private double[][] shortened(double[][] d, LandscapeGraph.Link l) {
        int n = a.length;
        double[][] out = new double[n][n];
        for (int s = 0; s < n; s++) {
            double su = d[s][l.from()] + l.distance();
            double sv = d[s][l.to()] + l.distance();
            for (int t = 0; t < n; t++) {
                out[s][t] = Math.min(d[s][t], Math.min(su + d[l.to()][t], sv + d[l.from()][t]));
            }
        }
        return out;
    }
}
