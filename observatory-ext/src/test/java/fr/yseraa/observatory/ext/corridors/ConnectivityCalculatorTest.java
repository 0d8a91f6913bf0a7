package fr.yseraa.observatory.ext.corridors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.yseraa.observatory.ext.corridors.ConnectivityIndices.PatchImportance;
import fr.yseraa.observatory.ext.corridors.LandscapeGraph.Link;
import fr.yseraa.observatory.ext.corridors.LandscapeGraph.Patch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PC, IIC, ECA and dPC on graphs small enough to compute by hand. */
class ConnectivityCalculatorTest {

    private static final double EPS = 1e-12;

    /**
     * Three patches on a line, A (1 ha) — 100 m — B (2 ha) — 100 m — C (3 ha), A and C 300 m apart but not linked
     * (beyond the cut-off), A_L = 10 ha, median dispersal 100 m so p(100 m) = 0.5.
     *
     * <pre>
     * p*_AB = p*_BC = 0.5, p*_AC = 0.5 × 0.5 = 0.25 (through B)
     * PCnum = Σ a_i² + 2·(a_A a_B p*_AB + a_B a_C p*_BC + a_A a_C p*_AC)
     *       = (1 + 4 + 9) + 2·(2×0.5 + 6×0.5 + 3×0.25) = 14 + 2×4.75 = 23.5
     * PC = 23.5 / 10² = 0.235, ECA = √23.5 ha
     * IIC (links of 100 m ≤ threshold 150 m: nl_AB = nl_BC = 1, nl_AC = 2)
     *     = (14 + 2·(2/2 + 6/2 + 3/3)) / 100 = 24 / 100 = 0.24
     * without B: PCnum = 1 + 9 = 10 → dPC_B = 100 × 13.5 / 23.5
     *     intra_B = 100 × 4 / 23.5, flux_B = 100 × 2·(2×0.5 + 6×0.5) / 23.5 = 100 × 8 / 23.5,
     *     connector_B = 100 × 2·(3 × 0.25) / 23.5 = 100 × 1.5 / 23.5
     * without A: PCnum = 4 + 9 + 2×3 = 19 → dPC_A = 100 × 4.5 / 23.5 = intra 100/23.5 + flux 100×3.5/23.5, no connector
     * without C: PCnum = 1 + 4 + 2×1 = 7 → dPC_C = 100 × 16.5 / 23.5 = intra 100×9/23.5 + flux 100×7.5/23.5
     * </pre>
     */
    @Test
    void threePatchesOnALine() {
        LandscapeGraph g = new LandscapeGraph(List.of(new Patch("A", 1), new Patch("B", 2), new Patch("C", 3)),
                List.of(new Link(0, 1, 100), new Link(1, 2, 100)), 10);
        ConnectivityIndices c = ConnectivityCalculator.compute(g, new DispersalKernel(100), 150);
        assertThat(c.pcNumerator()).isCloseTo(23.5, within(EPS));
        assertThat(c.pc()).isCloseTo(0.235, within(EPS));
        assertThat(c.eca()).isCloseTo(Math.sqrt(23.5), within(EPS));
        assertThat(c.iic()).isCloseTo(0.24, within(EPS));
        PatchImportance a = c.importance().get(0);
        PatchImportance b = c.importance().get(1);
        PatchImportance cc = c.importance().get(2);
        assertThat(b.id()).isEqualTo("B");
        assertThat(b.dPC()).isCloseTo(100 * 13.5 / 23.5, within(EPS));
        assertThat(b.intra()).isCloseTo(100 * 4 / 23.5, within(EPS));
        assertThat(b.flux()).isCloseTo(100 * 8 / 23.5, within(EPS));
        assertThat(b.connector()).isCloseTo(100 * 1.5 / 23.5, within(EPS));
        assertThat(a.dPC()).isCloseTo(100 * 4.5 / 23.5, within(EPS));
        assertThat(a.intra()).isCloseTo(100 / 23.5, within(EPS));
        assertThat(a.flux()).isCloseTo(100 * 3.5 / 23.5, within(EPS));
        assertThat(a.connector()).isZero();
        assertThat(cc.dPC()).isCloseTo(100 * 16.5 / 23.5, within(EPS));
        assertThat(cc.connector()).isZero();
    }

