package fr.yseraa.observatory.core.access;

import fr.yseraa.observatory.core.catalog.LayerInfo;

/**
 * Decides what a caller sees of a layer. A layer names its policy in the catalog ({@code policy: ...});
 * extensions provide policies through {@link java.util.ServiceLoader} or as Spring beans.
 */
public interface AccessPolicy {

    /** The name layers use to choose this policy. */
    String name();

    /** Checks that a layer has what the policy needs (columns...), returning the problems found. */
    default java.util.List<String> check(LayerInfo layer) {
        return java.util.List.of();
    }

    LayerAccess access(LayerInfo layer, Caller caller);
}
