package fr.yseraa.observatory.wms.style;

/** What a graphic shows: a well-known mark or an image. */
public sealed interface GraphicSymbol permits Mark, ExternalGraphic {
}
