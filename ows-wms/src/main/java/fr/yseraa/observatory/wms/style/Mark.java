package fr.yseraa.observatory.wms.style;

import java.util.Set;

/** A well-known mark with its fill and stroke (either may be null). */
public record Mark(String wellKnownName, Fill fill, Stroke stroke) implements GraphicSymbol {

    public static final Set<String> WELL_KNOWN_NAMES = Set.of("circle", "square", "triangle", "star", "cross", "x");
}
