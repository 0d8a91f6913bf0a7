package fr.yseraa.observatory.ext.corridors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.yseraa.observatory.ext.corridors.LandscapeGraph.Link;
import fr.yseraa.observatory.ext.corridors.LandscapeGraph.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PC, IIC, dPC, components and the truncation bound at probability cut-offs from 1e-6 to 0.9, against a brute-force
 * computation on the complete graph (Floyd-Warshall over every pair of patches), on seeded random landscapes.
 */
class ConnectivityBruteForceTest {

    private static final double[] CUTOFFS = {1e-6, 1e-4, 0.01, 0.05, 0.2, 0.5, 0.6, 0.75, 0.9};
    private static final double RELATIVE = 1e-10;

    /** Point patches in a square: the edge-to-edge distance of two patches is the distance of their points. */
    private record Landscape(double[] area, double[][] distance, double landscapeArea) {

        static Landscape random(long seed, int n, double side) {
            Random random = new Random(seed);
            double[] x = new double[n];
            double[] y = new double[n];
            double[] area = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextDouble() * side;
                y[i] = random.nextDouble() * side;
                area[i] = 0.5 + random.nextDouble() * random.nextDouble() * 60;
            }
            double[][] d = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    d[i][j] = Math.hypot(x[i] - x[j], y[i] - y[j]);
                }
            }
            return new Landscape(area, d, side * side / 10_000);
        }

        /** The graph as the builder gives it: every pair up to {@code linkDistance}. */
        LandscapeGraph graph(double linkDistance) {
            List<Patch> patches = new ArrayList<>();
            for (int i = 0; i < area.length; i++) {
                patches.add(new Patch("p" + i, area[i]));
            }
            List<Link> links = new ArrayList<>();
            for (int i = 0; i < area.length; i++) {
                for (int j = i + 1; j < area.length; j++) {
                    if (distance[i][j] <= linkDistance) {
                        links.add(new Link(i, j, distance[i][j]));
                    }
                }
            }
            return new LandscapeGraph(patches, links, landscapeArea);
        }

        /** Shortest distances (Floyd-Warshall) over the pairs up to {@code maxLink}, without patch {@code removed}. */
        double[][] shortest(double maxLink, int removed) {
            int n = area.length;
            double[][] s = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    boolean linked = i != removed && j != removed && distance[i][j] <= maxLink;
                    s[i][j] = i == j ? 0 : linked ? distance[i][j] : Double.POSITIVE_INFINITY;
                }
            }
            for (int m = 0; m < n; m++) {
                if (m == removed) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        if (s[i][m] + s[m][j] < s[i][j]) {
                            s[i][j] = s[i][m] + s[m][j];
                        }
                    }
                }
            }
            return s;
        }

        /** Σ a_i·a_j·p*_ij over the pairs up to {@code maxLink}, without patch {@code removed} (-1: none). */
        double pcNumerator(DispersalKernel kernel, double maxLink, int removed) {
            double[][] s = shortest(maxLink, removed);
            double total = 0;
            for (int i = 0; i < area.length; i++) {
                for (int j = 0; j < area.length; j++) {
                    if (i != removed && j != removed) {
                        total += area[i] * area[j] * kernel.probability(s[i][j]);
                    }
                }
            }
            return total;
        }

        /** Σ a_i·a_j / (1 + nl_ij), nl by Floyd-Warshall on hop counts over the pairs up to {@code threshold}. */
        double iicNumerator(double threshold) {
            int n = area.length;
            double[][] hops = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    hops[i][j] = i == j ? 0 : distance[i][j] <= threshold ? 1 : Double.POSITIVE_INFINITY;
                }
            }
            for (int m = 0; m < n; m++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        hops[i][j] = Math.min(hops[i][j], hops[i][m] + hops[m][j]);
                    }
                }
            }
            double total = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    total += Double.isInfinite(hops[i][j]) ? 0 : area[i] * area[j] / (1 + hops[i][j]);
                }
            }
            return total;
        }

        int components(double maxLink) {
            double[][] s = shortest(maxLink, -1);
            int components = 0;
            for (int i = 0; i < area.length; i++) {
                boolean first = true;
                for (int j = 0; j < i; j++) {
                    first &= Double.isInfinite(s[i][j]);
                }
                components += first ? 1 : 0;
            }
            return components;
        }
    }

    @Test
    void everyIndexMatchesBruteForceAtEveryCutoff() {
        int graphs = 0;
        for (long seed = 1; seed <= 12; seed++) {
            int n = 6 + (int) (seed * 3);
            Landscape l = Landscape.random(seed, n, 6000);
            DispersalKernel kernel = new DispersalKernel(400 + 100 * seed);
            double threshold = kernel.medianDistance();
            double al2 = l.landscapeArea() * l.landscapeArea();
            double complete = l.pcNumerator(kernel, Double.POSITIVE_INFINITY, -1);
            double expectedIic = l.iicNumerator(threshold) / al2;
            for (double cutoff : CUTOFFS) {
                GraphSettings settings = new GraphSettings(kernel, cutoff, 0, threshold);
                String where = "seed " + seed + ", cut-off " + cutoff;
                ConnectivityIndices c = ConnectivityCalculator.compute(l.graph(settings.linkDistance()), kernel,
                        settings.pcCutoff(), settings.iicThreshold(), true);
                double pcNum = l.pcNumerator(kernel, settings.pcCutoff(), -1);
                assertThat(c.pcNumerator()).as(where).isCloseTo(pcNum, within(RELATIVE * pcNum));
                assertThat(c.pc()).as(where).isCloseTo(pcNum / al2, within(RELATIVE * pcNum / al2));
                assertThat(c.iic()).as(where + " (IIC does not depend on the cut-off)")
                        .isCloseTo(expectedIic, within(RELATIVE * expectedIic));
                assertThat(c.components()).as(where).isEqualTo(l.components(settings.pcCutoff()));
                double missing = (complete - pcNum) / al2;
                assertThat(missing).as(where).isGreaterThanOrEqualTo(-RELATIVE * complete / al2);
                assertThat(c.pcTruncationBound()).as(where + ": the bound covers what the cut-off leaves out")
                        .isGreaterThanOrEqualTo(missing * (1 - 1e-9));
                for (int k = 0; k < n; k++) {
                    double dpc = 100 * (pcNum - l.pcNumerator(kernel, settings.pcCutoff(), k)) / pcNum;
                    assertThat(c.importance().get(k).dPC()).as(where + ", dPC of " + k).isCloseTo(dpc, within(1e-9));
                }
                graphs++;
            }
        }
        assertThat(graphs).isEqualTo(12 * CUTOFFS.length);
    }

    @Test
    void withoutCutoffTheBoundIsZeroAndTheLowerTheCutoffTheSmallerTheBound() {
        Landscape l = Landscape.random(42, 30, 8000);
        DispersalKernel kernel = new DispersalKernel(700);
        ConnectivityIndices all = ConnectivityCalculator.compute(l.graph(Double.POSITIVE_INFINITY), kernel, 700);
        assertThat(all.pcTruncationBound()).isZero();
        assertThat(all.components()).isEqualTo(1);
        double previous = Double.POSITIVE_INFINITY;
        for (double cutoff : new double[] {0.9, 0.5, 0.05, 1e-3, 1e-6}) {
            GraphSettings settings = new GraphSettings(kernel, cutoff, 0, 700);
            double bound = ConnectivityCalculator.compute(l.graph(settings.linkDistance()), kernel, settings.pcCutoff(),
                    700, false).pcTruncationBound();
            assertThat(bound).as("cut-off " + cutoff).isLessThanOrEqualTo(previous);
            previous = bound;
        }
        assertThat(previous).isLessThan(1e-6 * all.pc());
    }
}
