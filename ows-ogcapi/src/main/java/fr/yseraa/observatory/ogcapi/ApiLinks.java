package fr.yseraa.observatory.ogcapi;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.util.List;
import java.util.Map;

/**
 * Links to resources other modules serve under the API (tiles, tile matrix sets), added to the landing page and to
 * each collection's description.
 */
public interface ApiLinks {

    ApiLinks NONE = new ApiLinks() {
    };

    /** Links of the landing page, given the API's root URL. */
    default List<Map<String, Object>> landing(String apiBase) {
        return List.of();
    }

    /** Links of a collection's description, given its URL. */
    default List<Map<String, Object>> collection(LayerInfo layer, String collectionUrl) {
        return List.of();
    }

    /** A link object. */
    static Map<String, Object> link(String href, String rel, String type, String title) {
        return Links.link(href, rel, type, title);
    }
}
