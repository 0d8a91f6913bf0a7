package fr.yseraa.observatory.wms.style;

import java.awt.Color;

/**
 * A stroke.
 *
 * @param dashArray dash and gap lengths in pixels, or null for a solid line
 * @param lineCap butt, round or square
 * @param lineJoin miter, round or bevel
 */
public record Stroke(Color color, double width, double opacity, float[] dashArray, String lineCap, String lineJoin) {

    public static final Stroke DEFAULT = new Stroke(Color.BLACK, 1, 1, null, "butt", "miter");

    public Stroke {
        dashArray = dashArray == null ? null : dashArray.clone();
    }

    @Override
    public float[] dashArray() {
        return dashArray == null ? null : dashArray.clone();
    }
}
