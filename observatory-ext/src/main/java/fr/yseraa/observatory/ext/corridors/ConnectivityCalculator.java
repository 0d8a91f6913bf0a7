package fr.yseraa.observatory.ext.corridors;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Computes PC, IIC, ECA and the dPC of every patch of a landscape graph (see CORRIDOR-INDICATORS.md).
 *
 * <p>p*_ij, the maximum-product probability over all paths, is a shortest path over the weights −ln p_ij = k·d_ij:
 * p*_ij = exp(−k · shortest distance), found with a Dijkstra over arrays from every patch. The dPC of a patch is
 * intra + flux + connector (Saura &amp; Rubio 2010): intra and flux come from the all-pairs p* directly. The connector
 * fraction, what the other pairs lose without the patch, is summed source by source (sources in parallel): from a
 * source s, a target t loses something without r only when every best path s → t runs through r, i.e. when r
 * dominates t in the graph of the best paths from s. One pass over that graph gives its dominator tree; then, for
 * each patch r, only the targets of its subtree are computed again without it (a Dijkstra among them, started from
 * their links to the rest), nothing else. The source's graph is relabelled in the tree's pre-order first, so that a
 * subtree is a range of labels and the repairs read their arrays in order. Each thread reuses its arrays from one
 * source to the next.
 *
 * <p>With a probability cut-off ε the graph of PC lacks the links of p_ij &lt; ε. A pair whose best path in the
 * complete graph uses only links of p ≥ ε keeps its p*; any other best path has a factor below ε, so its p*_ij &lt; ε
 * and only pairs with p*_ij &lt; ε in the cut graph can gain, each by less than ε − p*_ij. Summed over those
 * (ordered) pairs, weighted by a_i·a_j and divided by A_L², this bounds the PC the cut-off leaves out.
 */
