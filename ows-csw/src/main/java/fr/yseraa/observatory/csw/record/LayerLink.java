package fr.yseraa.observatory.csw.record;

/**
 * A link every layer's record gets besides the OGC services, e.g. its vector tiles' TileJSON.
 *
 * @param pathTemplate the path from the server's root, {@code {layer}} standing for the layer's qualified name
 */
public record LayerLink(String protocol, String pathTemplate, String description) {

    public String path(String layer) {
        return pathTemplate.replace("{layer}", layer);
    }
}
