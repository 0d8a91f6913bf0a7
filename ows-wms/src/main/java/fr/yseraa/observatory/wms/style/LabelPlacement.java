package fr.yseraa.observatory.wms.style;

/** Where a label goes relative to its feature. */
public sealed interface LabelPlacement permits PointPlacement, LinePlacement {
}
