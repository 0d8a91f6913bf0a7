package fr.yseraa.observatory.ext.corridors;

/**
 * The negative exponential dispersal kernel p(d) = exp(−k·d), with k such that p = 0.5 at the species group's
 * median dispersal distance (k = ln 2 / median). Since −ln p(d) = k·d, the maximum-product path between two patches
 * is the shortest path over link distances, and p* = exp(−k · its length).
 */
public record DispersalKernel(double medianDistance) {

    public DispersalKernel {
        if (!(medianDistance > 0)) {
            throw new IllegalArgumentException("the median dispersal distance must be positive");
        }
    }

    public double k() {
        return Math.log(2) / medianDistance;
    }

    public double probability(double distance) {
        return Math.exp(-k() * distance);
    }

    /** The distance beyond which p falls under {@code minProbability}: the links cut-off (0, never −0, for p = 1). */
    public double cutoffDistance(double minProbability) {
        return Math.log(1 / minProbability) / k();
    }
}
