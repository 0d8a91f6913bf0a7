package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.xml.OgcSchemas;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The CSW 2.0.2 catalogue and the ISO 19139 records over HTTP, on the demo observatory, with a rule that lets only
 * partners read obs:reservoirs: every answer validates against the official schemas (CSW 2.0.2, ISO 19139, OWS 1.0
 * exception reports), the public's catalogue lacks what the public may not read, records carry the extents the
 * caller sees, paging walks every record once, constraints in both languages select what they say, and every
 * capabilities document links each layer to its record.
 */
class CswServerTest extends ReservoirsForPartnersServer {

    static final String CSW_SCHEMA = "http://schemas.opengis.net/csw/2.0.2/CSW-discovery.xsd";
    static final String GMD_SCHEMA = "http://schemas.opengis.net/iso/19139/20070417/gmd/gmd.xsd";
    static final String SRV_SCHEMA = "http://schemas.opengis.net/iso/19139/20060504/srv/srv.xsd";
    static final String CSW = "http://www.opengis.net/cat/csw/2.0.2";
    static final String GMD = "http://www.isotc211.org/2005/gmd";
    static final String ISO = "&outputSchema=" + URLEncoder.encode(GMD, StandardCharsets.UTF_8);
    /** 13 layers (12 for the public, who may not read obs:reservoirs) and the WMS, WMTS and WFS. */
    static final int ALL = 16;
    static final String RESERVOIRS = "6d2f88da-a526-4c58-8173-6ad3dc2d124e";
    static final String OCCURRENCES = "57f75a2e-2ba6-4984-93da-34b1877024c8";
    static final String WFS_RECORD = "073bac2b-4be1-4cf9-8de2-d1bffd71155e";

    private final HttpClient http = HttpClient.newHttpClient();

    private static boolean partnerSaved;

    @BeforeEach
    void partner() {
        if (!partnerSaved) {
            users.saveUser("naturaliste", PASSWORD, null, Set.of("partner"));
            partnerSaved = true;
        }
    }

