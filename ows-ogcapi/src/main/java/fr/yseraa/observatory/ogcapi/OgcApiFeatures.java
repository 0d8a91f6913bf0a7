package fr.yseraa.observatory.ogcapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.feature.PagePlan;
import fr.yseraa.observatory.core.feature.ValueFormat;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.geojson.GeoJsonFeatureWriter;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.ows.OwsResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * OGC API - Features (part 1 core, GeoJSON, HTML, OpenAPI 3.0; part 2 CRS; part 3 filtering and queryables) over the
 * feature repository as the caller sees it ({@link FeatureRepository#forCaller}): the same access policy, paging
 * (the repository resumes a page after the last key of the one before) and counting budget as the WFS. Failures are
 * {@link OwsException}s with the parameter at fault as locator; the HTTP layer writes them as JSON problems.
 */
public final class OgcApiFeatures {

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final Set<String> FORMAT_ONLY = Set.of("f");

    private final Supplier<Catalog> catalogs;
    private final FeatureRepository repository;
    private final OgcApiSettings settings;
    private final OpenApiDocument openApi;
    private final ApiLinks more;

    /** @param more links to what other modules serve under the API (tiles) */
    public OgcApiFeatures(Supplier<Catalog> catalogs, FeatureRepository repository, OgcApiSettings settings,
                          ApiLinks more) {
        this.catalogs = catalogs;
        this.repository = repository;
        this.settings = settings;
        this.openApi = new OpenApiDocument(settings, more);
        this.more = more;
    }

    public void landing(ApiRequest r, OwsResponse out) throws IOException {
        r.onlyParameters(FORMAT_ONLY, Set.of());
        Format format = r.format();
        Catalog catalog = catalogs.get();
        Links links = new Links(r.baseUrl());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("title", catalog.service().title());
        doc.put("description", catalog.service().abstractText());
        List<Map<String, Object>> l = new ArrayList<>(links.selfAndAlternate("", Links.JSON, format, "Accueil"));
        l.add(Links.link(links.url("/api"), "service-desc", Links.OPENAPI, "Définition OpenAPI 3.0"));
        l.add(Links.link(links.url("/api?f=html"), "service-doc", Links.HTML, "Définition de l'API"));
        l.add(Links.link(links.url("/conformance"), "conformance", Links.JSON, "Classes de conformité"));
        l.add(Links.link(links.url("/collections"), "data", Links.JSON, "Collections"));
        l.addAll(more.landing(r.baseUrl()));
        doc.put("links", l);
        if (format == Format.HTML) {
            html(out, catalog.service().title(), h -> {
                h.element("p", catalog.service().abstractText()).raw("<ul>");
                for (Map<String, Object> link : l) {
                    h.raw("<li>").link((String) link.get("href"), (String) link.get("title")).raw("</li>\n");
                }
                h.raw("</ul>");
            });
        } else {
            json(out, Links.JSON, doc);
        }
    }

    public void conformance(ApiRequest r, OwsResponse out) throws IOException {
        r.onlyParameters(FORMAT_ONLY, Set.of());
        List<String> classes = new ArrayList<>(Conformance.CLASSES);
        classes.addAll(more.conformance());
        if (r.format() == Format.HTML) {
            html(out, "Classes de conformité", h -> {
                h.raw("<ul>");
                for (String c : classes) {
                    h.element("li", c);
                }
                h.raw("</ul>");
            });
        } else {
            json(out, Links.JSON, Map.of("conformsTo", classes));
        }
    }

    public void api(ApiRequest r, OwsResponse out) throws IOException {
        r.onlyParameters(FORMAT_ONLY, Set.of());
        Map<String, Object> doc = openApi.of(features(r), new Links(r.baseUrl()), catalogs.get().service().title());
        if (r.format() == Format.HTML) {
            html(out, "Définition de l'API", h -> {
                h.raw("<p>").link(r.baseUrl() + "/api?f=json", "Définition OpenAPI 3.0 (JSON)").raw("</p><ul>");
                @SuppressWarnings("unchecked")
                Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
                for (String path : paths.keySet()) {
                    h.element("li", path);
                }
                h.raw("</ul>");
            });
        } else {
            json(out, Links.OPENAPI, doc);
        }
    }

    public void collections(ApiRequest r, OwsResponse out) throws IOException {
        r.onlyParameters(FORMAT_ONLY, Set.of());
        Format format = r.format();
        CallerFeatures features = features(r);
        Links links = new Links(r.baseUrl());
        List<Map<String, Object>> collections = new ArrayList<>();
        for (LayerInfo layer : features.layers()) {
            collections.add(CollectionDescription.of(layer, features, links, Format.JSON, more));
        }
        if (format == Format.HTML) {
            html(out, "Collections", h -> {
                h.raw("<ul>");
                for (LayerInfo layer : features.layers()) {
                    h.raw("<li>").link(links.url(Links.collectionPath(layer.qualifiedName())) + "?f=html",
                            layer.title()).raw(" (").text(layer.qualifiedName()).raw(")</li>\n");
                }
                h.raw("</ul>");
            });
        } else {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("links", links.selfAndAlternate("/collections", Links.JSON, format, "Collections"));
            doc.put("crs", List.of(OfferedCrs.CRS84));
            doc.put("collections", collections);
            json(out, Links.JSON, doc);
        }
    }

    public void collection(ApiRequest r, String id, OwsResponse out) throws IOException {
        r.onlyParameters(FORMAT_ONLY, Set.of());
        Format format = r.format();
        CallerFeatures features = features(r);
        LayerInfo layer = collection(features, id);
        Links links = new Links(r.baseUrl());
        Map<String, Object> doc = CollectionDescription.of(layer, features, links, format, more);
        if (format == Format.HTML) {
            String path = links.url(Links.collectionPath(layer.qualifiedName()));
            html(out, layer.title(), h -> {
                h.element("p", layer.abstractText()).raw("<ul><li>")
                        .link(path + "/items?f=html", "Parcourir les objets").raw("</li><li>")
                        .link(path + "/items?f=json", "Objets en GeoJSON").raw("</li><li>")
                        .link(path + "/queryables?f=html", "Propriétés interrogeables").raw("</li></ul>");
            });
        } else {
            json(out, Links.JSON, doc);
        }
    }

    public void queryables(ApiRequest r, String id, OwsResponse out) throws IOException {
        r.onlyParameters(FORMAT_ONLY, Set.of());
        Format format = r.format();
        CallerFeatures features = features(r);
        LayerInfo layer = collection(features, id);
        String url = r.baseUrl() + Links.collectionPath(layer.qualifiedName()) + "/queryables";
        Map<String, Object> schema = Queryables.of(layer, features.access(layer), url);
        if (format == Format.HTML) {
            html(out, "Propriétés interrogeables de " + layer.title(), h -> {
                h.raw("<ul>");
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) schema.get("properties");
                for (var p : properties.entrySet()) {
                    h.raw("<li>").text(p.getKey()).raw(" : ").text(String.valueOf(p.getValue().getOrDefault("type",
                            p.getValue().get("format")))).raw("</li>\n");
                }
                h.raw("</ul>");
            });
        } else {
            json(out, Links.SCHEMA, schema);
        }
    }

    /** A page of items, streamed from the repository into the answer. */
    public void items(ApiRequest r, String id, OwsResponse out) throws IOException {
        CallerFeatures features = features(r);
        LayerInfo layer = collection(features, id);
        ItemsQuery q = ItemsQuery.parse(r, layer, features.access(layer), settings);
        Format format = r.format();
        PagePlan plan = PagePlan.ofOne(features.countWithin(layer, q.query(), settings.countBudget()), q.offset(),
                q.limit(), () -> features.countUpTo(layer, q.query(), q.offset(), q.limit() + 1L));
        Links links = new Links(r.baseUrl());
        String itemsUrl = links.url(Links.collectionPath(layer.qualifiedName()) + "/items");
        ItemsWriter.Page page = new ItemsWriter.Page(plan.matched(), plan.returned(),
                pageLinks(r, links, layer, itemsUrl, q, plan, format));
        out.setHeader("Content-Crs", "<" + OfferedCrs.uri(q.crsSrid()) + ">");
        FeatureQuery pageQuery = q.query().withPage((int) plan.returned(), q.offset());
        if (format == Format.HTML) {
            out.setContentType(Html.CONTENT_TYPE);
            try (ItemsWriter w = ItemsWriter.html(layer, new Html(out.body(), layer.title()), page, itemsUrl)) {
                stream(features, layer, pageQuery, w);
            }
        } else {
            out.setContentType(Links.GEOJSON);
            try (ItemsWriter w = ItemsWriter.geoJson(layer, out.body(), page)) {
                stream(features, layer, pageQuery, w);
            }
        }
    }

    private static void stream(CallerFeatures features, LayerInfo layer, FeatureQuery page, ItemsWriter w) {
        if (page.limit() > 0) {
            features.stream(layer, page, w::accept);
        }
    }

    private static List<Map<String, Object>> pageLinks(ApiRequest r, Links links, LayerInfo layer, String itemsUrl,
                                                       ItemsQuery q, PagePlan plan, Format format) {
        List<Map<String, Object>> l = new ArrayList<>();
        for (Format f : List.of(format, format == Format.JSON ? Format.HTML : Format.JSON)) {
            l.add(Links.link(page(r, itemsUrl, f, q.offset(), q.limit()), f == format ? "self" : "alternate",
                    f == Format.JSON ? Links.GEOJSON : Links.HTML, null));
        }
        if (plan.more()) {
            l.add(Links.link(page(r, itemsUrl, format, q.offset() + plan.returned(), q.limit()), "next",
                    format == Format.JSON ? Links.GEOJSON : Links.HTML, "Page suivante"));
        }
        if (q.offset() > 0) {
            l.add(Links.link(page(r, itemsUrl, format, Math.max(0, q.offset() - q.limit()), q.limit()), "prev",
                    format == Format.JSON ? Links.GEOJSON : Links.HTML, "Page précédente"));
        }
        l.add(Links.link(links.url(Links.collectionPath(layer.qualifiedName())), "collection", Links.JSON,
                layer.title()));
        return l;
    }

    /** The items URL of the request with another page and format. */
    private static String page(ApiRequest r, String itemsUrl, Format format, long offset, int limit) {
        Map<String, List<String>> p = new LinkedHashMap<>(r.parameters());
        p.put("f", List.of(format.parameter()));
        p.put("offset", List.of(Long.toString(offset)));
        p.put("limit", List.of(Integer.toString(limit)));
        return Links.withQuery(itemsUrl, p);
    }

    /** One item by its id; an id that is not one of the layer's answers 404 like a missing one. */
    public void item(ApiRequest r, String id, String featureId, OwsResponse out) throws IOException {
        r.onlyParameters(Set.of("f", "crs"), Set.of());
        Format format = r.format();
        CallerFeatures features = features(r);
        LayerInfo layer = collection(features, id);
        int crs = OfferedCrs.srid(layer, r.single("crs"), "crs");
        FeatureQuery q = new FeatureQuery(null, crs, crs, null, List.of(), 1, 0)
                .withFilter(new Filter.ResourceId(List.of(layer.name() + "." + featureId)), "featureId");
        Feature[] found = new Feature[1];
        try {
            features.stream(layer, q, f -> found[0] = f);
        } catch (OwsException e) {
            if (!"featureId".equals(e.locator())) {
                throw e;
            }
        }
        if (found[0] == null) {
            throw new OwsException(OwsExceptionCode.NOT_FOUND, "featureId", "Collection " + layer.qualifiedName()
                    + " has no such feature");
        }
        Feature feature = found[0];
        Links links = new Links(r.baseUrl());
        String path = Links.collectionPath(layer.qualifiedName()) + "/items/" + Links.segment(featureId);
        out.setHeader("Content-Crs", "<" + OfferedCrs.uri(crs) + ">");
        if (format == Format.HTML) {
            html(out, layer.title() + " : " + featureId, h -> {
                h.raw("<table>");
                for (var a : feature.attributes().entrySet()) {
                    h.raw("<tr><th>").text(a.getKey()).raw("</th><td>").text(ValueFormat.text(a.getValue()))
                            .raw("</td></tr>\n");
                }
                h.raw("</table><p>").link(links.url(Links.collectionPath(layer.qualifiedName()) + "/items?f=html"),
                        "Tous les objets").raw("</p>");
            });
            return;
        }
        List<Map<String, Object>> l = new ArrayList<>(links.selfAndAlternate(path, Links.GEOJSON, format,
                featureId));
        l.add(Links.link(links.url(Links.collectionPath(layer.qualifiedName())), "collection", Links.JSON,
                layer.title()));
        out.setContentType(Links.GEOJSON);
        try (OutputStream body = out.body(); var json = JSON.getFactory().createGenerator(body)) {
            var writer = new GeoJsonFeatureWriter(json);
            writer.start(feature, ItemsWriter.featureId(layer, feature), true);
            json.writeFieldName("links");
            json.writeObject(l);
            json.writeEndObject();
        }
    }

    private CallerFeatures features(ApiRequest r) {
        return repository.forCaller(catalogs.get(), r.caller());
    }

    private static LayerInfo collection(CallerFeatures features, String id) {
        return features.layer(id).orElseThrow(() -> new OwsException(OwsExceptionCode.NOT_FOUND, "collectionId",
                "Collection " + id + " does not exist"));
    }

    private static void json(OwsResponse out, String contentType, Object doc) throws IOException {
        out.setContentType(contentType);
        try (OutputStream body = out.body()) {
            JSON.writeValue(body, doc);
        }
    }

    @FunctionalInterface
    private interface HtmlBody {
        void write(Html html) throws IOException;
    }

    private static void html(OwsResponse out, String title, HtmlBody body) throws IOException {
        out.setContentType(Html.CONTENT_TYPE);
        try (Html h = new Html(out.body(), title)) {
            body.write(h);
        }
    }
}
