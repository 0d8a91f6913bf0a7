package fr.yseraa.observatory.wms.style;

/**
 * A label.
 *
 * @param halo the halo around glyphs, or null
 * @param priority the label's priority in conflicts (greater wins), or null for all equal
 */
public record TextSymbolizer(LabelTemplate label, Font font, Halo halo, LabelPlacement placement, Fill fill,
                             ValueExpression priority) implements Symbolizer {
}
