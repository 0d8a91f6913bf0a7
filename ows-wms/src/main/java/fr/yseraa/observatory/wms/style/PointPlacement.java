package fr.yseraa.observatory.wms.style;

/**
 * A label at a point: the anchor is the point of the label's box placed on the feature (0,0 lower left, 1,1
 * upper right), then moved by the displacement (pixels, y up) and rotated (degrees, clockwise).
 */
public record PointPlacement(double anchorX, double anchorY, double displacementX, double displacementY,
                             double rotation) implements LabelPlacement {

    public static final PointPlacement DEFAULT = new PointPlacement(0, 0.5, 0, 0, 0);
}
