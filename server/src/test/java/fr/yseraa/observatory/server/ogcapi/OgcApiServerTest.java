package fr.yseraa.observatory.server.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OGC API - Features at /ogcapi on the demo data, over real HTTP, as the public: every resource, every conformance
 * class declared, paging through a whole layer, filters and CRSs checked against the WFS (the same access policy and
 * filter model) and the database, and bad input answered 400 with the parameter named.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // closed after the class: the test cluster's connections are shared by every cached server context
class OgcApiServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ITEMS = "/ogcapi/collections/sinp:occurrences/items";
    static final String L93 = "http://www.opengis.net/def/crs/EPSG/0/2154";
    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "ogcapi", 3000);
        registry.add("obs.ogcapi.max-limit", () -> "400");
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pathAndQuery.startsWith("http") ? pathAndQuery
                : "http://localhost:" + port + pathAndQuery));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static final Pattern MATCHED = Pattern.compile("numberMatched=\"(\\d+)\"");

    /** What the WFS counts for the public with this CQL filter: the reference for the same filter here. */
    long wfsHits(String cql) throws Exception {
        return wfsHitsWith(cql == null ? "" : "&CQL_FILTER=" + enc(cql));
    }

    long wfsHitsWith(String parameters) throws Exception {
        HttpResponse<String> r = get("/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences"
                + "&resultType=hits" + parameters);
        Matcher m = MATCHED.matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    static Set<String> ids(JsonNode collection) {
        Set<String> ids = new HashSet<>();
        collection.get("features").forEach(f -> ids.add(f.get("id").asText()));
        return ids;
    }

    static String link(JsonNode doc, String rel) {
        for (JsonNode l : doc.get("links")) {
            if (l.get("rel").asText().equals(rel)) {
                return l.get("href").asText();
            }
        }
        return null;
    }

    @Test
    void landingPageConformanceAndAValidOpenApiDocument() throws Exception {
        JsonNode landing = json("/ogcapi");
        String base = "http://localhost:" + port + "/ogcapi";
        assertThat(link(landing, "service-desc")).isEqualTo(base + "/api");
        assertThat(link(landing, "conformance")).isEqualTo(base + "/conformance");
        assertThat(link(landing, "data")).isEqualTo(base + "/collections");
        assertThat(json("/ogcapi/").get("title").asText()).isEqualTo(landing.get("title").asText());

        List<String> classes = new ArrayList<>();
        json("/ogcapi/conformance").get("conformsTo").forEach(c -> classes.add(c.asText()));
        assertThat(classes).contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
                "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json");

        HttpResponse<String> api = get("/ogcapi/api");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/vnd.oai.openapi+json");
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(api.body());
        assertThat(parsed.getMessages()).as("OpenAPI validation").isEmpty();
        assertThat(parsed.getOpenAPI().getServers().get(0).getUrl()).isEqualTo(base);
        var items = parsed.getOpenAPI().getPaths().get("/collections/sinp:occurrences/items").getGet();
        assertThat(items.getParameters()).extracting(p -> p.getName())
                .contains("limit", "offset", "bbox", "bbox-crs", "datetime", "crs", "filter", "filter-lang",
                        "filter-crs", "cd_nom", "date_debut")
                .doesNotContain("observateur"); // hidden from the public, so not a queryable either
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/", "/conformance", "/api", "/collections",
                "/collections/obs:communes", "/collections/obs:communes/items/{featureId}",
                "/collections/sinp:occurrences/queryables");
    }

    @Test
    void collectionsListWhatThePublicMayReadWithExtentsAndCrs() throws Exception {
        JsonNode collections = json("/ogcapi/collections");
        List<String> ids = new ArrayList<>();
        collections.get("collections").forEach(c -> ids.add(c.get("id").asText()));
        List<String> layers = new ArrayList<>();
        JSON.readTree(get("/rest/layers").body()).forEach(l -> layers.add(l.get("name").asText()));
        assertThat(ids).containsExactlyElementsOf(layers).contains("sinp:occurrences", "obs:communes");

        JsonNode occurrences = json("/ogcapi/collections/sinp:occurrences");
        assertThat(occurrences.get("storageCrs").asText()).isEqualTo(L93);
        assertThat(occurrences.get("crs")).extracting(JsonNode::asText).contains(CRS84, L93);
        JsonNode box = occurrences.at("/extent/spatial/bbox/0");
        assertThat(box.get(0).asDouble()).isBetween(1.5, 3.0);
        assertThat(box.get(3).asDouble()).isBetween(50.0, 51.5);
        assertThat(link(occurrences, "items")).endsWith("/ogcapi/collections/sinp:occurrences/items?f=json");

        JsonNode queryables = json("/ogcapi/collections/sinp:occurrences/queryables");
        assertThat(queryables.get("$schema").asText()).contains("json-schema.org");
        assertThat(queryables.at("/properties/cd_nom/type").asText()).isEqualTo("integer");
        assertThat(queryables.at("/properties/date_debut/format").asText()).isEqualTo("date");
        assertThat(queryables.get("properties").has("observateur")).isFalse();

        HttpResponse<String> unknown = get("/ogcapi/collections/obs:nothing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("locator").asText()).isEqualTo("collectionId");
    }

    @Test
    void pagingThroughAWholeLayerFollowsNextLinksAndMatchesTheWfs() throws Exception {
        long expected = wfsHits(null);
        assertThat(expected).isGreaterThan(2000);
        Set<String> seen = new HashSet<>();
        String url = ITEMS + "?limit=1000"; // more than the maximum: pages of 400
        int pages = 0;
        JsonNode page = null;
        while (url != null) {
            page = json(url);
            assertThat(page.get("numberReturned").asInt()).isEqualTo(page.get("features").size())
                    .isLessThanOrEqualTo(400);
            if (pages == 0) {
                assertThat(page.get("numberMatched").asLong()).isEqualTo(expected);
                assertThat(link(page, "prev")).isNull();
            } else {
                assertThat(link(page, "prev")).contains("offset=" + (400L * (pages - 1)));
            }
            for (JsonNode f : page.get("features")) {
                assertThat(seen.add(f.get("id").asText())).as("each feature once").isTrue();
            }
            pages++;
            url = link(page, "next");
        }
        assertThat(seen).hasSize((int) expected);
        assertThat(pages).isEqualTo((int) ((expected + 399) / 400));
        assertThat(link(page, "self")).contains("limit=400");

        HttpResponse<String> html = get(ITEMS + "?limit=5", "Accept", "text/html,application/xhtml+xml");
        assertThat(html.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(html.body()).contains("<html lang=\"fr\">", "Occurrences de taxons", "Page suivante",
                "5 sur cette page");
        HttpResponse<String> one = get(ITEMS + "/" + seen.iterator().next() + "?f=html");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("Tous les objets", "cd_nom");
    }

    @Test
    void itemsInLambert93AndBboxInEitherCrs() throws Exception {
        String uuid = new JdbcTemplate(dataSource).queryForObject("SELECT id_sinp_occtax::text FROM"
                + " sinp.occurrence WHERE diffusion_level = 0 AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 1",
                String.class);
        Map<String, Object> exact = new JdbcTemplate(dataSource).queryForMap("SELECT ST_X(geom) x, ST_Y(geom) y,"
                + " ST_X(ST_Transform(geom, 4326)) lon, ST_Y(ST_Transform(geom, 4326)) lat FROM sinp.occurrence"
                + " WHERE id_sinp_occtax = ?::uuid", uuid);
        HttpResponse<String> l93 = get(ITEMS + "/" + uuid + "?crs=" + enc(L93));
        assertThat(l93.statusCode()).isEqualTo(200);
        assertThat(l93.headers().firstValue("Content-Crs")).contains("<" + L93 + ">");
        JsonNode xy = JSON.readTree(l93.body()).at("/geometry/coordinates");
        assertThat(xy.get(0).asDouble()).isCloseTo((Double) exact.get("x"), org.assertj.core.data.Offset.offset(0.01));
        assertThat(xy.get(1).asDouble()).isCloseTo((Double) exact.get("y"), org.assertj.core.data.Offset.offset(0.01));
        HttpResponse<String> crs84 = get(ITEMS + "/" + uuid);
        assertThat(crs84.headers().firstValue("Content-Crs")).contains("<" + CRS84 + ">");
        JsonNode lonLat = JSON.readTree(crs84.body()).at("/geometry/coordinates");
        assertThat(lonLat.get(0).asDouble()).isCloseTo((Double) exact.get("lon"), org.assertj.core.data.Offset.offset(1e-7));
        assertThat(lonLat.get(1).asDouble()).isCloseTo((Double) exact.get("lat"), org.assertj.core.data.Offset.offset(1e-7));

        // the same box in Lambert-93 and in CRS84 (its corners transformed by PostGIS): the same occurrences
        Map<String, Object> box = new JdbcTemplate(dataSource).queryForMap("SELECT ST_XMin(b) x1, ST_YMin(b) y1,"
                + " ST_XMax(b) x2, ST_YMax(b) y2 FROM (SELECT ST_Transform(ST_MakeEnvelope(2.2, 50.7, 2.3, 50.8, 4326),"
                + " 2154) b) s");
        String l93Box = box.get("x1") + "," + box.get("y1") + "," + box.get("x2") + "," + box.get("y2");
        JsonNode inL93 = json(ITEMS + "?limit=400&bbox-crs=" + enc(L93) + "&bbox=" + l93Box);
        JsonNode inCrs84 = json(ITEMS + "?limit=400&bbox=2.2,50.7,2.3,50.8");
        long hits = wfsHitsWith("&BBOX=2.2,50.7,2.3,50.8," + enc("urn:ogc:def:crs:OGC:1.3:CRS84"));
        assertThat(hits).isPositive();
        assertThat(inCrs84.get("numberMatched").asLong()).isEqualTo(hits);
        // the transformed box's edges bow: it covers the CRS84 box and a little more
        assertThat(ids(inL93)).containsAll(ids(inCrs84));
        assertThat(inL93.get("numberMatched").asLong()).isLessThan(hits + hits / 5 + 5);
    }

    @Test
    void datetimeAndPropertyFiltersMatchTheWfs() throws Exception {
        JsonNode first = json(ITEMS + "?limit=1");
        JsonNode props = first.at("/features/0/properties");
        long cdNom = props.get("cd_nom").asLong();
        JsonNode byTaxon = json(ITEMS + "?limit=400&cd_nom=" + cdNom);
        assertThat(byTaxon.get("numberMatched").asLong()).isEqualTo(wfsHits("cd_nom = " + cdNom)).isPositive();
        byTaxon.get("features").forEach(f -> assertThat(f.at("/properties/cd_nom").asLong()).isEqualTo(cdNom));

        JsonNode period = json(ITEMS + "?limit=400&datetime=2010-01-01/2012-12-31");
        assertThat(period.get("numberMatched").asLong())
                .isEqualTo(wfsHits("date_debut >= '2010-01-01' AND date_debut <= '2012-12-31'")).isPositive();
        JsonNode openStart = json(ITEMS + "?limit=1&datetime=../2012-12-31");
        assertThat(openStart.get("numberMatched").asLong()).isEqualTo(wfsHits("date_debut <= '2012-12-31'"));
        JsonNode day = json(ITEMS + "?limit=400&datetime=" + props.get("date_debut").asText());
        assertThat(ids(day)).contains(first.at("/features/0/id").asText());
        JsonNode both = json(ITEMS + "?limit=400&datetime=2010-01-01/..&cd_nom=" + cdNom);
        assertThat(both.get("numberMatched").asLong())
                .isEqualTo(wfsHits("cd_nom = " + cdNom + " AND date_debut >= '2010-01-01'"));
    }

    @Test
    void cql2TextAndJsonFiltersGiveWhatTheWfsGives() throws Exception {
        Map<String, String[]> same = Map.of(
                // basic CQL2 and advanced comparison operators
                "cd_nom = 60612 OR (date_debut > DATE('2015-01-01') AND NOT group2_inpn = 'Oiseaux')",
                new String[] {"{\"op\":\"or\",\"args\":[{\"op\":\"=\",\"args\":[{\"property\":\"cd_nom\"},60612]},"
                        + "{\"op\":\"and\",\"args\":[{\"op\":\">\",\"args\":[{\"property\":\"date_debut\"},"
                        + "{\"date\":\"2015-01-01\"}]},{\"op\":\"not\",\"args\":[{\"op\":\"=\",\"args\":["
                        + "{\"property\":\"group2_inpn\"},\"Oiseaux\"]}]}]}]}",
                        "cd_nom = 60612 OR (date_debut > '2015-01-01' AND NOT group2_inpn = 'Oiseaux')"},
                "nom_scientifique LIKE 'S%' AND denombrement_min BETWEEN 2 AND 10 AND group2_inpn IN ('Insectes',"
                        + " 'Oiseaux')",
                new String[] {"{\"op\":\"and\",\"args\":[{\"op\":\"like\",\"args\":[{\"property\":"
                        + "\"nom_scientifique\"},\"S%\"]},{\"op\":\"between\",\"args\":[{\"property\":"
                        + "\"denombrement_min\"},2,10]},{\"op\":\"in\",\"args\":[{\"property\":\"group2_inpn\"},"
                        + "[\"Insectes\",\"Oiseaux\"]]}]}",
                        "nom_scientifique LIKE 'S%' AND denombrement_min BETWEEN 2 AND 10 AND group2_inpn IN"
                                + " ('Insectes', 'Oiseaux')"},
                // basic spatial functions (a point and a box) and spatial functions, in CRS84
                "S_INTERSECTS(geometry, BBOX(2.2, 50.7, 2.3, 50.8))",
                new String[] {"{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},{\"bbox\":[2.2,50.7,"
                        + "2.3,50.8]}]}", "BBOX(geom, 2.2, 50.7, 2.3, 50.8, 'CRS:84')"},
                "S_WITHIN(geometry, POLYGON((2.2 50.7, 2.4 50.7, 2.4 50.9, 2.2 50.9, 2.2 50.7)))",
                new String[] {"{\"op\":\"s_within\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Polygon\","
                        + "\"coordinates\":[[[2.2,50.7],[2.4,50.7],[2.4,50.9],[2.2,50.9],[2.2,50.7]]]}]}",
                        null},
                // arithmetic
                "denombrement_max - denombrement_min > 3",
                new String[] {"{\"op\":\">\",\"args\":[{\"op\":\"-\",\"args\":[{\"property\":\"denombrement_max\"},"
                        + "{\"property\":\"denombrement_min\"}]},3]}", "denombrement_max - denombrement_min > 3"});
        for (Map.Entry<String, String[]> e : same.entrySet()) {
            long expected = e.getValue()[1] != null ? wfsHits(e.getValue()[1]) : wfsHitsWith("&FILTER=" + enc(
                    "<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\" xmlns:gml=\"http://www.opengis.net/gml/3.2\">"
                    + "<fes:Within><fes:ValueReference>geom</fes:ValueReference><gml:Polygon gml:id=\"p\" srsName=\""
                    + "urn:ogc:def:crs:OGC:1.3:CRS84\"><gml:exterior><gml:LinearRing><gml:posList>2.2 50.7 2.4 50.7"
                    + " 2.4 50.9 2.2 50.9 2.2 50.7</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>"
                    + "</fes:Within></fes:Filter>"));
            JsonNode text = json(ITEMS + "?limit=400&filter=" + enc(e.getKey()));
            JsonNode json = json(ITEMS + "?limit=400&filter-lang=cql2-json&filter=" + enc(e.getValue()[0]));
            assertThat(text.get("numberMatched").asLong()).as(e.getKey()).isEqualTo(expected);
            assertThat(ids(json)).as(e.getValue()[0]).isEqualTo(ids(text));
        }
        assertThat(wfsHits("denombrement_max - denombrement_min > 3")).isPositive();
        // a point in Lambert-93 with filter-crs
        JsonNode l93 = json(ITEMS + "?limit=400&filter-crs=" + enc(L93) + "&filter="
                + enc("S_INTERSECTS(geometry, POINT(640000 7070000))"));
        assertThat(l93.get("numberMatched").asLong())
                .isEqualTo(wfsHits("INTERSECTS(geom, POINT(640000 7070000))")).isPositive();
    }

    /** The ids of a GeoJSON page, in their order (the WFS's carry the layer's name as prefix). */
    static List<String> orderedIds(JsonNode collection) {
        List<String> ids = new ArrayList<>();
        collection.get("features").forEach(f -> ids.add(f.get("id").asText().replaceFirst("^occurrences\\.", "")));
        return ids;
    }

    @Test
    void sortbyAndPropertiesGoThroughTheWfsSortingAndPropertySelection() throws Exception {
        // the same sort keys as the WFS's SORTBY: the same features in the same order
        JsonNode sorted = json(ITEMS + "?limit=60&sortby=" + enc("-date_debut,+cd_nom"));
        HttpResponse<String> wfs = get("/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences"
                + "&outputFormat=application/json&count=60&SORTBY=" + enc("date_debut DESC,cd_nom ASC"));
        assertThat(wfs.statusCode()).as(wfs.body()).isEqualTo(200);
        assertThat(orderedIds(sorted)).hasSize(60).isEqualTo(orderedIds(JSON.readTree(wfs.body())));
        List<String> dates = new ArrayList<>();
        sorted.get("features").forEach(f -> dates.add(f.get("properties").get("date_debut").asText()));
        assertThat(dates).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // unencoded, '+' arrives as a space: still ascending; the next page goes on in the same order
        JsonNode ascending = json(ITEMS + "?limit=30&sortby=+date_debut");
        JsonNode next = json(ascending.get("links").findParents("rel").stream()
                .filter(l -> l.get("rel").asText().equals("next")).findFirst().orElseThrow().get("href").asText());
        List<String> both = new ArrayList<>();
        for (JsonNode page : List.of(ascending, next)) {
            page.get("features").forEach(f -> both.add(f.get("properties").get("date_debut").asText()));
        }
        assertThat(both).hasSize(60).isSorted();
        assertThat(new JdbcTemplate(dataSource).queryForList("SELECT date_debut::text FROM sinp.occurrence_layer"
                + " WHERE diffusion_level < 4 ORDER BY date_debut LIMIT 60", String.class))
                .isEqualTo(both);

        // the properties asked, and only them (the geometry always comes), as the WFS's PROPERTYNAME selects
        JsonNode some = json(ITEMS + "?limit=5&properties=" + enc("date_debut,cd_nom"));
        some.get("features").forEach(f -> {
            List<String> names = new ArrayList<>();
            f.get("properties").fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly("date_debut", "cd_nom");
            assertThat(f.get("geometry").isObject()).isTrue();
        });
        JsonNode none = json(ITEMS + "?limit=5&properties=");
        assertThat(none.get("features").get(0).get("properties").size()).isZero();
        assertThat(json(ITEMS + "?limit=5&f=json&properties=cd_nom&sortby=-cd_nom").get("numberReturned").asInt())
                .isEqualTo(5);
        HttpResponse<String> html = get(ITEMS + "?limit=5&f=html&properties=cd_nom");
        assertThat(html.body()).contains("<th>cd_nom</th>").doesNotContain("<th>date_debut</th>");

        // mistakes: 400 naming the parameter; a property the public may not see answers like a missing one
        for (String parameter : List.of("sortby", "properties")) {
            HttpResponse<String> hidden = get(ITEMS + "?" + parameter + "=observateur");
            HttpResponse<String> unknown = get(ITEMS + "?" + parameter + "=no_such_property");
            for (HttpResponse<String> r : List.of(hidden, unknown)) {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
                assertThat(JSON.readTree(r.body()).get("locator").asText()).isEqualTo(parameter);
            }
            assertThat(JSON.readTree(hidden.body()).get("description").asText().replace("observateur", "P"))
                    .isEqualTo(JSON.readTree(unknown.body()).get("description").asText().replace("no_such_property", "P"));
            assertThat(get(ITEMS + "?" + parameter + "=cd_nom,,date_debut").statusCode()).isEqualTo(400);
        }
        assertThat(get(ITEMS + "?sortby=-observateur").statusCode()).isEqualTo(400);
        assertThat(get(ITEMS + "?sortby=cd_nom&sortby=date_debut").statusCode()).isEqualTo(400);
    }

    @Test
    void badInputAnswers400NamingTheParameterNever500() throws Exception {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(ITEMS + "?limit=abc", "limit");
        cases.put(ITEMS + "?limit=0", "limit");
        cases.put(ITEMS + "?offset=-1", "offset");
        cases.put(ITEMS + "?bbox=1,2,3", "bbox");
        cases.put(ITEMS + "?bbox=a,b,c,d", "bbox");
        cases.put(ITEMS + "?bbox=3,50,2,51", "bbox");
        cases.put(ITEMS + "?bbox=2,50,3,51&bbox-crs=EPSG:9999", "bbox-crs");
        cases.put(ITEMS + "?bbox-crs=" + enc(L93), "bbox-crs");
        cases.put(ITEMS + "?crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/4326"), "crs");
        cases.put(ITEMS + "?crs=nonsense", "crs");
        cases.put(ITEMS + "?datetime=yesterday", "datetime");
        cases.put(ITEMS + "?datetime=2020-01-01/2019-01-01", "datetime");
        cases.put(ITEMS + "?filter=" + enc("cd_nom = "), "filter");
        cases.put(ITEMS + "?filter=" + enc("observateur = 'x'"), "filter");
        cases.put(ITEMS + "?filter=" + enc("nothing_here > 3"), "filter");
        cases.put(ITEMS + "?filter-lang=cql2-json&filter=" + enc("{\"op\":\"=\",\"args\":[1]}"), "filter");
        cases.put(ITEMS + "?filter-lang=cql2-json&filter=" + enc("{not json"), "filter");
        cases.put(ITEMS + "?filter-lang=cql2-json&filter=" + enc("{\"op\":\"s_intersects\",\"args\":[{\"property\":"
                + "\"geometry\"},{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}]}"), "filter");
        cases.put(ITEMS + "?filter-lang=ecql&filter=" + enc("cd_nom = 1"), "filter-lang");
        cases.put(ITEMS + "?filter-lang=cql2-text", "filter-lang");
        cases.put(ITEMS + "?cd_nom=abc", "cd_nom");
        cases.put(ITEMS + "?observateur=x", "observateur");
        cases.put(ITEMS + "?typeNames=x", "typeNames");
        cases.put(ITEMS + "?limit=5&limit=6", "limit");
        cases.put(ITEMS + "?f=xml", "f");
        cases.put("/ogcapi/collections?foo=1", "foo");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = get(c.getKey());
            assertThat(r.statusCode()).as(c.getKey() + ": " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
            JsonNode problem = JSON.readTree(r.body());
            assertThat(problem.get("locator").asText()).as(c.getKey() + ": " + r.body()).isEqualTo(c.getValue());
            assertThat(problem.get("description").asText()).doesNotContain("Exception", "SQL", "org.");
        }
        HttpResponse<String> unknownProperty = get(ITEMS + "?filter=" + enc("nothing_here > 3"));
        assertThat(unknownProperty.body()).contains("nothing_here");
        for (String missing : List.of(ITEMS + "/00000000-0000-0000-0000-000000000000", ITEMS + "/not-a-uuid",
                "/ogcapi/collections/obs:nothing/items")) {
            HttpResponse<String> r = get(missing);
            assertThat(r.statusCode()).as(missing + ": " + r.body()).isEqualTo(404);
            assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("NotFound");
        }
    }

    @Test
    void everyResourceHasAFrenchHtmlPage() throws Exception {
        for (String path : List.of("/ogcapi", "/ogcapi/conformance", "/ogcapi/api", "/ogcapi/collections",
                "/ogcapi/collections/obs:communes", "/ogcapi/collections/obs:communes/queryables",
                "/ogcapi/collections/obs:communes/items")) {
            HttpResponse<String> r = get(path + "?f=html");
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
            assertThat(r.body()).as(path).startsWith("<!DOCTYPE html>").contains("<html lang=\"fr\">")
                    .endsWith("</body></html>\n");
        }
        assertThat(get("/ogcapi/collections?f=html").body()).contains("Communes", "Occurrences de taxons");
        assertThat(get("/ogcapi/collections/obs:communes/items?f=html&limit=3").body()).contains("3 sur cette page");
    }

    @Test
    void tilesDocumentsLeadToTheVectorTilesAndTheWmtsMapTiles() throws Exception {
        assertThat(link(json("/ogcapi"), "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes"))
                .endsWith("/ogcapi/tileMatrixSets");
        List<String> sets = new ArrayList<>();
        json("/ogcapi/tileMatrixSets").get("tileMatrixSets").forEach(t -> sets.add(t.get("id").asText()));
        assertThat(sets).containsExactlyInAnyOrder("WebMercatorQuad", "WorldCRS84Quad", "Lambert93Quad");
        JsonNode lambert = json("/ogcapi/tileMatrixSets/Lambert93Quad");
        assertThat(lambert.get("crs").asText()).isEqualTo(L93);
        assertThat(lambert.get("tileMatrices")).hasSize(16);
        assertThat(lambert.at("/tileMatrices/0/matrixWidth").asInt()).isEqualTo(2);
        assertThat(lambert.at("/tileMatrices/0/pointOfOrigin/1").asDouble()).isEqualTo(7340032.0);
        assertThat(json("/ogcapi/tileMatrixSets/WebMercatorQuad").get("uri").asText())
                .isEqualTo("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
        HttpResponse<String> unknown = get("/ogcapi/tileMatrixSets/Nowhere");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("locator").asText()).isEqualTo("tileMatrixSetId");

        String collection = "/ogcapi/collections/sinp:occurrences";
        assertThat(link(json(collection), "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"))
                .endsWith(collection + "/tiles");
        JsonNode vector = json(collection + "/tiles").at("/tilesets/0");
        assertThat(vector.get("dataType").asText()).isEqualTo("vector");
        assertThat(json(collection + "/tiles/WebMercatorQuad").get("dataType").asText()).isEqualTo("vector");
        // Saint-Omer at level 10 of WebMercatorQuad: column 518, row 343
        HttpResponse<byte[]> mvt = http.send(HttpRequest.newBuilder(URI.create(tile(vector, "10", "343", "518")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(mvt.statusCode()).isEqualTo(200);
        assertThat(mvt.headers().firstValue("Content-Type")).contains("application/vnd.mapbox-vector-tile");
        assertThat(mvt.body()).isNotEmpty();

        JsonNode maps = json("/ogcapi/collections/obs:communes/map/tiles").get("tilesets");
        assertThat(maps).hasSize(3);
        for (JsonNode map : maps) {
            if (map.get("crs").asText().equals(L93)) {
                // Saint-Omer at level 5 of Lambert93Quad: row 8, column 19 (tiles of 32 768 m from (0, 7 340 032))
                HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(URI.create(tile(map, "5", "8", "19")))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(png.statusCode()).isEqualTo(200);
                assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
                javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
            }
        }
        assertThat(get("/ogcapi/collections/obs:nothing/tiles").statusCode()).isEqualTo(404);
    }

    /**
     * Every OGC API - Tiles conformance class declared, walked as the official suite walks it: each collection's
     * tilesets lists (geodata-tilesets) hold tilesets whose self link answers the same tileset (tilesets-list,
     * tileset) with its tiling scheme (a TMS 2.0 JSON document: tilematrixset, json-tilematrixset) and its templated
     * tiles (core): a tile in the data answers 200 in its format (mvt: a vector tile PNG can not be, png: an image),
     * a tile outside the tile matrix 400 or 404.
     */
    @Test
    void everyTilesConformanceClassDeclaredHolds() throws Exception {
        List<String> classes = new ArrayList<>();
        json("/ogcapi/conformance").get("conformsTo").forEach(c -> classes.add(c.asText()));
        List<String> tiles = classes.stream().filter(c -> c.contains("/ogcapi-tiles-1/") || c.contains("/tms/")).toList();
        assertThat(tiles).containsExactlyInAnyOrder(
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/png",
                "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
                "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset");
        // a tile over Saint-Omer in each set: level, row, column
        Map<String, String[]> saintOmer = Map.of("WebMercatorQuad", new String[] {"10", "343", "518"},
                "Lambert93Quad", new String[] {"5", "8", "19"}, "WorldCRS84Quad", new String[] {"8", "55", "259"});
        int tilesets = 0;
        for (String layer : List.of("obs:communes", "sinp:occurrences")) {
            JsonNode collection = json("/ogcapi/collections/" + layer);
            for (String rel : List.of("tilesets-vector", "tilesets-map")) {
                String list = link(collection, "http://www.opengis.net/def/rel/ogc/1.0/" + rel);
                assertThat(list).as(layer + " " + rel).isNotNull();
                for (JsonNode tileset : json(list).get("tilesets")) {
                    tilesets++;
                    String self = link(tileset, "self");
                    assertThat(self).as("self link of " + tileset).isNotNull();
                    JsonNode own = json(self);
                    assertThat(own).isEqualTo(tileset);
                    assertThat(own.get("dataType").asText()).isEqualTo(rel.equals("tilesets-map") ? "map" : "vector");
                    JsonNode scheme = json(link(own, "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"));
                    assertThat(scheme.get("crs").asText()).isEqualTo(own.get("crs").asText());
                    assertThat(scheme.get("tileMatrices").size()).isPositive();
                    assertThat(scheme.at("/tileMatrices/0/pointOfOrigin").size()).isEqualTo(2);
                    String[] t = saintOmer.get(scheme.get("id").asText());
                    HttpResponse<byte[]> tile = http.send(HttpRequest.newBuilder(URI.create(tile(own, t[0], t[1], t[2])))
                            .build(), HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(tile.statusCode()).as(layer + " " + scheme.get("id")).isEqualTo(200);
                    if (rel.equals("tilesets-map")) {
                        assertThat(tile.headers().firstValue("Content-Type")).contains("image/png");
                        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(tile.body()))).isNotNull();
                    } else {
                        assertThat(tile.headers().firstValue("Content-Type"))
                                .contains("application/vnd.mapbox-vector-tile");
                        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(tile.body()))).isNull();
                        assertThat(tile.body()).isNotEmpty();
                    }
                    int last = scheme.get("tileMatrices").get(Integer.parseInt(t[0])).get("matrixHeight").asInt();
                    HttpResponse<byte[]> outside = http.send(HttpRequest.newBuilder(URI.create(tile(own, t[0],
                            Integer.toString(last), t[2]))).build(), HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(outside.statusCode()).as("a row past the matrix").isIn(400, 404);
                }
            }
        }
        assertThat(tilesets).isEqualTo(2 * (1 + 3));
        assertThat(get("/ogcapi/collections/obs:communes/map/tiles/Nowhere").statusCode()).isEqualTo(404);
    }

    /** The URL of a tile from a tileset's templated item link. */
    private static String tile(JsonNode tileset, String matrix, String row, String col) {
        for (JsonNode l : tileset.get("links")) {
            if (l.get("rel").asText().equals("item")) {
                assertThat(l.get("templated").asBoolean()).isTrue();
                return l.get("href").asText().replace("{tileMatrix}", matrix).replace("{tileRow}", row)
                        .replace("{tileCol}", col);
            }
        }
        throw new AssertionError("no item link in " + tileset);
    }
}