public final class ConnectivityCalculator {

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
     * @param withImportance whether to compute the dPC of every patch (the expensive part); when false the importance
     *     list is empty
     * @param checkpoint run before each source's pass, to stop a computation whose time is up (it throws)
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
        double[][] p = allPairs(n, dijkstras, checkpoint); // lengths, then p* in place
        double[] row = new double[n]; // Σ_t a_s·a_t·p*_st, t = s included
        double truncation = 0;
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < n; t++) {
                p[s][t] = Math.exp(-k * p[s][t]);
                row[s] += a[s] * a[t] * p[s][t];
                if (p[s][t] < epsilon) {
                    truncation += a[s] * a[t] * (epsilon - p[s][t]);
                }
            }
        }
        double pcNum = 0;
        for (double r : row) {
            pcNum += r;
        }
        double total = pcNum;
        double[] connector = withImportance ? connectors(a, k, p, dijkstras, checkpoint) : new double[0];
        List<ConnectivityIndices.PatchImportance> importance = IntStream.range(0, connector.length).mapToObj(r -> {
            double intra = a[r] * a[r];
            double flux = 2 * (row[r] - intra);
            return new ConnectivityIndices.PatchImportance(landscape.patches().get(r).id(),
                    100 * (intra + flux + connector[r]) / total, 100 * intra / total, 100 * flux / total,
                    100 * connector[r] / total);
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
            distance[s] = dijkstras.get().from(s).clone();
        });
        return distance;
    }

    /**
     * The connector fraction of every patch r, Σ_{s,t ≠ r} a_s·a_t·(p*_st − p*_st without r): the sources split in
     * a few interleaved shares (so that both cores stay busy whatever the sources cost), each summed by one task.
     */
    private static double[] connectors(double[] a, double k, double[][] p, ThreadLocal<Dijkstra> dijkstras,
                                       Runnable checkpoint) {
        int n = a.length;
        int shares = Math.min(n, 8 * ForkJoinPool.getCommonPoolParallelism());
        return IntStream.range(0, shares).parallel().mapToObj(share -> {
            double[] sum = new double[n];
            Dijkstra dijkstra = dijkstras.get();
            for (int s = share; s < n; s += shares) {
                checkpoint.run();
                dijkstra.connectorFrom(s, a, k, p[s], sum);
            }
            return sum;
        }).reduce(new double[n], (x, y) -> {
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = x[i] + y[i];
            }
            return z;
        });
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
     * Dijkstra over an {@link Adjacency} with an indexed binary heap, and the connector pass of one source over the
     * dominator tree of its best paths; every array is allocated once and reused from one source to the next.
     */
    private static final class Dijkstra {

        private final Adjacency graph;
        private final int[] heap;
        private final int[] position; // of each patch in the heap, -1 when not in it
        private int size;
        private double[] distance; // the array the heap orders by: the source's lengths, or the repaired ones
        private final double[] lengths;
        private final double[] repaired;
        private final int[] order; // the patches in the order Dijkstra settled them
        private int settled;
        // the dominator tree of the source's best paths: rank in `order`, immediate dominator, depth, and a pre-order
        private final int[] rank;
        private final int[] dominator;
        private final int[] depth;
        private final int[] childStart;
        private final int[] children;
        private final int[] preorder;
        private final int[] preorderIndex;
        private final int[] subtree;
        private final int[] stack;
        // the source's graph relabelled by pre-order (unreached patches left out), so that "inside the subtree of r" is
        // a range of labels and the repairs read their arrays in order: links, lengths, areas, p* by label
        private final int[] labelStart;
        private final int[] labelTarget;
        private final double[] labelWeight;
        private final double[] labelLength;
        private final double[] labelArea;
        private final double[] labelP;

        Dijkstra(Adjacency graph) {
            this.graph = graph;
            int n = graph.start.length - 1;
            heap = new int[n];
            position = new int[n];
            Arrays.fill(position, -1);
            lengths = new double[n];
            repaired = new double[n];
            order = new int[n];
            rank = new int[n];
            dominator = new int[n];
            depth = new int[n];
            childStart = new int[n + 1];
            children = new int[n];
            preorder = new int[n];
            preorderIndex = new int[n];
            subtree = new int[n];
            stack = new int[n];
            labelStart = new int[n + 1];
            labelTarget = new int[graph.target.length];
            labelWeight = new double[graph.target.length];
            labelLength = new double[n];
            labelArea = new double[n];
            labelP = new double[n];
        }

        /** The shortest lengths from s (infinite when unreachable), in an array the next call overwrites. */
        double[] from(int s) {
            distance = lengths;
            Arrays.fill(distance, Double.POSITIVE_INFINITY);
            distance[s] = 0;
            settled = 0;
            push(s);
            while (size > 0) {
                int u = pop();
                order[settled++] = u;
                relax(u);
            }
            return distance;
        }

        /**
         * Adds to {@code sum[r]}, for every patch r, a_s·Σ_t a_t·(p*_st − p*_st without r), from the source s.
         *
         * <p>The predecessors of t are the patches settled before it whose link to t lies on a best path
         * (length(u) + d(u, t) = length(t), exactly as Dijkstra computed it, so that one always exists); the immediate
         * dominator of t is the nearest common ancestor of its predecessors in the tree built so far. A true
         * predecessor left out (a tie of lengths settled after t) only makes the tree deeper: a target then computed
         * again finds its length unchanged. Every target outside the subtree of r keeps a best path avoiding r; those
         * inside are computed again without r.
         */
        void connectorFrom(int s, double[] a, double k, double[] ps, double[] sum) {
            double[] length = from(s);
            int reached = settled;
            for (int i = 0; i < reached; i++) {
                rank[order[i]] = i;
            }
            dominator[s] = s;
            depth[s] = 0;
            for (int i = 1; i < reached; i++) {
                int t = order[i];
                int idom = -1;
                for (int e = graph.start[t]; e < graph.start[t + 1]; e++) {
                    int u = graph.target[e];
                    if (length[u] + graph.weight[e] <= length[t] && rank[u] < i) { // unreached: infinite length
                        idom = idom < 0 ? u : commonAncestor(idom, u);
                    }
                }
                dominator[t] = idom;
                depth[t] = depth[idom] + 1;
            }
            preorder(s, reached);
            relabel(reached, a, ps, length);
            for (int i = 0; i < reached; i++) {
                int r = order[i];
                if (r != s && subtree[r] > 1) {
                    sum[r] += a[s] * lost(preorderIndex[r], subtree[r], k);
                }
            }
        }

        /** The source's reached graph by pre-order label: links (to reached patches only), lengths, areas, p*. */
        private void relabel(int reached, double[] a, double[] ps, double[] length) {
            int n = graph.start.length - 1;
            for (int v = 0; v < n; v++) {
                rank[v] = -1; // from here on: the label of a reached patch, -1 for the others
            }
            for (int i = 0; i < reached; i++) {
                rank[preorder[i]] = i;
            }
            int e = 0;
            for (int i = 0; i < reached; i++) {
                int v = preorder[i];
                labelStart[i] = e;
                for (int f = graph.start[v]; f < graph.start[v + 1]; f++) {
                    int label = rank[graph.target[f]];
                    if (label >= 0) {
                        labelTarget[e] = label;
                        labelWeight[e++] = graph.weight[f];
                    }
                }
                labelLength[i] = length[v];
                labelArea[i] = a[v];
                labelP[i] = ps[v];
            }
            labelStart[reached] = e;
        }

        private int commonAncestor(int x, int y) {
            while (depth[x] > depth[y]) {
                x = dominator[x];
            }
            while (depth[y] > depth[x]) {
                y = dominator[y];
            }
            while (x != y) {
                x = dominator[x];
                y = dominator[y];
            }
            return x;
        }

        /** A pre-order of the dominator tree of the settled patches, and each one's subtree size. */
        private void preorder(int s, int reached) {
            Arrays.fill(childStart, 0, reached + 1, 0);
            for (int i = 1; i < reached; i++) {
                childStart[rank[dominator[order[i]]] + 1]++;
            }
            for (int i = 0; i < reached; i++) {
                childStart[i + 1] += childStart[i];
                subtree[i] = childStart[i]; // scratch until the sizes: where the next child of rank i goes
            }
            for (int i = 1; i < reached; i++) {
                int t = order[i];
                children[subtree[rank[dominator[t]]]++] = t;
            }
            int count = 0;
            int top = 0;
            stack[top++] = s;
            while (top > 0) {
                int v = stack[--top];
                preorderIndex[v] = count;
                preorder[count++] = v;
                for (int c = childStart[rank[v]]; c < childStart[rank[v] + 1]; c++) {
                    stack[top++] = children[c];
                }
            }
            for (int i = 0; i < reached; i++) {
                subtree[preorder[i]] = 1;
            }
            for (int i = reached - 1; i > 0; i--) {
                int v = preorder[i];
                subtree[dominator[v]] += subtree[v];
            }
        }

        /**
         * Σ_t a_t·(p*_st − p*_st without r) over the targets r dominates, the labels (root + 1, root + size) of its
         * subtree: their lengths without r are a Dijkstra among them, started from their links to the patches outside
         * the subtree, whose lengths stand.
         */
        private double lost(int root, int count, double k) {
            int first = root + 1;
            int end = root + count;
            distance = repaired;
            for (int i = first; i < end; i++) {
                double best = Double.POSITIVE_INFINITY;
                for (int e = labelStart[i]; e < labelStart[i + 1]; e++) {
                    int j = labelTarget[e];
                    if (j < root || j >= end) {
                        best = Math.min(best, labelLength[j] + labelWeight[e]);
                    }
                }
                repaired[i] = best;
                if (best < Double.POSITIVE_INFINITY) {
                    push(i);
                }
            }
            while (size > 0) {
                int i = pop();
                for (int e = labelStart[i]; e < labelStart[i + 1]; e++) {
                    int j = labelTarget[e];
                    double d = repaired[i] + labelWeight[e];
                    if (j >= first && j < end && d < repaired[j]) {
                        repaired[j] = d;
                        if (position[j] < 0) {
                            push(j);
                        } else {
                            up(position[j]);
                        }
                    }
                }
            }
            double lost = 0;
            for (int i = first; i < end; i++) {
                lost += labelArea[i] * (labelP[i] - Math.exp(-k * repaired[i]));
            }
            return lost;
        }

        /** Relaxes the links of u. */
        private void relax(int u) {
            for (int e = graph.start[u]; e < graph.start[u + 1]; e++) {
                int v = graph.target[e];
                double d = distance[u] + graph.weight[e];
                if (d < distance[v]) {
                    distance[v] = d;
                    if (position[v] < 0) {
                        push(v);
                    } else {
                        up(position[v]);
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

    /** Σ a_i·a_j / (1 + hops_ij) over the pairs joined in the binary graph of the links up to {@code threshold}. */
    private static double iicNumerator(LandscapeGraph landscape, double[] a, double threshold) {
        int n = a.length;
        Adjacency binary = Adjacency.of(landscape.linksUpTo(threshold));
        int[] hops = new int[n];
        int[] queue = new int[n];
        double total = 0;
        for (int s = 0; s < n; s++) {
            Arrays.fill(hops, -1);
            hops[s] = 0;
            queue[0] = s;
            for (int head = 0, tail = 1; head < tail; head++) {
                int u = queue[head];
                total += a[s] * a[u] / (1 + hops[u]);
                for (int e = binary.start[u]; e < binary.start[u + 1]; e++) {
                    int v = binary.target[e];
                    if (hops[v] < 0) {
                        hops[v] = hops[u] + 1;
                        queue[tail++] = v;
                    }
                }
            }
        }
        return total;
    }
}
