package fr.yseraa.observatory.ext.demo;

import java.util.Arrays;

/** Draws an index in proportion to the weights added, by binary search over their running sums. */
final class CumulativeWeights {

    private double[] sums = new double[16];
    private int size;

    void add(double weight) {
        if (size == sums.length) {
            sums = Arrays.copyOf(sums, size * 2);
        }
        sums[size] = (size == 0 ? 0 : sums[size - 1]) + weight;
        size++;
    }

    /** The index drawn for a uniform number {@code u} in [0, 1). */
    int index(double u) {
        if (size == 0) {
            throw new IllegalStateException("no weights");
        }
        int i = Arrays.binarySearch(sums, 0, size, u * sums[size - 1]);
        return Math.min(i >= 0 ? i : -i - 1, size - 1);
    }
}
