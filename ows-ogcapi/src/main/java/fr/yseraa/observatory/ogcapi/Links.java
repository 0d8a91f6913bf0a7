package fr.yseraa.observatory.ogcapi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The URLs of the API's resources and the link objects that point at them. */
public final class Links {

    public static final String JSON = "application/json";
    public static final String GEOJSON = "application/geo+json";
    public static final String HTML = "text/html";
    public static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";
    public static final String SCHEMA = "application/schema+json";

    private final String base;

    public Links(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    /** The URL of a path under the API's root ({@code ""} for the landing page). */
    public String url(String path) {
        return base + path;
    }

    static String collectionPath(String id) {
        return "/collections/" + segment(id);
    }

    /** A path segment: what a layer or feature id may hold beyond letters, digits and {@code :_.-}, encoded. */
    public static String segment(String s) {
        return encode(s).replace("%3A", ":");
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The path with the query parameters, in their order. */
    static String withQuery(String url, Map<String, List<String>> parameters) {
        if (parameters.isEmpty()) {
            return url;
        }
        return url + "?" + parameters.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
    }

    public static Map<String, Object> link(String href, String rel, String type, String title) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("href", href);
        link.put("rel", rel);
        link.put("type", type);
        if (title != null) {
            link.put("title", title);
        }
        return link;
    }

    /** The self link in JSON and the alternate one in HTML (or the reverse), as every resource gives them. */
    List<Map<String, Object>> selfAndAlternate(String path, String jsonType, Format format, String title) {
        Map<String, Object> json = link(url(path) + "?f=json", format == Format.JSON ? "self" : "alternate", jsonType,
                title + " (JSON)");
        Map<String, Object> html = link(url(path) + "?f=html", format == Format.HTML ? "self" : "alternate", HTML,
                title + " (HTML)");
        return format == Format.JSON ? List.of(json, html) : List.of(html, json);
    }
}
