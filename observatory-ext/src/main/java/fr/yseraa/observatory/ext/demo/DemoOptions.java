package fr.yseraa.observatory.ext.demo;

import java.nio.file.Path;

/**
 * How big and from what seed the demo observatory is generated.
 *
 * @param occurrences how many occurrences to generate
 * @param seed the random seed: the same seed gives the same demo
 * @param communes a GeoJSON file of real communes (properties {@code code}, {@code nom}; WGS 84), or null for
 *     the generated communes of the Audomarois
 * @param departements a GeoJSON file of real départements (properties {@code code}, {@code nom}), or null to
 *     derive them from the communes
 */
public record DemoOptions(long occurrences, long seed, Path communes, Path departements) {

    public static final long DEFAULT_OCCURRENCES = 100_000;
    public static final long DEFAULT_SEED = 20080202; // World Wetlands Day 2008, when the marsh became a Ramsar site

    public DemoOptions {
        if (occurrences < 0) {
            throw new IllegalArgumentException("the number of occurrences must not be negative");
        }
    }

    public static DemoOptions defaults() {
        return new DemoOptions(DEFAULT_OCCURRENCES, DEFAULT_SEED, null, null);
    }
}
