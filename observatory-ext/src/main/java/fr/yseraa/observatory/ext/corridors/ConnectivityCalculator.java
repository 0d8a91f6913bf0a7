package fr.yseraa.observatory.ext.corridors;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * Computes PC, IIC, ECA and the dPC of every patch of a landscape graph (see CORRIDOR-INDICATORS.md).
 *
 * <p>p*_ij, the maximum-product probability over all paths, is a shortest path over the weights −ln p_ij = k·d_ij:
 * p*_ij = exp(−k · shortest distance), found with a Dijkstra over arrays from every patch. The dPC of a patch is
 * intra + flux + connector (Saura &amp; Rubio 2010): intra and flux come from the all-pairs p* directly; the connector
 * fraction, what is lost between the other patches without it, is non-zero only for the sources from which some
 * shortest path runs through the patch, so only their best paths are computed again without it (patches in parallel,
 * each thread reusing its Dijkstra's arrays), and from each of them only the targets whose every best path ran through
 * the patch, repaired from the source's shortest-path graph.
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

    /** {@link #compute(LandscapeGraph, DispersalKernel, double, double, boolean, Runnable)} with no checkpoint. */
    public static ConnectivityIndices compute(LandscapeGraph all, DispersalKernel kernel, double pcCutoff,
                                              double iicThreshold, boolean withImportance) {
        return compute(all, kernel, pcCutoff, iicThreshold, withImportance, () -> { });
    }

    /**
     * @param all the patches and their links up to at least the larger of {@code pcCutoff} and {@code iicThreshold}
     *     (fewer links would lower the indices)
     * @param pcCutoff PC, ECA and dPC count only the links up to this distance (p ≥ ε = p(pcCutoff))
     * @param iicThreshold the distance under which two patches are linked in the binary graph of IIC
     * @param withImportance whether to compute the dPC of every patch (one more shortest-path pass per patch, the
     *     expensive part); when false the importance list is empty
     * @param checkpoint run before each patch's pass, to stop a computation whose time is up (it throws)
     */
    public static ConnectivityIndices compute(LandscapeGraph all, DispersalKernel kernel, double pcCutoff,
                                              double iicThreshold, boolean withImportance, Runnable checkpoint) {
        LandscapeGraph landscape = all.linksUpTo(pcCutoff);
        int n = landscape.patches().size();
        double[] a = landscape.patches().stream().mapToDouble(LandscapeGraph.Patch::area).toArray();
        double k = kernel.k();
        double epsilon = kernel.probability(pcCutoff);
        Adjacency graph = Adjacency.of(landscape);
        ThreadLocal<Dijkstra> dijkstras = ThreadLocal.withInitial(() -> new Dijkstra(graph));
        double[][] distance = allPairs(n, dijkstras, checkpoint);
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
        List<ConnectivityIndices.PatchImportance> importance = IntStream.range(0, withImportance ? n : 0).parallel().mapToObj(r -> {
            checkpoint.run();
            double intra = a[r] * a[r];
            double flux = 2 * (row[r] - intra);
            double connector = connector(r, a, k, distance, graph, dijkstras.get());
            return new ConnectivityIndices.PatchImportance(landscape.patches().get(r).id(),
                    100 * (intra + flux + connector) / total, 100 * intra / total, 100 * flux / total,
                    100 * connector / total);
        }).toList();
        double al2 = landscape.landscapeArea() * landscape.landscapeArea();
        return new ConnectivityIndices(pcNum, pcNum / al2, iicNumerator(all, a, iicThreshold) / al2,
                Math.sqrt(pcNum), importance, landscape.components(), truncation / al2);
    }

    /**
     * The length of the best path between every pair of patches over all the links of {@code landscape} (infinite
     * between components): p*_ij = exp(−k · length). One Dijkstra per patch, patches in parallel.
     */
    static double[][] bestPathLengths(LandscapeGraph landscape, Runnable checkpoint) {
        Adjacency graph = Adjacency.of(landscape);
        return allPairs(landscape.patches().size(), ThreadLocal.withInitial(() -> new Dijkstra(graph)), checkpoint);
    }

    private static double[][] allPairs(int n, ThreadLocal<Dijkstra> dijkstras, Runnable checkpoint) {
        double[][] distance = new double[n][];
        IntStream.range(0, n).parallel().forEach(s -> {
            checkpoint.run();
            distance[s] = dijkstras.get().from(s, -1);
        });
        return distance;
    }

    /**
     * What patch r carries between the others as a stepping stone: Σ_{s,t ≠ r} a_s·a_t·(p*_st − p*_st without r).
     * Only the sources from which a shortest path continues through r to one of its neighbours can lose anything; for
     * them, only the targets whose every best path ran through r are computed again ({@link Dijkstra#lost}).
     */
    private static double connector(int r, double[] a, double k, double[][] distance, Adjacency graph, Dijkstra dijkstra) {
        double connector = 0;
        for (int s = 0; s < distance.length; s++) {
            if (s != r && !Double.isInfinite(distance[s][r]) && continuesThrough(s, r, distance, graph)) {
                connector += a[s] * dijkstra.lost(s, r, distance[s], a, k);
            }
        }
        return connector;
    }

    /** Whether a shortest path from s runs through r on to one of r's neighbours (a false "yes" only costs time). */
    private static boolean continuesThrough(int s, int r, double[][] distance, Adjacency graph) {
        for (int e = graph.start[r]; e < graph.start[r + 1]; e++) {
            int t = graph.target[e];
            if (t != s && distance[s][r] + graph.weight[e] <= distance[s][t] * (1 + ON_PATH_TOLERANCE)) {
                return true;
            }
        }
        return false;
    }

    /** PC's graph as arrays: the links of patch v are {@code target[e], weight[e]} for e in [start[v], start[v + 1]). */
    private record Adjacency(int[] start, int[] target, double[] weight) {

        static Adjacency of(LandscapeGraph landscape) {
            int n = landscape.patches().size();
            int[] start = new int[n + 1];
            for (LandscapeGraph.Link l : landscape.links()) {
                start[l.from() + 1]++;
                start[l.to() + 1]++;
            }
            for (int v = 0; v < n; v++) {
                start[v + 1] += start[v];
            }
            int[] next = Arrays.copyOf(start, n);
            int[] target = new int[start[n]];
            double[] weight = new double[start[n]];
            for (LandscapeGraph.Link l : landscape.links()) {
                target[next[l.from()]] = l.to();
                weight[next[l.from()]++] = l.distance();
                target[next[l.to()]] = l.from();
                weight[next[l.to()]++] = l.distance();
            }
            return new Adjacency(start, target, weight);
        }
    }

    /**
     * Dijkstra over an {@link Adjacency} with an indexed binary heap, its arrays reused from one run to the next; and
     * the repair of one source's shortest distances when a patch is removed.
     */
    private static final class Dijkstra {

        private final Adjacency graph;
        private final int[] heap;
        private final int[] position; // of each patch in the heap, -1 when not in it
        private int size;
        private double[] distance;
        // the repair's scratch: stamps of the current run, the patches below the removed one, their new distances
        private final int[] below;
        private final int[] kept;
        private final int[] candidates;
        private final double[] repaired;
        private int run;

        Dijkstra(Adjacency graph) {
            this.graph = graph;
            int n = graph.start.length - 1;
            heap = new int[n];
            position = new int[n];
            Arrays.fill(position, -1);
            below = new int[n];
            kept = new int[n];
            candidates = new int[n];
            repaired = new double[n];
        }

        /** The shortest distances from s (infinite when unreachable), patch {@code removed} left out (-1: none). */
        double[] from(int s, int removed) {
            distance = new double[heap.length];
            Arrays.fill(distance, Double.POSITIVE_INFINITY);
            distance[s] = 0;
            push(s);
            settle(v -> v != removed);
            return distance;
        }

        /**
         * Σ_t a_t·(p*_st − p*_st without r), from the shortest distances {@code from} of s in the whole graph. A target
         * keeps its distance when one of its best paths avoids r; the others are the patches below r in the
         * shortest-path graph of s that have no best predecessor kept (decided in order of distance, a tie counting as
         * not kept: a target computed again needlessly only costs time). Their distances without r are a Dijkstra
         * among them, started from their links to the kept patches.
         */
        double lost(int s, int r, double[] from, double[] a, double k) {
            run++;
            below[r] = run;
            int count = 0;
            for (int u = r, next = 0; u >= 0; u = next < count ? candidates[next++] : -1) {
                for (int e = graph.start[u]; e < graph.start[u + 1]; e++) {
                    int v = graph.target[e];
                    if (v != s && below[v] != run && from[u] + graph.weight[e] <= from[v] * (1 + ON_PATH_TOLERANCE)) {
                        below[v] = run;
                        candidates[count++] = v;
                    }
                }
            }
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = candidates[i];
            }
            Arrays.sort(order, (x, y) -> Double.compare(from[x], from[y]));
            for (Integer v : order) {
                for (int e = graph.start[v]; e < graph.start[v + 1]; e++) {
                    int u = graph.target[e];
                    if ((below[u] != run || kept[u] == run) && from[u] + graph.weight[e] <= from[v]) {
                        kept[v] = run;
                        break;
                    }
                }
            }
            distance = repaired;
            for (Integer v : order) {
                if (kept[v] == run) {
                    continue;
                }
                double best = Double.POSITIVE_INFINITY;
                for (int e = graph.start[v]; e < graph.start[v + 1]; e++) {
                    int u = graph.target[e];
                    if (below[u] != run || kept[u] == run) {
                        best = Math.min(best, from[u] + graph.weight[e]);
                    }
                }
                repaired[v] = best;
                if (best < Double.POSITIVE_INFINITY) {
                    push(v);
                }
            }
            settle(v -> below[v] == run && kept[v] != run && v != r);
            double lost = 0;
            for (Integer v : order) {
                if (kept[v] != run && repaired[v] > from[v]) {
                    lost += a[v] * (Math.exp(-k * from[v]) - Math.exp(-k * repaired[v]));
                }
            }
            return lost;
        }

        /** Runs the heap down, relaxing only the links into the patches {@code open} accepts. */
        private void settle(java.util.function.IntPredicate open) {
            while (size > 0) {
                int u = pop();
                for (int e = graph.start[u]; e < graph.start[u + 1]; e++) {
                    int v = graph.target[e];
                    double d = distance[u] + graph.weight[e];
                    if (d < distance[v] && open.test(v)) {
                        distance[v] = d;
                        if (position[v] < 0) {
                            push(v);
                        } else {
                            up(position[v]);
                        }
                    }
                }
            }
        }

        private void push(int v) {
            place(size, v);
            up(size++);
        }

        private int pop() {
            int top = heap[0];
            position[top] = -1;
            if (--size > 0) {
                place(0, heap[size]);
                down(0);
            }
            return top;
        }

        private void up(int i) {
            int v = heap[i];
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (distance[heap[parent]] <= distance[v]) {
                    break;
                }
                place(i, heap[parent]);
                i = parent;
            }
            place(i, v);
        }

        private void down(int i) {
            int v = heap[i];
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && distance[heap[child + 1]] < distance[heap[child]]) {
                    child++;
                }
                if (distance[heap[child]] >= distance[v]) {
                    break;
                }
                place(i, heap[child]);
                i = child;
            }
            place(i, v);
        }

        private void place(int i, int v) {
            heap[i] = v;
            position[v] = i;
        }
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
}
