package fr.yseraa.observatory.ext.indicators;

import java.util.Arrays;

/**
 * The Mann-Kendall trend test of a series in time order, and Sen's slope (Gilbert 1987, ch. 16): S is the sum of the
 * signs of x_j - x_i over all pairs i &lt; j; its variance under no trend, corrected for ties, is
 * [n(n-1)(2n+5) - Σ t(t-1)(2t+5)] / 18 over the groups of t equal values; Z = (S - sign(S)) / √Var(S) (continuity
 * correction, 0 when S = 0) and the two-sided p-value is 2(1 - Φ(|Z|)). Sen's slope is the median of the pairwise slopes
 * (x_j - x_i) / (j - i), per step of the series.
 *
 * @param n the length of the series
 */
public record MannKendall(int n, long s, double variance, double z, double p, double senSlope) {

    /** The test of {@code series} (at least three values). */
    public static MannKendall of(double[] series) {
        int n = series.length;
        if (n < 3) {
            throw new IllegalArgumentException("Mann-Kendall needs at least three values, not " + n);
        }
        long s = 0;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Double.compare(series[j], series[i]) > 0 ? 1 : Double.compare(series[j], series[i]) < 0 ? -1 : 0;
                slopes[k++] = (series[j] - series[i]) / (j - i);
            }
        }
        double variance = (n * (n - 1.0) * (2 * n + 5) - ties(series)) / 18;
        double z = s == 0 || variance == 0 ? 0 : (s - Long.signum(s)) / Math.sqrt(variance);
        double p = Math.min(1, 2 * upperTail(Math.abs(z)));
        return new MannKendall(n, s, variance, z, p, median(slopes));
    }

    /** Σ t(t-1)(2t+5) over the groups of equal values. */
    private static double ties(double[] series) {
        double[] sorted = series.clone();
        Arrays.sort(sorted);
        double sum = 0;
        int start = 0;
        for (int i = 1; i <= sorted.length; i++) {
            if (i == sorted.length || sorted[i] != sorted[start]) {
                double t = i - start;
                sum += t * (t - 1) * (2 * t + 5);
                start = i;
            }
        }
        return sum;
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int m = values.length / 2;
        return values.length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }

    /** 1 - Φ(x) for x ≥ 0: erfc(x / √2) / 2, erfc by the Chebyshev fit of Numerical Recipes (relative error < 1.2e-7). */
    static double upperTail(double x) {
        double t = 1 / (1 + 0.5 * x / Math.sqrt(2));
        double u = x / Math.sqrt(2);
        double erfc = t * Math.exp(-u * u - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return erfc / 2;
    }
}
