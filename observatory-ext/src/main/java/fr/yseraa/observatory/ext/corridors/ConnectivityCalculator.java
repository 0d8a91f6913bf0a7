package fr.yseraa.observatory.ext.corridors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.alg.shortestpath.TreeSingleSourcePathsImpl;
import org.jgrapht.alg.util.Pair;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.MaskSubgraph;
import org.jgrapht.graph.SimpleGraph;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * Computes PC, IIC, ECA and the dPC of every patch of a landscape graph (see CORRIDOR-INDICATORS.md).
 *
 * <p>p*_ij, the maximum-product probability over all paths, is a shortest path over the weights −ln p_ij = k·d_ij,
 * found with JGraphT's Dijkstra from every patch. The dPC of a patch needs the graph without it; only the sources
 * whose shortest-path tree passes through the patch can change, so only those are computed again.
 */
public final class ConnectivityCalculator {

    private ConnectivityCalculator() {
    }

    /**
     * @param iicThreshold the distance under which two patches are linked in the binary graph of IIC
     */
    public static ConnectivityIndices compute(LandscapeGraph landscape, DispersalKernel kernel, double iicThreshold) {
        int n = landscape.patches().size();
        double[] a = landscape.patches().stream().mapToDouble(LandscapeGraph.Patch::area).toArray();
        double k = kernel.k();
        Graph<Integer, DefaultWeightedEdge> graph = weightedGraph(landscape);
        DijkstraShortestPath<Integer, DefaultWeightedEdge> dijkstra = new DijkstraShortestPath<>(graph);

        double[][] pStar = new double[n][];
        double[] row = new double[n]; // Σ_t a_s·a_t·p*_st, t = s included
        List<List<Integer>> sourcesThrough = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sourcesThrough.add(new ArrayList<>());
        }
        for (int s = 0; s < n; s++) {
            pStar[s] = new double[n];
            Map<Integer, Pair<Double, DefaultWeightedEdge>> tree = tree(dijkstra.getPaths(s));
            for (Map.Entry<Integer, Pair<Double, DefaultWeightedEdge>> e : tree.entrySet()) {
                int t = e.getKey();
                pStar[s][t] = Math.exp(-k * e.getValue().getFirst());
                row[s] += a[s] * a[t] * pStar[s][t];
                DefaultWeightedEdge via = e.getValue().getSecond();
                if (via != null) {
                    int predecessor = Graphs.getOppositeVertex(graph, via, t);
                    if (predecessor != s) {
                        List<Integer> through = sourcesThrough.get(predecessor);
                        if (through.isEmpty() || through.get(through.size() - 1) != s) {
                            through.add(s);
                        }
                    }
                }
            }
        }
        double pcNum = 0;
        for (double r : row) {
            pcNum += r;
        }

        List<ConnectivityIndices.PatchImportance> importance = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            double intra = a[r] * a[r];
            double flux = 2 * (row[r] - intra);
            double connector = 0;
            if (!sourcesThrough.get(r).isEmpty()) {
                double without = pcNumWithout(graph, r, a, k, row, pStar, sourcesThrough.get(r));
                connector = Math.max(0, pcNum - without - intra - flux);
            }
            importance.add(new ConnectivityIndices.PatchImportance(landscape.patches().get(r).id(),
                    100 * (intra + flux + connector) / pcNum, 100 * intra / pcNum, 100 * flux / pcNum,
                    100 * connector / pcNum));
        }
        double al2 = landscape.landscapeArea() * landscape.landscapeArea();
        return new ConnectivityIndices(pcNum, pcNum / al2, iicNumerator(landscape, a, iicThreshold) / al2,
                Math.sqrt(pcNum), importance);
    }

    /** PCnum of the graph without patch {@code removed}. */
    private static double pcNumWithout(Graph<Integer, DefaultWeightedEdge> graph, int removed, double[] a, double k,
                                       double[] row, double[][] pStar, List<Integer> changedSources) {
        int n = a.length;
        boolean[] changed = new boolean[n];
        changedSources.forEach(s -> changed[s] = true);
        DijkstraShortestPath<Integer, DefaultWeightedEdge> dijkstra =
                new DijkstraShortestPath<>(new MaskSubgraph<>(graph, v -> v == removed, e -> false));
        double total = 0;
        for (int s = 0; s < n; s++) {
            if (s == removed) {
                continue;
            }
            if (!changed[s]) {
                total += row[s] - a[s] * a[removed] * pStar[s][removed];
                continue;
            }
            for (Map.Entry<Integer, Pair<Double, DefaultWeightedEdge>> e : tree(dijkstra.getPaths(s)).entrySet()) {
                total += a[s] * a[e.getKey()] * Math.exp(-k * e.getValue().getFirst());
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

    private static Graph<Integer, DefaultWeightedEdge> weightedGraph(LandscapeGraph landscape) {
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        for (int i = 0; i < landscape.patches().size(); i++) {
            g.addVertex(i);
        }
        for (LandscapeGraph.Link l : landscape.links()) {
            DefaultWeightedEdge existing = g.getEdge(l.from(), l.to());
            if (existing == null) {
                g.setEdgeWeight(g.addEdge(l.from(), l.to()), l.distance());
            } else if (l.distance() < g.getEdgeWeight(existing)) {
                g.setEdgeWeight(existing, l.distance());
            }
        }
        return g;
    }

    /** Distance and last edge of the shortest path to every reachable vertex (the source with distance 0). */
    private static Map<Integer, Pair<Double, DefaultWeightedEdge>> tree(SingleSourcePaths<Integer, DefaultWeightedEdge> paths) {
        return ((TreeSingleSourcePathsImpl<Integer, DefaultWeightedEdge>) paths).getDistanceAndPredecessorMap();
    }
}
