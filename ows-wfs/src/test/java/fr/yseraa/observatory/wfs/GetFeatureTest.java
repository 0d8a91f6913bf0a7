package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
import static fr.yseraa.observatory.wfs.XmlAssertions.assertValid;
import static fr.yseraa.observatory.wfs.XmlAssertions.assertValidWithFeatureSchemas;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class GetFeatureTest {

    static final String GML32 = "http://www.opengis.net/gml/3.2";
    static final String WFS2 = "http://www.opengis.net/wfs/2.0";
    static WfsHarness wfs;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void setUp() throws Exception {
        wfs = WfsFixture.get();
    }

    static WfsHarness.Answer get(String... pairs) {
        List<String> all = new ArrayList<>(List.of("service", "WFS", "version", "2.0.0", "request", "GetFeature"));
        all.addAll(List.of(pairs));
        return wfs.kvp(PUBLIC, all.toArray(new String[0]));
    }

    static JsonNode json(WfsHarness.Answer a) throws Exception {
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/json");
        return JSON.readTree(a.body());
    }

    static List<String> gmlIds(Document doc, String localName) {
        List<String> ids = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            ids.add(((Element) nodes.item(i)).getAttributeNS(GML32, "id"));
        }
        return ids;
    }

    @Test
    void gml32IsTheDefaultAndValidatesAgainstWfsGmlAndTheGeneratedSchema() throws Exception {
        WfsHarness.Answer a = get("typeNames", "base:zones", "count", "5");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.contentType()).isEqualTo("application/gml+xml; version=3.2");
        assertValidWithFeatureSchemas(wfs, a);
        Document doc = XmlAssertions.parse(a.body());
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("numberMatched")).isEqualTo("96");
        assertThat(root.getAttribute("numberReturned")).isEqualTo("5");
        assertThat(root.getAttribute("next")).contains("STARTINDEX=5").contains("COUNT=5");
        assertThat(gmlIds(doc, "zones")).hasSize(5).allMatch(id -> id.matches("zones\\.\\d{5}"));
        assertThat(doc.getElementsByTagNameNS(GML32, "MultiSurface").getLength()).isEqualTo(5);
    }

    @Test
    void everyLayerAnswersValidGml32() throws Exception {
        for (String layer : List.of("base:zones", "base:regions", "base:streams", "survey:sightings")) {
            WfsHarness.Answer a = get("typeNames", layer, "count", "20");
            assertThat(a.status()).as(layer + ": " + a.text()).isEqualTo(200);
            assertValidWithFeatureSchemas(wfs, a);
        }
    }

    @Test
    void severalTypeNamesAnswerOneCollection() throws Exception {
        WfsHarness.Answer a = get("typeNames", "base:regions,base:zones", "count", "1000");
        assertValidWithFeatureSchemas(wfs, a);
        Document doc = XmlAssertions.parse(a.body());
        long zones = wfs.queryLong("SELECT count(*) FROM fixture.zone");
        assertThat(doc.getDocumentElement().getAttribute("numberMatched")).isEqualTo(Long.toString(2 + zones));
        assertThat(gmlIds(doc, "regions")).hasSize(2);
        assertThat(gmlIds(doc, "zones")).hasSize((int) zones);
    }

    @Test
    void gml311For110ValidatesAgainstItsSchemas() throws Exception {
        WfsHarness.Answer a = wfs.kvp(PUBLIC, "service", "WFS", "version", "1.1.0", "request", "GetFeature",
                "typeName", "base:zones", "maxFeatures", "3");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.contentType()).isEqualTo("text/xml; subtype=gml/3.1.1");
        assertValidWithFeatureSchemas(wfs, a);
        assertThat(XmlAssertions.parse(a.body()).getDocumentElement().getAttribute("numberOfFeatures")).isEqualTo("3");
    }

    @Test
    void pagingCoversEveryFeatureExactlyOnce() throws Exception {
        long total = wfs.queryLong(WfsFixture.PUBLIC_SIGHTINGS);
        int pageSize = 7000;
        Set<String> seen = new HashSet<>();
        int pages = 0;
        String next = null;
        do {
            WfsHarness.Answer a = next == null
                    ? wfs.kvpUnbounded(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                            "typeNames", "survey:sightings", "outputFormat", "application/json",
                            "propertyName", "species", "count", Integer.toString(pageSize))
                    : wfs.kvpUnbounded(PUBLIC, queryPairs(next));
            JsonNode page = json(a);
            assertThat(page.path("numberMatched").asLong()).isEqualTo(total);
            page.path("features").forEach(f -> assertThat(seen.add(f.path("id").asText())).as("duplicate").isTrue());
            pages++;
            next = null;
            for (JsonNode link : page.path("links")) {
                if (link.path("rel").asText().equals("next")) {
                    next = link.path("href").asText();
                }
            }
        } while (next != null);
        assertThat(seen).hasSize((int) total);
        assertThat(pages).isEqualTo((int) ((total + pageSize - 1) / pageSize));
    }

    /** The parameters of a link the service wrote, as key, value pairs. */
    static String[] queryPairs(String url) {
        assertThat(url).startsWith(WfsHarness.URL + "?");
        List<String> pairs = new ArrayList<>();
        for (String p : java.net.URI.create(url).getRawQuery().split("&")) {
            String[] kv = p.split("=", 2);
            pairs.add(java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8));
            pairs.add(java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return pairs.toArray(new String[0]);
    }

    @Test
    void previousLinkGoesBackOnePage() throws Exception {
        Element root = XmlAssertions.parse(get("typeNames", "base:zones", "count", "10", "startIndex", "15").body())
                .getDocumentElement();
        assertThat(root.getAttribute("previous")).contains("STARTINDEX=5").contains("COUNT=10");
        assertThat(root.getAttribute("next")).contains("STARTINDEX=25");
        Element last = XmlAssertions.parse(get("typeNames", "base:zones", "count", "10", "startIndex", "90").body())
                .getDocumentElement();
        assertThat(last.getAttribute("numberReturned")).isEqualTo("6");
        assertThat(last.hasAttribute("next")).isFalse();
    }

    @Test
    void countIsCappedByTheServerMaximum() throws Exception {
        JsonNode page = json(get("typeNames", "survey:sightings", "outputFormat", "json", "count", "5000"));
        assertThat(page.path("numberReturned").asInt()).isEqualTo(WfsHarness.MAX_FEATURES);
        assertThat(page.path("features").size()).isEqualTo(WfsHarness.MAX_FEATURES);
    }

    @Test
    void hitsCountWhatTheCallerMaySee() throws Exception {
        WfsHarness.Answer a = get("typeNames", "survey:sightings", "resultType", "hits");
        assertValid("http://schemas.opengis.net/wfs/2.0/wfs.xsd", a);
        Element root = XmlAssertions.parse(a.body()).getDocumentElement();
        long visible = wfs.queryLong(WfsFixture.PUBLIC_SIGHTINGS);
        long hidden = wfs.queryLong("SELECT count(*) FROM fixture.sighting WHERE level = 4");
        assertThat(hidden).isPositive();
        assertThat(root.getAttribute("numberMatched")).isEqualTo(Long.toString(visible));
        assertThat(root.getAttribute("numberReturned")).isEqualTo("0");
        assertThat(root.getAttribute("next")).contains("RESULTTYPE=results", "STARTINDEX=0",
                "COUNT=" + WfsHarness.MAX_FEATURES);
        WfsHarness.Answer instructor = wfs.kvp(WfsHarness.INSTRUCTOR, "service", "WFS", "version", "2.0.0",
                "request", "GetFeature", "typeNames", "survey:sightings", "resultType", "hits");
        assertThat(XmlAssertions.parse(instructor.body()).getDocumentElement().getAttribute("numberMatched"))
                .isEqualTo(Long.toString(WfsFixture.SIGHTINGS));
    }

    @Test
    void hitsInWfs11CountTheMatchedFeatures() throws Exception {
        WfsHarness.Answer a = wfs.kvp(WfsHarness.PUBLIC, "service", "WFS", "version", "1.1.0", "request", "GetFeature",
                "typeName", "survey:sightings", "resultType", "hits");
        assertValid("http://schemas.opengis.net/wfs/1.1.0/wfs.xsd", a);
        Element root = XmlAssertions.parse(a.body()).getDocumentElement();
        long visible = wfs.queryLong(WfsFixture.PUBLIC_SIGHTINGS);
        assertThat(root.getAttribute("numberOfFeatures")).isEqualTo(Long.toString(visible));
        assertThat(root.getElementsByTagNameNS("*", "featureMember").getLength()).isZero();
    }

    @Test
    void sortByOrdersOnSeveralKeys() throws Exception {
        JsonNode page = json(get("typeNames", "base:zones", "outputFormat", "application/json",
                "sortBy", "region_code DESC,name ASC", "count", "200"));
        List<String> keys = new ArrayList<>();
        page.path("features").forEach(f -> keys.add(f.path("properties").path("region_code").asText()
                + "|" + f.path("properties").path("name").asText()));
        assertThat(keys).hasSize(96);
        List<String> expected = new ArrayList<>(keys);
        expected.sort((x, y) -> {
            int d = y.substring(0, y.indexOf('|')).compareTo(x.substring(0, x.indexOf('|')));
            return d != 0 ? d : x.substring(x.indexOf('|')).compareTo(y.substring(y.indexOf('|')));
        });
        assertThat(keys.get(0)).startsWith("S");
        assertThat(keys.get(keys.size() - 1)).startsWith("N");
        List<String> namesS = keys.stream().filter(k -> k.startsWith("S")).toList();
        assertThat(namesS).isSortedAccordingTo(String::compareTo);
    }

    @Test
    void propertyNameSelectsProperties() throws Exception {
        JsonNode page = json(get("typeNames", "base:zones", "outputFormat", "application/json",
                "propertyName", "base:name", "count", "3"));
        JsonNode f = page.path("features").get(0);
        assertThat(f.path("properties").size()).isEqualTo(1);
        assertThat(f.path("properties").has("name")).isTrue();
        assertThat(f.path("geometry").isNull()).isTrue();
        WfsHarness.Answer gml = get("typeNames", "base:zones", "propertyName", "name,geom", "count", "3");
        assertValidWithFeatureSchemas(wfs, gml);
        assertThat(gml.text()).contains("<base:name>").doesNotContain("<base:population>").contains("<base:geom>");
    }

    @Test
    void srsNameReprojectsInTheAxisOrderOfItsForm() throws Exception {
        double[] urn = firstPos(get("typeNames", "base:streams", "count", "1", "srsName", "urn:ogc:def:crs:EPSG::4326"));
        assertThat(urn[0]).as("latitude first").isBetween(49.5, 51.5);
        assertThat(urn[1]).isBetween(1.0, 3.5);
        double[] http = firstPos(get("typeNames", "base:streams", "count", "1",
                "srsName", "http://www.opengis.net/def/crs/EPSG/0/4326"));
        assertThat(http[0]).isBetween(49.5, 51.5);
        double[] shortForm = firstPos(get("typeNames", "base:streams", "count", "1", "srsName", "EPSG:4326"));
        assertThat(shortForm[0]).as("longitude first").isBetween(1.0, 3.5);
        double[] mercator = firstPos(get("typeNames", "base:streams", "count", "1", "srsName", "EPSG:3857"));
        assertThat(mercator[0]).isBetween(100_000.0, 400_000.0);
        double[] lambert = firstPos(get("typeNames", "base:streams", "count", "1"));
        assertThat(lambert[0]).isBetween(550_000.0, 700_000.0); // easting first in the default EPSG:2154
        WfsHarness.Answer v11 = wfs.kvp(PUBLIC, "service", "WFS", "version", "1.1.0", "request", "GetFeature",
                "typeName", "base:streams", "maxFeatures", "1", "srsName", "urn:x-ogc:def:crs:EPSG:4326");
        assertThat(firstPos(v11)[0]).isBetween(49.5, 51.5);
        WfsHarness.Answer notOffered = get("typeNames", "base:streams", "srsName", "EPSG:32631");
        assertThat(notOffered.status()).isEqualTo(400);
        assertThat(notOffered.text()).contains("InvalidParameterValue", "locator=\"srsName\"");
    }

    private static double[] firstPos(WfsHarness.Answer a) throws Exception {
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        Document doc = XmlAssertions.parse(a.body());
        NodeList pos = doc.getElementsByTagNameNS("*", "pos");
        NodeList list = doc.getElementsByTagNameNS("*", "posList");
        String text = pos.getLength() > 0 ? pos.item(0).getTextContent() : list.item(0).getTextContent();
        String[] xy = text.trim().split("\\s+");
        return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }

    @Test
    void bboxSelectsWithItsCrs() throws Exception {
        long all = json(get("typeNames", "base:zones", "outputFormat", "json", "resultType", "hits"))
                .path("numberMatched").asLong();
        // around the middle of zone 10040, in lat/lon order as the URN form requires
        String[] latLon = wfs.queryMap("SELECT 'c', ST_Y(c) || ' ' || ST_X(c) FROM (SELECT ST_Transform("
                + "ST_Centroid(geom), 4326) c FROM fixture.zone WHERE code = '10040') z").get("c").split(" ");
        double lat = Double.parseDouble(latLon[0]);
        double lon = Double.parseDouble(latLon[1]);
        JsonNode near = json(get("typeNames", "base:zones", "outputFormat", "json", "count", "200",
                "bbox", (lat - 0.002) + "," + (lon - 0.002) + "," + (lat + 0.002) + "," + (lon + 0.002)
                        + ",urn:ogc:def:crs:EPSG::4326"));
        assertThat(near.path("numberMatched").asLong()).isBetween(1L, all - 1);
        JsonNode sameLonLat = json(get("typeNames", "base:zones", "outputFormat", "json", "count", "200",
                "bbox", (lon - 0.002) + "," + (lat - 0.002) + "," + (lon + 0.002) + "," + (lat + 0.002)
                        + ",EPSG:4326"));
        assertThat(sameLonLat.path("numberMatched").asLong()).isEqualTo(near.path("numberMatched").asLong());
        List<String> names = new ArrayList<>();
        near.path("features").forEach(f -> names.add(f.path("properties").path("name").asText()));
        assertThat(names).contains("Bois-40");
    }

    @Test
    void resourceIdSelectsFeaturesOfSeveralTypes() throws Exception {
        WfsHarness.Answer a = get("resourceId", "zones.10040,regions.N,zones.00000");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertValidWithFeatureSchemas(wfs, a);
        Document doc = XmlAssertions.parse(a.body());
        assertThat(gmlIds(doc, "zones")).containsExactly("zones.10040");
        assertThat(gmlIds(doc, "regions")).containsExactly("regions.N");
        assertThat(doc.getDocumentElement().getAttribute("numberMatched")).isEqualTo("2");
    }

    @Test
    void resourceIdOfNoFeatureSelectsNothingAndOneOfAnotherTypeIsRefused() throws Exception {
        WfsHarness.Answer unknown = get("typeNames", "base:streams", "resourceId", "test-9af2561b-77c4");
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(200);
        assertValidWithFeatureSchemas(wfs, unknown);
        assertThat(XmlAssertions.parse(unknown.body()).getDocumentElement().getAttribute("numberMatched"))
                .isEqualTo("0");
        WfsHarness.Answer inconsistent = get("typeNames", "base:streams", "resourceId", "zones.10040");
        assertThat(inconsistent.status()).isEqualTo(400);
        assertThat(inconsistent.text()).contains("exceptionCode=\"InvalidParameterValue\"", "locator=\"resourceId\"");
    }

    @Test
    void getFeatureByIdAnswersTheFeatureItself() throws Exception {
        WfsHarness.Answer a = get("storedQuery_id", "urn:ogc:def:query:OGC-WFS::GetFeatureById", "id", "zones.10040");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertValidWithFeatureSchemas(wfs, a);
        Element root = XmlAssertions.parse(a.body()).getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("zones");
        assertThat(root.getAttributeNS(GML32, "id")).isEqualTo("zones.10040");
        WfsHarness.Answer missing = get("storedQuery_id", "urn:ogc:def:query:OGC-WFS::GetFeatureById",
                "id", "zones.00000");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).contains("exceptionCode=\"NotFound\"");
        WfsHarness.Answer foreign = get("storedQuery_id", "urn:ogc:def:query:OGC-WFS::GetFeatureById",
                "id", "uuid-9af2561b-ca76-4d0f-86e9-8572059fb32f");
        assertThat(foreign.status()).isEqualTo(404);
    }

    @Test
    void csvHasAHeaderAndOneRowPerFeature() throws Exception {
        WfsHarness.Answer a = get("typeNames", "base:zones", "outputFormat", "csv", "count", "10",
                "propertyName", "code,name,geom");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("text/csv");
        String[] lines = a.text().split("\r\n");
        assertThat(lines).hasSize(11);
        assertThat(lines[0]).isEqualTo("FID,code,name,geom");
        assertThat(lines[1]).matches("zones\\.\\d{5},\\d{5},.*,\"MULTIPOLYGON \\(\\(\\(.*");
    }

    /**
     * A page whose query the database refuses (a bounding box that cannot be expressed in the layer's CRS) is
     * answered by an exception report in every streamed format, those streamed before they are counted included.
     */
    @Test
    void aPageTheDatabaseRefusesIsAnsweredByAnExceptionReportInEveryStreamedFormat() throws Exception {
        for (String format : List.of("application/json", "csv", "application/gml+xml; version=3.2")) {
            WfsHarness.Answer a = get("typeNames", "base:zones", "outputFormat", format, "count", "10",
                    "bbox", "95,-10,100,10,urn:ogc:def:crs:EPSG::4326");
            assertThat(a.status()).as(format + ": " + a.text()).isEqualTo(400);
            assertThat(a.text()).as(format).contains("InvalidParameterValue").contains("cannot be expressed");
        }
    }

    @Test
    void xmlPostGetFeatureMatchesKvp() throws Exception {
        WfsHarness.Answer a = wfs.xml(PUBLIC, """
                <wfs:GetFeature service="WFS" version="2.0.0" count="4" startIndex="2"
                    xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:fes="http://www.opengis.net/fes/2.0"
                    xmlns:o="https://example.org/base">
                  <wfs:Query typeNames="o:zones" srsName="urn:ogc:def:crs:EPSG::4326">
                    <wfs:PropertyName>o:name</wfs:PropertyName>
                    <wfs:PropertyName>o:geom</wfs:PropertyName>
                    <fes:SortBy><fes:SortProperty><fes:ValueReference>name</fes:ValueReference>
                      <fes:SortOrder>DESC</fes:SortOrder></fes:SortProperty></fes:SortBy>
                  </wfs:Query>
                </wfs:GetFeature>""");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertValidWithFeatureSchemas(wfs, a);
        Document doc = XmlAssertions.parse(a.body());
        assertThat(doc.getDocumentElement().getAttribute("numberReturned")).isEqualTo("4");
        List<String> kvpIds = gmlIds(XmlAssertions.parse(get("typeNames", "base:zones", "sortBy", "name DESC",
                "count", "4", "startIndex", "2").body()), "zones");
        assertThat(gmlIds(doc, "zones")).isEqualTo(kvpIds);
    }
}
