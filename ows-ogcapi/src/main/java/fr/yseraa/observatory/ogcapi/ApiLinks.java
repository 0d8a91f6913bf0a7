package fr.yseraa.observatory.ogcapi;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What other resources served under the API (tiles, tile matrix sets, processes and jobs) add to it: links from the
 * landing page and from each collection's description, conformance classes, and the paths of the OpenAPI definition.
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

    /** The conformance classes these resources meet. */
    default List<String> conformance() {
        return List.of();
    }

    /** OpenAPI 3.0 path items of these resources, by path under the API's root ({@code /processes}). */
    default Map<String, Object> openApiPaths() {
        return Map.of();
    }

    /** A link object. */
    static Map<String, Object> link(String href, String rel, String type, String title) {
        return Links.link(href, rel, type, title);
    }

    /** All of them, in their order. */
    static ApiLinks all(List<ApiLinks> parts) {
        List<ApiLinks> copy = List.copyOf(parts);
        return new ApiLinks() {
            @Override
            public List<Map<String, Object>> landing(String apiBase) {
                List<Map<String, Object>> l = new ArrayList<>();
                copy.forEach(p -> l.addAll(p.landing(apiBase)));
                return l;
            }

            @Override
            public List<Map<String, Object>> collection(LayerInfo layer, String collectionUrl) {
                List<Map<String, Object>> l = new ArrayList<>();
                copy.forEach(p -> l.addAll(p.collection(layer, collectionUrl)));
                return l;
            }

            @Override
            public List<String> conformance() {
                List<String> l = new ArrayList<>();
                copy.forEach(p -> l.addAll(p.conformance()));
                return l;
            }

            @Override
            public Map<String, Object> openApiPaths() {
                Map<String, Object> paths = new LinkedHashMap<>();
                copy.forEach(p -> paths.putAll(p.openApiPaths()));
                return paths;
            }
        };
    }
}