    /**
     * A triangle whose direct link is weaker than the path through the third patch, plus an isolated patch.
     * A, B, C, D of 1 ha each, AB = BC = 100 m, AC = 250 m, D unlinked, A_L = 20 ha, median 100 m.
     *
     * <pre>
     * p_AC direct = 0.5^2.5 ≈ 0.177 &lt; p_AB·p_BC = 0.25, so p*_AC = 0.25 (the maximum product, through B)
     * PCnum = 4 (a_i² of each patch) + 2·(0.5 + 0.5 + 0.25) = 6.5; D adds only its own 1
     * PC = 6.5 / 400; ECA = √6.5
     * IIC with a 120 m threshold: links AB, BC; nl_AC = 2 → (4 + 2·(1/2 + 1/2 + 1/3)) / 400 = (4 + 8/3) / 400
     * without B: A and C keep their direct link: PCnum = 3 + 2·0.5^2.5 → dPC_B = 100·(6.5 − 3 − 2·0.5^2.5)/6.5
     *     connector_B = dPC_B − intra (100/6.5) − flux (100·2·(0.5 + 0.5)/6.5) = 100·2·(0.25 − 0.5^2.5)/6.5
     * </pre>
     */
    @Test
    void theMaximumProductPathBeatsAWeakDirectLink() {
        LandscapeGraph g = new LandscapeGraph(List.of(new Patch("A", 1), new Patch("B", 1), new Patch("C", 1), new Patch("D", 1)),
                List.of(new Link(0, 1, 100), new Link(1, 2, 100), new Link(0, 2, 250)), 20);
        ConnectivityIndices c = ConnectivityCalculator.compute(g, new DispersalKernel(100), 120);
        assertThat(c.pcNumerator()).isCloseTo(6.5, within(EPS));
        assertThat(c.pc()).isCloseTo(6.5 / 400, within(EPS));
        assertThat(c.eca()).isCloseTo(Math.sqrt(6.5), within(EPS));
        assertThat(c.iic()).isCloseTo((4 + 8.0 / 3) / 400, within(EPS));
        double direct = Math.pow(0.5, 2.5);
        PatchImportance b = c.importance().get(1);
        assertThat(b.dPC()).isCloseTo(100 * (6.5 - 3 - 2 * direct) / 6.5, within(EPS));
        assertThat(b.connector()).isCloseTo(100 * 2 * (0.25 - direct) / 6.5, within(EPS));
        PatchImportance d = c.importance().get(3);
        assertThat(d.dPC()).isCloseTo(100 / 6.5, within(EPS));
        assertThat(d.flux()).isZero();
    }

    @Test
    void aSinglePatchFillingTheLandscapeIsFullyConnected() {
        ConnectivityIndices c = ConnectivityCalculator.compute(
                new LandscapeGraph(List.of(new Patch("all", 50)), List.of(), 50), new DispersalKernel(500), 500);
        assertThat(c.pc()).isCloseTo(1, within(EPS));
        assertThat(c.iic()).isCloseTo(1, within(EPS));
        assertThat(c.eca()).isCloseTo(50, within(EPS));
        assertThat(c.importance().get(0).dPC()).isCloseTo(100, within(EPS));
    }

    @Test
    void theKernelGivesOneHalfAtTheMedianDistance() {
        DispersalKernel kernel = new DispersalKernel(800);
        assertThat(kernel.probability(800)).isCloseTo(0.5, within(EPS));
        assertThat(kernel.probability(1600)).isCloseTo(0.25, within(EPS));
        assertThat(kernel.probability(kernel.cutoffDistance(0.01))).isCloseTo(0.01, within(EPS));
    }
}
