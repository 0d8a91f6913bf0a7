package fr.yseraa.observatory.ext.corridors;

import java.util.List;

/**
 * Connectivity of a landscape graph.
 *
 * @param pcNumerator Σ_i Σ_j a_i·a_j·p*_ij (ECA²)
 * @param pc the probability of connectivity, PC = pcNumerator / A_L²
 * @param iic the integral index of connectivity
 * @param eca the equivalent connected area, √pcNumerator, in the unit of the patch areas
 * @param importance the dPC of each patch, in patch order
 * @param components the number of connected components of PC's graph
 * @param pcTruncationBound an upper bound of the PC missing because links with p below the cut-off ε were dropped:
 *     Σ over ordered pairs i ≠ j with p*_ij &lt; ε of a_i·a_j·(ε − p*_ij), ÷ A_L² (0 without a cut-off)
 */
public record ConnectivityIndices(double pcNumerator, double pc, double iic, double eca, List<PatchImportance> importance,
                                  int components, double pcTruncationBound) {

    /**
     * How much PC drops, in percent, when a patch is removed (Saura &amp; Rubio 2010): dPC = intra + flux + connector.
     *
     * @param intra the patch's own area: 100·a_k² / PCnum
     * @param flux the dispersal flux it starts or ends: 100·2·Σ_{i≠k} a_i·a_k·p*_ik / PCnum
     * @param connector what it carries between other patches as a stepping stone
     */
    public record PatchImportance(String id, double dPC, double intra, double flux, double connector) {
    }
}
