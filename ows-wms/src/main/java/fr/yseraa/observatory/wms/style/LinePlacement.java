package fr.yseraa.observatory.wms.style;

/** A label along a line, {@code perpendicularOffset} pixels to its left. */
public record LinePlacement(double perpendicularOffset) implements LabelPlacement {
}
