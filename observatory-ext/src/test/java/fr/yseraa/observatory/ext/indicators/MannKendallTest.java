package fr.yseraa.observatory.ext.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Mann-Kendall and Sen's slope against hand computation (each figure derived in the comments). */
class MannKendallTest {

    /**
     * Gilbert (1987), Statistical Methods for Environmental Pollution Monitoring, example 16.1: 10, 15, 14, 20. Signs of
     * the 6 pairs: + + + - + + so S = 4; Var = 4·3·13/18 = 26/3; Z = (4 - 1)/√(26/3) = 1.01905; p = 2(1 - Φ(1.01905)) =
     * 0.30818. Slopes 5, 2, 10/3, -1, 5/2, 6: median (5/2 + 10/3)/2 = 35/12.
     */
    @Test
    void textbookExample() {
        MannKendall mk = MannKendall.of(new double[] {10, 15, 14, 20});
        assertThat(mk.n()).isEqualTo(4);
        assertThat(mk.s()).isEqualTo(4);
        assertThat(mk.variance()).isCloseTo(26.0 / 3, within(1e-12));
        assertThat(mk.z()).isCloseTo(3 / Math.sqrt(26.0 / 3), within(1e-12));
        assertThat(mk.p()).isCloseTo(0.308180, within(1e-6));
        assertThat(mk.senSlope()).isCloseTo(35.0 / 12, within(1e-12));
    }

    /**
     * 1, 2, 2, 3, 5, 4: 15 pairs, 13 rising, 1 falling (5 → 4), 1 tied (2, 2): S = 12. One tie group of 2: Var = (6·5·17 -
     * 2·1·9)/18 = 82/3; Z = 11/√(82/3) = 2.10400; p = 0.035378. Sen: 15 slopes, the 8th smallest is 2/3.
     */
    @Test
    void risingWithTies() {
        MannKendall mk = MannKendall.of(new double[] {1, 2, 2, 3, 5, 4});
        assertThat(mk.s()).isEqualTo(12);
        assertThat(mk.variance()).isCloseTo(82.0 / 3, within(1e-12));
        assertThat(mk.z()).isCloseTo(11 / Math.sqrt(82.0 / 3), within(1e-12));
        assertThat(mk.p()).isCloseTo(0.035378, within(1e-6));
        assertThat(mk.senSlope()).isCloseTo(2.0 / 3, within(1e-12));
    }

    /**
     * 5, 4, 4, 3, 3, 3, 1: 21 pairs, 4 tied (one pair of 4s, three pairs of 3s), 17 falling: S = -17. Ties t = 2 and t =
     * 3: Var = (7·6·19 - 2·1·9 - 3·2·11)/18 = 119/3; Z = -16/√(119/3) = -2.54043; p = 0.011072; median slope -1/2.
     */
    @Test
    void fallingWithTies() {
        MannKendall mk = MannKendall.of(new double[] {5, 4, 4, 3, 3, 3, 1});
        assertThat(mk.s()).isEqualTo(-17);
        assertThat(mk.variance()).isCloseTo(119.0 / 3, within(1e-12));
        assertThat(mk.z()).isCloseTo(-16 / Math.sqrt(119.0 / 3), within(1e-12));
        assertThat(mk.p()).isCloseTo(0.011072, within(1e-6));
        assertThat(mk.senSlope()).isEqualTo(-0.5);
    }

    @Test
    void flatSeriesHasNoTrend() {
        MannKendall mk = MannKendall.of(new double[] {3, 3, 3});
        assertThat(mk.s()).isZero();
        assertThat(mk.variance()).isZero();
        assertThat(mk.z()).isZero();
        assertThat(mk.p()).isEqualTo(1);
        assertThat(mk.senSlope()).isZero();
    }

    @Test
    void normalTail() {
        assertThat(MannKendall.upperTail(0)).isCloseTo(0.5, within(1e-7));
        assertThat(MannKendall.upperTail(1.959964)).isCloseTo(0.025, within(1e-7));
        assertThat(MannKendall.upperTail(3)).isCloseTo(0.0013499, within(1e-7));
    }

    @Test
    void needsThreeValues() {
        assertThatThrownBy(() -> MannKendall.of(new double[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
    }
}
