package fr.yseraa.observatory.wms.style;

/** A halo around label glyphs: radius in pixels. */
public record Halo(double radius, Fill fill) {
}
