package fr.yseraa.observatory.wms.render;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.wms.style.Style;

/**
 * A layer of a map request with the style it is drawn with.
 *
 * @param filter the vendor filter (CQL_FILTER, FILTER) that keeps only some of the layer's features, or null
 * @param filterLocator the parameter the filter came from, for error reports
 */
public record StyledLayer(LayerInfo layer, Style style, Filter filter, String filterLocator) {

    public StyledLayer(LayerInfo layer, Style style) {
        this(layer, style, null, null);
    }
}
