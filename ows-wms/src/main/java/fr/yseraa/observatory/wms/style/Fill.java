package fr.yseraa.observatory.wms.style;

import java.awt.Color;

/**
 * A fill: a colour, or a repeated graphic (hatching...) when {@code graphicFill} is set.
 *
 * @param opacity from 0 (transparent) to 1
 */
public record Fill(Color color, double opacity, Graphic graphicFill) {

    public static final Fill DEFAULT = new Fill(new Color(0x80, 0x80, 0x80), 1, null);
}
