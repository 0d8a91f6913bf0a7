package fr.yseraa.observatory.wms.style;

import java.awt.Graphics2D;

/**
 * The picture of an external graphic, read once when the style loads: a raster image or an SVG drawing. It draws
 * itself in its own units, from (0, 0) to (width, height), y down; the painter scales and places it.
 */
public interface GraphicImage {

    double width();

    double height();

    void paint(Graphics2D g);
}
