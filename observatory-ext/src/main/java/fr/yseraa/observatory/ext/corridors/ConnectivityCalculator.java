package fr.yseraa.observatory.ext.corridors;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.alg.shortestpath.IntVertexDijkstraShortestPath;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleGraph;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * Computes PC, IIC, ECA and the dPC of every patch of a landscape graph (see CORRIDOR-INDICATORS.md).
 *
 * <p>p*_ij, the maximum-product probability over all paths, is a shortest path over the weights −ln p_ij = k·d_ij:
 * p*_ij = exp(−k · shortest distance), found with JGraphT's Dijkstra from every patch. The dPC of a patch needs the
 * graph without it; only the sources from which some shortest path runs through the patch can see their distances
 * change, so only those are computed again (patches in parallel).
 *
 * <p>With a probability cut-off ε the graph of PC lacks the links of p_ij &lt; ε. A pair whose best path in the
 * complete graph uses only links of p ≥ ε keeps its p*; any other best path has a factor below ε, so its p*_ij &lt; ε
 * and only pairs with p*_ij &lt; ε in the cut graph can gain, each by less than ε − p*_ij. Summed over those
 * (ordered) pairs, weighted by a_i·a_j and divided by A_L², this bounds the PC the cut-off leaves out.
 */
public final class ConnectivityCalculator {

    /** Relative tolerance when deciding whether a patch lies on a shortest path (a false "yes" only costs time). */
    private static final double ON_PATH_TOLERANCE = 1e-9;

    private ConnectivityCalculator() {
    }

    /**
     * PC and dPC over every link of the landscape, without cut-off.
     *
     * @param iicThreshold the distance under which two patches are linked in the binary graph of IIC
     */
    public static ConnectivityIndices compute(LandscapeGraph landscape, DispersalKernel kernel, double iicThreshold) {
        return compute(landscape, kernel, Double.POSITIVE_INFINITY, iicThreshold, true);
    }

