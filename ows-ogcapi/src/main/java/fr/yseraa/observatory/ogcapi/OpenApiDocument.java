package fr.yseraa.observatory.ogcapi;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.0 definition of the API as the caller may use it: the fixed resources, then for each collection the
 * caller may read its description, queryables, items (with every parameter the server accepts, the queryables
 * among them) and single items.
 */
final class OpenApiDocument {

    private final OgcApiSettings settings;
    private final ApiLinks more;

    OpenApiDocument(OgcApiSettings settings, ApiLinks more) {
        this.settings = settings;
        this.more = more;
    }

    Map<String, Object> of(CallerFeatures features, Links links, String title) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", title, "version", "1.0.0",
                "description", "OGC API - Features (parties 1, 2 et 3) des couches de l'observatoire"));
        doc.put("servers", List.of(Map.of("url", links.base())));
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("/", get("Page d'accueil", "landingPage", List.of(format()), Links.JSON));
        paths.put("/conformance", get("Classes de conformité", "getConformance", List.of(format()), Links.JSON));
        paths.put("/api", get("Cette définition OpenAPI", "getApi", List.of(format()), Links.OPENAPI));
        paths.put("/collections", get("Les collections", "getCollections", List.of(format()), Links.JSON));
        for (LayerInfo layer : features.layers()) {
            String path = Links.collectionPath(layer.qualifiedName());
            String op = layer.qualifiedName().replaceAll("[^A-Za-z0-9]", "_");
            paths.put(path, get("Description de " + layer.title(), "describe_" + op, List.of(format()), Links.JSON));
            paths.put(path + "/queryables", get("Propriétés interrogeables de " + layer.title(), "queryables_" + op,
                    List.of(format()), Links.SCHEMA));
            List<Map<String, Object>> itemsParameters = new ArrayList<>(List.of(format(),
                    parameter("limit", "Nombre maximal d'objets de la page", Map.of("type", "integer",
                            "minimum", 1, "maximum", settings.maxLimit(), "default", settings.defaultLimit())),
                    parameter("offset", "Rang du premier objet de la page", Map.of("type", "integer", "minimum", 0,
                            "default", 0)),
                    bbox(),
                    crsParameter("bbox-crs", layer),
                    parameter(DateTimeFilter.PARAMETER, "Instant ou intervalle (RFC 3339, .. pour une borne ouverte)",
                            Map.of("type", "string")),
                    crsParameter("crs", layer),
                    parameter("filter", "Filtre CQL2", Map.of("type", "string")),
                    parameter("filter-lang", "Langage du filtre", Map.of("type", "string",
                            "enum", List.of(ItemsQuery.CQL2_TEXT, ItemsQuery.CQL2_JSON), "default", ItemsQuery.CQL2_TEXT)),
                    crsParameter("filter-crs", layer),
                    parameter("sortby", "Tri : propriétés séparées par des virgules, préfixées de + (croissant, par "
                            + "défaut) ou - (décroissant)", Map.of("type", "array", "items", Map.of("type", "string"))),
                    parameter("properties", "Propriétés à rendre, séparées par des virgules (la géométrie vient "
                            + "toujours)", Map.of("type", "array", "items", Map.of("type", "string")))));
            for (String name : features.access(layer).attributeExpressions().keySet()) {
                itemsParameters.add(parameter(name, "Objets dont " + name + " vaut cette valeur",
                        Queryables.property(layer, name)));
            }
            paths.put(path + "/items", get("Objets de " + layer.title(), "items_" + op, itemsParameters,
                    Links.GEOJSON));
            Map<String, Object> featureId = new LinkedHashMap<>();
            featureId.put("name", "featureId");
            featureId.put("in", "path");
            featureId.put("required", true);
            featureId.put("schema", Map.of("type", "string"));
            paths.put(path + "/items/{featureId}", get("Un objet de " + layer.title(), "item_" + op,
                    List.of(featureId, format(), crsParameter("crs", layer)), Links.GEOJSON));
        }
        paths.putAll(more.openApiPaths());
        doc.put("paths", paths);
        return doc;
    }

    private static Map<String, Object> get(String summary, String operationId, List<Map<String, Object>> parameters,
                                           String type) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("summary", summary);
        operation.put("operationId", operationId);
        operation.put("parameters", parameters);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put(type, Map.of("schema", Map.of("type", "object")));
        content.put(Links.HTML, Map.of("schema", Map.of("type", "string")));
        Map<String, Object> problem = Map.of("description", "Problème (JSON : code, description, locator)",
                "content", Map.of(Links.JSON, Map.of("schema", Map.of("type", "object"))));
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", summary, "content", content));
        responses.put("400", problem);
        responses.put("404", problem);
        operation.put("responses", responses);
        return Map.of("get", operation);
    }

    private static Map<String, Object> parameter(String name, String description, Map<String, Object> schema) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", "query");
        p.put("description", description);
        p.put("required", false);
        p.put("schema", schema);
        p.put("style", "form");
        p.put("explode", false);
        return p;
    }

    private static Map<String, Object> format() {
        return parameter("f", "Format de la réponse", Map.of("type", "string", "enum", List.of("json", "html")));
    }

    private static Map<String, Object> bbox() {
        return parameter("bbox", "Rectangle englobant : minx,miny,maxx,maxy (en CRS84 sauf bbox-crs)",
                Map.of("type", "array", "minItems", 4, "maxItems", 6, "items", Map.of("type", "number")));
    }

    private static Map<String, Object> crsParameter(String name, LayerInfo layer) {
        return parameter(name, "Système de coordonnées (URI)", Map.of("type", "string", "format", "uri",
                "enum", OfferedCrs.of(layer), "default", OfferedCrs.CRS84));
    }
}
