package fr.yseraa.observatory.wms.style;

/** A label font; size in pixels. */
public record Font(String family, boolean italic, boolean bold, double size) {

    public static final Font DEFAULT = new Font("SansSerif", false, false, 10);
}