    /**
     * @param all the patches and their links up to at least the larger of {@code pcCutoff} and {@code iicThreshold}
     *     (fewer links would lower the indices)
     * @param pcCutoff PC, ECA and dPC count only the links up to this distance (p ≥ ε = p(pcCutoff))
     * @param iicThreshold the distance under which two patches are linked in the binary graph of IIC
     * @param withImportance whether to compute the dPC of every patch (one more shortest-path pass per patch, the
     *     expensive part); when false the importance list is empty
     */
    public static ConnectivityIndices compute(LandscapeGraph all, DispersalKernel kernel, double pcCutoff,
                                              double iicThreshold, boolean withImportance) {
        LandscapeGraph landscape = all.linksUpTo(pcCutoff);
        int n = landscape.patches().size();
        double[] a = landscape.patches().stream().mapToDouble(LandscapeGraph.Patch::area).toArray();
        double k = kernel.k();
        double epsilon = kernel.probability(pcCutoff);
        double[][] distance = allPairs(weightedGraph(landscape, -1), n);
        double[] row = new double[n]; // Σ_t a_s·a_t·p*_st, t = s included
        double truncation = 0;
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < n; t++) {
                double p = Math.exp(-k * distance[s][t]);
                row[s] += a[s] * a[t] * p;
                if (p < epsilon) {
                    truncation += a[s] * a[t] * (epsilon - p);
                }
            }
        }
        double pcNum = 0;
        for (double r : row) {
            pcNum += r;
        }
        double total = pcNum;
        List<List<double[]>> adjacency = adjacency(landscape);
        List<ConnectivityIndices.PatchImportance> importance = IntStream.range(0, withImportance ? n : 0).parallel().mapToObj(r -> {
            double intra = a[r] * a[r];
            double flux = 2 * (row[r] - intra);
            List<Integer> changed = sourcesThrough(r, distance, adjacency.get(r));
            double connector = 0;
            if (!changed.isEmpty()) {
                double without = pcNumWithout(landscape, r, a, k, row, distance, changed);
                connector = Math.max(0, total - without - intra - flux);
            }
            return new ConnectivityIndices.PatchImportance(landscape.patches().get(r).id(),
                    100 * (intra + flux + connector) / total, 100 * intra / total, 100 * flux / total,
                    100 * connector / total);
        }).toList();
        double al2 = landscape.landscapeArea() * landscape.landscapeArea();
        return new ConnectivityIndices(pcNum, pcNum / al2, iicNumerator(all, a, iicThreshold) / al2,
                Math.sqrt(pcNum), importance, landscape.components(), truncation / al2);
    }

    /** Shortest distances between all pairs of patches (infinite when unreachable). */
    private static double[][] allPairs(Graph<Integer, DefaultWeightedEdge> graph, int n) {
        IntVertexDijkstraShortestPath<DefaultWeightedEdge> dijkstra = new IntVertexDijkstraShortestPath<>(graph);
        double[][] distance = new double[n][n];
        for (int s = 0; s < n; s++) {
            SingleSourcePaths<Integer, DefaultWeightedEdge> paths = dijkstra.getPaths(s);
            for (int t = 0; t < n; t++) {
                distance[s][t] = paths.getWeight(t);
            }
        }
        return distance;
    }

    /**
     * The sources (other than r) from which a shortest path continues through r to one of its neighbours: only their
     * distances can change when r is removed.
     */
    private static List<Integer> sourcesThrough(int r, double[][] distance, List<double[]> neighbours) {
        List<Integer> sources = new ArrayList<>();
        for (int s = 0; s < distance.length; s++) {
            if (s == r || Double.isInfinite(distance[s][r])) {
                continue;
            }
            for (double[] link : neighbours) {
                int t = (int) link[0];
                if (t != s && distance[s][r] + link[1] <= distance[s][t] * (1 + ON_PATH_TOLERANCE)) {
                    sources.add(s);
                    break;
                }
            }
        }
        return sources;
    }

    /** PCnum of the graph without patch {@code removed}. */
    private static double pcNumWithout(LandscapeGraph landscape, int removed, double[] a, double k, double[] row,
                                       double[][] distance, List<Integer> changedSources) {
        int n = a.length;
        boolean[] changed = new boolean[n];
        changedSources.forEach(s -> changed[s] = true);
        IntVertexDijkstraShortestPath<DefaultWeightedEdge> dijkstra =
                new IntVertexDijkstraShortestPath<>(weightedGraph(landscape, removed));
        double total = 0;
        for (int s = 0; s < n; s++) {
            if (s == removed) {
                continue;
            }
            if (!changed[s]) {
                total += row[s] - a[s] * a[removed] * Math.exp(-k * distance[s][removed]);
                continue;
            }
            SingleSourcePaths<Integer, DefaultWeightedEdge> paths = dijkstra.getPaths(s);
            for (int t = 0; t < n; t++) {
                if (t != removed) {
                    total += a[s] * a[t] * Math.exp(-k * paths.getWeight(t));
                }
            }
        }
        return total;
    }

    private static double iicNumerator(LandscapeGraph landscape, double[] a, double threshold) {
        int n = a.length;
        Graph<Integer, DefaultEdge> binary = new SimpleGraph<>(DefaultEdge.class);
        for (int i = 0; i < n; i++) {
            binary.addVertex(i);
        }
        for (LandscapeGraph.Link l : landscape.links()) {
            if (l.distance() <= threshold) {
                binary.addEdge(l.from(), l.to());
            }
        }
        BFSShortestPath<Integer, DefaultEdge> bfs = new BFSShortestPath<>(binary);
        double total = 0;
        for (int s = 0; s < n; s++) {
            SingleSourcePaths<Integer, DefaultEdge> paths = bfs.getPaths(s);
            for (int t = 0; t < n; t++) {
                double links = paths.getWeight(t);
                if (!Double.isInfinite(links)) {
                    total += a[s] * a[t] / (1 + links);
                }
            }
        }
        return total;
    }

    /** The weighted graph of the patches, without the links of patch {@code isolated} (none when -1). */
    private static Graph<Integer, DefaultWeightedEdge> weightedGraph(LandscapeGraph landscape, int isolated) {
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        for (int i = 0; i < landscape.patches().size(); i++) {
            g.addVertex(i);
        }
        for (LandscapeGraph.Link l : landscape.links()) {
            if (l.from() == isolated || l.to() == isolated) {
                continue;
            }
            DefaultWeightedEdge existing = g.getEdge(l.from(), l.to());
            if (existing == null) {
                g.setEdgeWeight(g.addEdge(l.from(), l.to()), l.distance());
            } else if (l.distance() < g.getEdgeWeight(existing)) {
                g.setEdgeWeight(existing, l.distance());
            }
        }
        return g;
    }

    /** For each patch, its links as (neighbour, distance). */
    private static List<List<double[]>> adjacency(LandscapeGraph landscape) {
        List<List<double[]>> adjacency = new ArrayList<>();
        landscape.patches().forEach(p -> adjacency.add(new ArrayList<>()));
        for (LandscapeGraph.Link l : landscape.links()) {
            adjacency.get(l.from()).add(new double[] {l.to(), l.distance()});
            adjacency.get(l.to()).add(new double[] {l.from(), l.distance()});
        }
        return adjacency;
    }
}
