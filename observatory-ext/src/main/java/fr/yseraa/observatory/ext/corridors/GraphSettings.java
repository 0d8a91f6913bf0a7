package fr.yseraa.observatory.ext.corridors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a landscape graph is built and read, in the terms of CORRIDOR-INDICATORS.md: the dispersal kernel (p = 0.5 at
 * the species group's median dispersal distance), the probability cut-off ε (links with p_ij &lt; ε are dropped from
 * the graph of PC), the smallest patch kept, and the IIC threshold distance (the dispersal distance). The defaults are
 * those of every process, so that the same patches give the same figures whichever process computes them.
 *
 * @param minProbability ε, the probability cut-off of PC's links, in (0, 1]
 * @param minPatchAreaHa patches smaller than this, in hectares, are left out
 */
record GraphSettings(DispersalKernel kernel, double minProbability, double minPatchAreaHa, double iicThreshold) {

    /** ε by default: links of p &lt; 1 % are dropped (6.6 × the median dispersal distance). */
    static final double DEFAULT_MIN_PROBABILITY = 0.01;
    /** The smallest patch by default, in hectares. */
    static final double DEFAULT_MIN_PATCH_AREA_HA = 1;
    /** The smallest ε a client may ask for (links to 30 × the median distance). */
    static final double LOWEST_MIN_PROBABILITY = 1e-9;

    GraphSettings {
        if (!(minProbability > 0 && minProbability <= 1)) {
            throw new IllegalArgumentException("the probability cut-off must be in (0, 1]");
        }
        if (!(minPatchAreaHa >= 0)) {
            throw new IllegalArgumentException("the minimum patch area must not be negative");
        }
    }

    /** The settings of a species group: its dispersal distance is the kernel's median and IIC's threshold. */
    static GraphSettings of(SpeciesGroup group, double minProbability, double minPatchAreaHa) {
        return new GraphSettings(new DispersalKernel(group.dispersalDistance()), minProbability, minPatchAreaHa,
                group.dispersalDistance());
    }

    static GraphSettings defaults(SpeciesGroup group) {
        return of(group, DEFAULT_MIN_PROBABILITY, DEFAULT_MIN_PATCH_AREA_HA);
    }

    /** The distance at which p falls to ε: PC's links are those up to it. */
    double pcCutoff() {
        return kernel.cutoffDistance(minProbability);
    }

    /**
     * How far apart two patches may be and still be linked in the graph built: the farther of PC's cut-off and IIC's
     * threshold, so that neither index misses a link it counts.
     */
    double linkDistance() {
        return Math.max(pcCutoff(), iicThreshold);
    }

    /** The settings as a report states them. */
    Map<String, Object> report() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("dispersalDistance_m", kernel.medianDistance());
        s.put("k_per_m", kernel.k());
        s.put("minProbability", minProbability);
        s.put("linkCutoff_m", pcCutoff());
        s.put("iicThreshold_m", iicThreshold);
        s.put("minPatchArea_ha", minPatchAreaHa);
        return s;
    }
}