    private HttpResponse<String> get(String pathAndQuery, String login) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery));
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return get(pathAndQuery, null);
    }

    private HttpResponse<String> post(String xml) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/csw"))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(xml)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String records(String query) {
        return "/csw?service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record&resultType=results" + query;
    }

    private static String cql(String text) {
        return "&constraintLanguage=CQL_TEXT&constraint_language_version=1.1.0&constraint="
                + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A 200 answer valid against the CSW 2.0.2 schemas and the ISO 19139 ones (for ISO records). */
    static Document valid(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(OgcSchemas.validate(List.of(CSW_SCHEMA, GMD_SCHEMA, SRV_SCHEMA), source(r.body())))
                .as(r.body()).isEmpty();
        return parse(r.body());
    }

    static StreamSource source(String body) {
        return new StreamSource(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    static Document parse(String body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    static Element searchResults(Document d) {
        return (Element) d.getElementsByTagNameNS(CSW, "SearchResults").item(0);
    }

    static List<String> texts(Document d, String namespace, String localName) {
        List<String> out = new ArrayList<>();
        NodeList nodes = d.getElementsByTagNameNS(namespace, localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().trim());
        }
        return out;
    }

    static List<String> ids(Document d) {
        return texts(d, "http://purl.org/dc/elements/1.1/", "identifier");
    }

    static void assertReport(HttpResponse<String> r, int status, String code, String locator) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(OgcSchemas.validate("http://schemas.opengis.net/ows/1.0.0/owsExceptionReport.xsd", source(r.body())))
                .as(r.body()).isEmpty();
        assertThat(r.body()).contains("exceptionCode=\"" + code + "\"");
        if (locator != null) {
            assertThat(r.body()).contains("locator=\"" + locator + "\"");
        }
        assertThat(r.body()).doesNotContain("\tat ", "Exception:");
    }

    @Test
    void capabilitiesAreValidAndNameTheOperationsQueryablesAndFilters() throws Exception {
        for (String url : List.of("/csw?service=CSW&request=GetCapabilities",
                "/ows?service=CSW&request=GetCapabilities&acceptVersions=2.0.2")) {
            HttpResponse<String> r = get(url);
            valid(r);
            assertThat(r.body()).contains("<ows:ServiceType>CSW</ows:ServiceType>", "name=\"GetRecordById\"",
                    "SupportedISOQueryables", "<ows:Value>csw:AnyText</ows:Value>", "ogc:Filter_Capabilities",
                    "<ows:Value>CQL_TEXT</ows:Value>", "xlink:href=\"http://localhost:" + port);
        }
        HttpResponse<String> some = get("/csw?service=CSW&request=GetCapabilities&sections=ServiceIdentification");
        valid(some);
        assertThat(some.body()).contains("ServiceIdentification").doesNotContain("OperationsMetadata");
        Document posted = valid(post("""
                <csw:GetCapabilities service="CSW" xmlns:csw="http://www.opengis.net/cat/csw/2.0.2"
                    xmlns:ows="http://www.opengis.net/ows"><ows:AcceptVersions><ows:Version>2.0.2</ows:Version>
                </ows:AcceptVersions></csw:GetCapabilities>"""));
        assertThat(posted.getDocumentElement().getLocalName()).isEqualTo("Capabilities");
    }

    @Test
    void describeRecordGivesTheOfficialSchemasOfBothTypes() throws Exception {
        HttpResponse<String> r = get("/csw?service=CSW&version=2.0.2&request=DescribeRecord");
        Document d = valid(r);
        assertThat(d.getElementsByTagNameNS(CSW, "SchemaComponent").getLength()).isEqualTo(2);
        assertThat(r.body()).contains("name=\"Record\"", "name=\"MD_Metadata\"");
        HttpResponse<String> one = get("/csw?service=CSW&version=2.0.2&request=DescribeRecord&typeName=gmd:MD_Metadata");
        assertThat(valid(one).getElementsByTagNameNS(CSW, "SchemaComponent").getLength()).isEqualTo(1);
        assertReport(get("/csw?service=CSW&version=2.0.2&request=DescribeRecord&typeName=csw:Nothing"), 400,
                "InvalidParameterValue", "typeName");
    }

    @Test
    void pagingWalksEveryRecordOnceInBothSchemasAndElementSets() throws Exception {
        for (String schema : List.of("", ISO)) {
            for (String set : List.of("brief", "summary", "full")) {
                Set<String> seen = new HashSet<>();
                int start = 1;
                int pages = 0;
                while (start != 0) {
                    HttpResponse<String> r = get(records("&maxRecords=5&startPosition=" + start
                            + "&ElementSetName=" + set + schema), "naturaliste");
                    Document d = valid(r);
                    Element results = searchResults(d);
                    assertThat(results.getAttribute("numberOfRecordsMatched")).isEqualTo(Integer.toString(ALL));
                    assertThat(results.getAttribute("elementSet")).isEqualTo(set);
                    List<String> ids = schema.isEmpty() ? ids(d) : fileIdentifiers(d);
                    assertThat(ids).hasSize(Integer.parseInt(results.getAttribute("numberOfRecordsReturned")));
                    for (String id : ids) {
                        assertThat(seen.add(id)).as(id).isTrue();
                    }
                    start = Integer.parseInt(results.getAttribute("nextRecord"));
                    pages++;
                }
                assertThat(seen).as(schema + set).hasSize(ALL).contains(RESERVOIRS, OCCURRENCES, WFS_RECORD);
                assertThat(pages).isEqualTo(4);
            }
        }
        Element hits = searchResults(valid(get("/csw?service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record")));
        assertThat(hits.getAttribute("numberOfRecordsMatched")).isEqualTo(Integer.toString(ALL - 1));
        assertThat(hits.getAttribute("numberOfRecordsReturned")).isEqualTo("0");
    }

    static List<String> fileIdentifiers(Document d) {
        List<String> out = new ArrayList<>();
        NodeList nodes = d.getElementsByTagNameNS(GMD, "fileIdentifier");
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().trim());
        }
        return out;
    }

    @Test
    void thePublicCatalogueLacksWhatThePublicMayNotRead() throws Exception {
        Document all = valid(get(records("&maxRecords=50&ElementSetName=full" + ISO)));
        assertThat(searchResults(all).getAttribute("numberOfRecordsMatched")).isEqualTo(Integer.toString(ALL - 1));
        assertThat(fileIdentifiers(all)).doesNotContain(RESERVOIRS).contains(OCCURRENCES, WFS_RECORD);
        String wfs = get("/csw?service=CSW&version=2.0.2&request=GetRecordById&id=" + WFS_RECORD + ISO
                + "&elementSetName=full").body();
        assertThat(wfs).contains("uuidref=\"" + OCCURRENCES + "\"").doesNotContain(RESERVOIRS);
        assertThat(valid(get("/csw?service=CSW&version=2.0.2&request=GetRecordById&id=" + RESERVOIRS))
                .getDocumentElement().getChildNodes().getLength()).isZero();
        assertThat(ids(valid(get(records(cql("AnyText LIKE '%Grandes taches%'")))))).isEmpty();
        assertThat(ids(valid(get(records(cql("AnyText LIKE '%Grandes taches%'")), "naturaliste"))))
                .containsExactly(RESERVOIRS);
        Document partner = valid(get("/csw?service=CSW&version=2.0.2&request=GetRecordById&id=" + RESERVOIRS,
                "naturaliste"));
        assertThat(ids(partner)).containsExactly(RESERVOIRS);
        assertThat(get("/csw?service=CSW&version=2.0.2&request=GetRecordById&id=" + WFS_RECORD + ISO
                + "&elementSetName=full", "naturaliste").body()).contains("uuidref=\"" + RESERVOIRS + "\"");
    }

    @Test
    void everyIsoRecordIsValidAndSaysWhatTheSdiExpects() throws Exception {
        Document all = valid(get(records("&maxRecords=50&ElementSetName=brief" + ISO)));
        List<String> identifiers = fileIdentifiers(all);
        assertThat(identifiers).hasSize(ALL - 1);
        for (String id : identifiers) {
            HttpResponse<String> r = get("/csw?service=CSW&version=2.0.2&request=GetRecordById&id=" + id + ISO
                    + "&elementSetName=full");
            valid(r);
            String record = r.body().substring(r.body().indexOf("<gmd:MD_Metadata"), r.body().lastIndexOf("</csw:"));
            String standalone = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + record;
            assertThat(OgcSchemas.validate(List.of(GMD_SCHEMA, SRV_SCHEMA), source(standalone))).as(id).isEmpty();
            assertThat(record).contains("codeListValue=\"fre\"", "<gmd:title>", "<gmd:abstract>",
                    "<gmd:dateStamp>", "<gmd:CI_ResponsibleParty>", "Observatoire Clim@YserAa",
                    "<gmd:EX_GeographicBoundingBox>", "Licence Ouverte Etalab 2.0", "otherRestrictions");
            if (record.contains("<gmd:MD_DataIdentification>")) {
                assertThat(record).contains("<gmd:DQ_ConformanceResult>", "1089/2010", "<gmd:LI_Lineage>",
                        "<gmd:MD_TopicCategoryCode>");
            }
        }
        String occurrences = get("/csw?service=CSW&version=2.0.2&request=GetRecordById&id=" + OCCURRENCES + ISO
                + "&elementSetName=full").body();
        assertThat(occurrences).contains("Répartition des espèces", "GEMET - INSPIRE themes, version 1.0",
                "<gmd:MD_TopicCategoryCode>biota</gmd:MD_TopicCategoryCode>", "article 13, paragraphe 1, point h)",
                "<gml:TimePeriod", "<gmd:LI_Lineage>", "codeListValue=\"continual\"", "OGC:WFS", "OGC:WMS",
                "OGC:WMTS", "https://observatoire.yseraa.fr/sinp/" + OCCURRENCES,
                "http://www.opengis.net/def/crs/EPSG/0/2154", "/ogcapi/collections/sinp:occurrences/tiles/",
                "/ogcapi/collections/sinp:occurrences/items");
        String wfs = get("/csw?service=CSW&version=2.0.2&request=GetRecordById&id=" + WFS_RECORD + ISO
                + "&elementSetName=full").body();
        assertThat(wfs).contains("<srv:SV_ServiceIdentification>", "<gco:LocalName>download</gco:LocalName>",
                "infoFeatureAccessService", "<srv:operatesOn", "codeListValue=\"service\"");
    }

    @Test
    void recordsCarryTheExtentTheCallerSees() throws Exception {
        JsonNode layers = new ObjectMapper().readTree(get("/rest/layers").body());
        JsonNode occurrences = layers.findParents("name").stream()
                .filter(l -> l.path("name").asText().equals("sinp:occurrences")).findFirst().orElseThrow();
        Document d = valid(get("/csw?service=CSW&version=2.0.2&request=GetRecordById&id=" + OCCURRENCES + ISO
                + "&elementSetName=full"));
        assertThat(Double.parseDouble(texts(d, GMD, "westBoundLongitude").get(0)))
                .isEqualTo(occurrences.path("bbox").path("minx").asDouble());
        assertThat(Double.parseDouble(texts(d, GMD, "northBoundLatitude").get(0)))
                .isEqualTo(occurrences.path("bbox").path("maxy").asDouble());
        JsonNode exact = new ObjectMapper().readTree(get("/rest/layers", "naturaliste").body()).findParents("name")
                .stream().filter(l -> l.path("name").asText().equals("sinp:occurrences")).findFirst().orElseThrow();
        Document partner = valid(get("/csw?service=CSW&version=2.0.2&request=GetRecordById&id=" + OCCURRENCES + ISO
                + "&elementSetName=full", "naturaliste"));
        assertThat(Double.parseDouble(texts(partner, GMD, "westBoundLongitude").get(0)))
                .isEqualTo(exact.path("bbox").path("minx").asDouble());
    }

    @Test
    void constraintsSelectWhatTheySay() throws Exception {
        assertThat(ids(valid(get(records(cql("AnyText LIKE '%Ramsar%'")))))).contains("81462aed-bc02-4b7b-b7cf-6502e009e071");
        assertThat(ids(valid(get(records(cql("dc:type = 'service'")))))).hasSize(3).contains(WFS_RECORD);
        assertThat(ids(valid(get(records(cql("Subject = 'SINP' AND Type = 'dataset'")))))).containsExactlyInAnyOrder(
                OCCURRENCES, "be37c510-7eb6-4512-9ba0-1822ac970d37");
        assertThat(ids(valid(get(records(cql("Identifier = '" + OCCURRENCES + "'")))))).containsExactly(OCCURRENCES);
        assertThat(ids(valid(get(records(cql("Modified > '1990-01-01'") + "&maxRecords=50"))))).hasSize(ALL - 1);
        assertThat(ids(valid(get(records(cql("Modified < '1990-01-01'")))))).isEmpty();
        assertThat(ids(valid(get(records(cql("BBOX(BoundingBox, 100, 10, 110, 20)")))))).isEmpty();
        assertThat(ids(valid(get(records(cql("BBOX(BoundingBox, 2.2, 50.7, 2.3, 50.8)") + "&maxRecords=50")))))
                .contains(OCCURRENCES).doesNotContain(RESERVOIRS);
        String filter = """
                <ogc:Filter xmlns:ogc="http://www.opengis.net/ogc"><ogc:PropertyIsLike wildCard="*" singleChar="?"
                escapeChar="\\" matchCase="false"><ogc:PropertyName>dc:title</ogc:PropertyName>
                <ogc:Literal>*occurrences*</ogc:Literal></ogc:PropertyIsLike></ogc:Filter>""";
        assertThat(ids(valid(get(records("&constraintLanguage=FILTER&constraint="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8)))))).containsExactlyInAnyOrder(OCCURRENCES,
                "be37c510-7eb6-4512-9ba0-1822ac970d37");
        Document posted = valid(post("""
                <csw:GetRecords service="CSW" version="2.0.2" resultType="results" maxRecords="20"
                    outputSchema="http://www.isotc211.org/2005/gmd" xmlns:csw="http://www.opengis.net/cat/csw/2.0.2"
                    xmlns:ogc="http://www.opengis.net/ogc" xmlns:gml="http://www.opengis.net/gml">
                  <csw:Query typeNames="gmd:MD_Metadata" xmlns:gmd="http://www.isotc211.org/2005/gmd">
                    <csw:ElementSetName>summary</csw:ElementSetName>
                    <csw:Constraint version="1.1.0"><ogc:Filter><ogc:And>
                      <ogc:PropertyIsEqualTo><ogc:PropertyName>apiso:Type</ogc:PropertyName>
                        <ogc:Literal>dataset</ogc:Literal></ogc:PropertyIsEqualTo>
                      <ogc:BBOX><ogc:PropertyName>ows:BoundingBox</ogc:PropertyName>
                        <gml:Envelope><gml:lowerCorner>2.2 50.7</gml:lowerCorner><gml:upperCorner>2.3 50.8</gml:upperCorner>
                        </gml:Envelope></ogc:BBOX></ogc:And></ogc:Filter></csw:Constraint>
                    <ogc:SortBy><ogc:SortProperty><ogc:PropertyName>dc:title</ogc:PropertyName>
                      <ogc:SortOrder>DESC</ogc:SortOrder></ogc:SortProperty></ogc:SortBy>
                  </csw:Query>
                </csw:GetRecords>"""));
        List<String> titles = texts(posted, "http://www.isotc211.org/2005/gco", "CharacterString").stream()
                .filter(t -> !t.isEmpty()).toList();
        assertThat(fileIdentifiers(posted)).contains(OCCURRENCES).hasSizeGreaterThan(3);
        assertThat(titles).isNotEmpty();
        Document validate = valid(post("""
                <csw:GetRecords service="CSW" version="2.0.2" resultType="validate"
                    xmlns:csw="http://www.opengis.net/cat/csw/2.0.2">
                  <csw:Query typeNames="csw:Record"><csw:ElementSetName>brief</csw:ElementSetName></csw:Query>
                </csw:GetRecords>"""));
        assertThat(validate.getDocumentElement().getLocalName()).isEqualTo("Acknowledgement");
        valid(get(records("&resultType=validate" + cql("Title LIKE '%a%'")).replace("&resultType=results", "")));
    }

    @Test
    void mistakesAnswerOws10ExceptionReports() throws Exception {
        String base = "/csw?service=CSW&version=2.0.2&request=";
        assertReport(get(base + "GetRecords&resultType=results"), 400, "MissingParameterValue", "typeNames");
        assertReport(get(records("&outputSchema=urn:nothing")), 400, "InvalidParameterValue", "outputSchema");
        assertReport(get(records("&ElementSetName=huge")), 400, "InvalidParameterValue", "ElementSetName");
        assertReport(get(records("&startPosition=0")), 400, "InvalidParameterValue", "startPosition");
        assertReport(get(base + "GetRecords&typeNames=csw:Record&resultType=everything"), 400,
                "InvalidParameterValue", "resultType");
        assertReport(get(records(cql("observateur = 'x'"))), 400, "InvalidParameterValue", "Constraint");
        assertReport(get(records(cql("Title LIKE"))), 400, "InvalidParameterValue", "Constraint");
        assertReport(get(records("&constraintLanguage=SPARQL&constraint=x")), 400, "InvalidParameterValue",
                "constraintLanguage");
        assertReport(get(records("&constraint=x")), 400, "MissingParameterValue", "constraintLanguage");
        assertReport(get(records("&constraintLanguage=FILTER&constraint=%3Cogc:Filter")), 400,
                "OperationParsingFailed", "Constraint");
        assertReport(get(base + "GetRecordById"), 400, "MissingParameterValue", "id");
        // found by the dispatcher before the CSW is reached: OWS Common 1.1's report, as at every endpoint
        WpsServerTest.assertReport(get(base + "Harvest"), 501, "OperationNotSupported", "Harvest");
        assertReport(get("/csw?service=CSW&request=GetCapabilities&acceptVersions=3.0.0"), 400,
                "VersionNegotiationFailed", "acceptVersions");
        assertReport(get("/csw?service=CSW&request=GetCapabilities&sections=Everything"), 400,
                "InvalidParameterValue", "sections");
        WpsServerTest.assertReport(post("<csw:GetRecords service=\"CSW\" version=\"2.0.2\""), 400,
                "OperationParsingFailed", null);
    }

    @Test
    void everyCapabilitiesDocumentLinksEachLayerToItsRecord() throws Exception {
        String record = "/csw?service=CSW&amp;version=2.0.2&amp;request=GetRecordById&amp;id=";
        for (String caps : List.of("/wms?service=WMS&request=GetCapabilities&version=1.3.0",
                "/wms?service=WMS&request=GetCapabilities&version=1.1.1", "/wfs?service=WFS&request=GetCapabilities",
                "/wfs?service=WFS&request=GetCapabilities&version=1.1.0",
                "/wmts?service=WMTS&request=GetCapabilities")) {
            String body = get(caps).body();
            assertThat(body).as(caps).contains(record + OCCURRENCES, record + "81462aed-bc02-4b7b-b7cf-6502e009e071")
                    .doesNotContain(RESERVOIRS);
            int links = body.split(java.util.regex.Pattern.quote(record), -1).length - 1;
            assertThat(links).as(caps + ": one link per layer the public reads").isEqualTo(ALL - 3 - 1);
        }
        assertThat(get("/wms?service=WMS&request=GetCapabilities&version=1.3.0").body())
                .contains("<MetadataURL type=\"ISO19115:2003\"><Format>text/xml</Format>");
        HttpResponse<String> followed = get("/csw?service=CSW&version=2.0.2&request=GetRecordById&id=" + OCCURRENCES
                + ISO + "&elementSetName=full");
        assertThat(fileIdentifiers(valid(followed))).containsExactly(OCCURRENCES);
    }
}
