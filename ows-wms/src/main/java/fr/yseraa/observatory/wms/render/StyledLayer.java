package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.wms.style.Style;

/** A layer of a map request with the style it is drawn with. */
public record StyledLayer(LayerInfo layer, Style style) {
}
