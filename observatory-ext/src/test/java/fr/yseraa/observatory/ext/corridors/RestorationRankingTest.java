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
 * The ECA an action gains, updated from today's best paths, against a full recomputation of the graph with the
 * action's links ({@link ConnectivityCalculator}, a Dijkstra from every patch) on seeded random graphs: actions of
 * one to three links, new links and shortened ones, some beyond the cut-off.
 */
class RestorationRankingTest {

    private static final DispersalKernel KERNEL = new DispersalKernel(500);

    @Test
    void everyActionGainsWhatAFullRecomputationGives() {
        int checked = 0;
        for (long seed = 1; seed <= 12; seed++) {
            Random random = new Random(seed);
            int n = 5 + random.nextInt(40);
            List<Patch> patches = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                patches.add(new Patch("p" + i, 0.5 + 50 * random.nextDouble() * random.nextDouble()));
            }
            List<Link> links = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (random.nextDouble() < 3.0 / n) {
                        links.add(new Link(i, j, random.nextDouble() * 4000));
                    }
                }
            }
            LandscapeGraph present = new LandscapeGraph(patches, links, 10_000);
            for (double epsilon : new double[] {1e-6, 0.01, 0.3}) {
                double cutoff = KERNEL.cutoffDistance(epsilon);
                RestorationRanking ranking = new RestorationRanking(present, KERNEL, cutoff, () -> { });
                assertThat(ranking.numerator()).isCloseTo(ConnectivityCalculator.compute(present, KERNEL, cutoff,
                        500, false).pcNumerator(), within(1e-9 * ranking.numerator()));
                for (int action = 0; action < 15; action++) {
                    List<Link> changed = new ArrayList<>();
                    int size = 1 + random.nextInt(3);
                    for (int c = 0; c < size; c++) {
                        if (!links.isEmpty() && random.nextBoolean()) {
                            Link l = links.get(random.nextInt(links.size()));
                            changed.add(new Link(l.from(), l.to(), l.distance() * random.nextDouble()));
                        } else {
                            int u = random.nextInt(n);
                            int v = (u + 1 + random.nextInt(n - 1)) % n;
                            changed.add(new Link(u, v, random.nextBoolean() ? 0 : random.nextDouble() * 5000));
                        }
                    }
                    List<Link> after = new ArrayList<>(links);
                    after.addAll(changed);
                    double expected = ConnectivityCalculator.compute(new LandscapeGraph(patches, after, 10_000), KERNEL,
                            cutoff, 500, false).pcNumerator();
                    assertThat(ranking.numeratorWith(changed)).as("seed %d, ε %s, %s", seed, epsilon, changed)
                            .isCloseTo(expected, within(1e-9 * expected));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(12 * 3 * 15);
    }

    @Test
    void anActionBeyondTheCutOffGainsNothing() {
        LandscapeGraph two = new LandscapeGraph(List.of(new Patch("a", 10), new Patch("b", 20)), List.of(), 100);
        double cutoff = KERNEL.cutoffDistance(0.01);
        RestorationRanking ranking = new RestorationRanking(two, KERNEL, cutoff, () -> { });
        assertThat(ranking.numerator()).isEqualTo(10 * 10 + 20 * 20);
        assertThat(ranking.numeratorWith(List.of(new Link(0, 1, cutoff * 1.01)))).isEqualTo(ranking.numerator());
        assertThat(ranking.numeratorWith(List.of(new Link(0, 1, 0)))).isCloseTo(500 + 2 * 200, within(1e-9));
    }
}
