package fr.yseraa.observatory.core.catalog;

/** Who provides a layer's data, shown by clients next to the map. */
public record Attribution(String title, String url) {
}
