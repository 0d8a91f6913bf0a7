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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The WPS of the assembled server over HTTP, with the observatory's processes, on a small demo. */
class WpsServerTest extends WpsTestServer {

    static final String WPS = "http://schemas.opengis.net/wps/1.0.0/";

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String query) throws Exception {
        return get(query, null);
    }

    private HttpResponse<String> get(String query, String login) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/wps?" + query));
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body, String login) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/wps"))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(body));
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertValid(String schema, HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(OgcSchemas.validate(schema, new StreamSource(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)))))
                .as(r.body()).isEmpty();
    }

    static void assertReport(HttpResponse<String> r, int status, String code, String locator) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(OgcSchemas.validate(ServerTest.OWS_SCHEMA,
                new StreamSource(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8))))).isEmpty();
        assertThat(r.body()).contains("exceptionCode=\"" + code + "\"");
        if (locator != null) {
            assertThat(r.body()).contains("locator=\"" + locator + "\"");
        }
        assertThat(r.body()).doesNotContain("\tat ", "Exception:");
    }

    private static String execute(String identifier, String dataInputs, String form) {
        return """
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0"
                    xmlns:ows="http://www.opengis.net/ows/1.1">
                  <ows:Identifier>%s</ows:Identifier>
                  <wps:DataInputs>%s</wps:DataInputs>
                  <wps:ResponseForm>%s</wps:ResponseForm>
                </wps:Execute>""".formatted(identifier, dataInputs, form);
    }

    private static String literal(String id, String value) {
        return "<wps:Input><ows:Identifier>" + id + "</ows:Identifier><wps:Data><wps:LiteralData>" + value
                + "</wps:LiteralData></wps:Data></wps:Input>";
    }

    @Test
    void capabilitiesAndDescriptionsOfferTheObservatoryProcesses() throws Exception {
        HttpResponse<String> caps = get("service=WPS&request=GetCapabilities");
        assertValid(WPS + "wpsGetCapabilities_response.xsd", caps);
        assertThat(caps.body()).contains("obs:Connectivity", "obs:Fragmentation", "obs:CorridorIndicators",
                        "obs:RestorationPriorities")
                .doesNotContain("obs:ComputeIndicators"); // administrators only
        HttpResponse<String> all = get("service=WPS&version=1.0.0&request=DescribeProcess&identifier=ALL");
        assertValid(WPS + "wpsDescribeProcess_response.xsd", all);
        assertThat(all.body()).contains("<ows:Identifier>subNetwork</ows:Identifier>", "<ows:Value>woodland</ows:Value>",
                "<ows:UOM>m</ows:UOM>", "<MimeType>application/geo+json</MimeType>");
    }

    @Test
    void aCorridorReportCountsOnlyWhatTheCallerMaySee() throws Exception {
        users.saveUser("instruction", PASSWORD, null, Set.of("instructor"));
        List<Integer> corridors = new JdbcTemplate(dataSource).queryForList(
                "SELECT c.id FROM landscape.corridor c JOIN sinp.occurrence o ON ST_CoveredBy(o.geom, c.geom)"
                        + " GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 5", Integer.class);
        assertThat(corridors).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        long publicTotal = 0;
        long instructorTotal = 0;
        for (int id : corridors) {
            String request = execute("obs:CorridorIndicators", literal("corridor", Integer.toString(id)),
                    "<wps:RawDataOutput mimeType=\"application/json\"><ows:Identifier>report</ows:Identifier></wps:RawDataOutput>");
            HttpResponse<String> anonymous = post(request, null);
            HttpResponse<String> instructor = post(request, "instruction");
            assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(200);
            assertThat(anonymous.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
            JsonNode a = json.readTree(anonymous.body()).get("biodiversity");
            JsonNode i = json.readTree(instructor.body()).get("biodiversity");
            assertThat(a.get("occurrences").asLong()).isLessThanOrEqualTo(i.get("occurrences").asLong());
            publicTotal += a.get("occurrences").asLong();
            instructorTotal += i.get("occurrences").asLong();
        }
        assertThat(publicTotal).isLessThan(instructorTotal);
    }

    @Test
    void executeAnswersValidResponseDocuments() throws Exception {
        HttpResponse<String> kvp = get("service=WPS&version=1.0.0&request=Execute&identifier=obs:Connectivity"
                + "&DataInputs=" + URLEncoder.encode("subNetwork=aquatic;patchSource=reservoirs", StandardCharsets.UTF_8)
                + "&ResponseDocument=PC;ECA;summary&lineage=true");
        assertValid(WPS + "wpsExecute_response.xsd", kvp);
        assertThat(kvp.body()).contains("<wps:ProcessSucceeded>", "<wps:DataInputs>", "ECA_ha");
        HttpResponse<String> fragmentation = post(execute("obs:Fragmentation", literal("unitType", "maille_10km"),
                "<wps:ResponseDocument><wps:Output><ows:Identifier>meff</ows:Identifier></wps:Output></wps:ResponseDocument>"), null);
        assertValid(WPS + "wpsExecute_response.xsd", fragmentation);
        HttpResponse<String> csv = get("service=WPS&version=1.0.0&request=Execute&identifier=obs:Fragmentation"
                + "&RawDataOutput=" + URLEncoder.encode("units@mimeType=text/csv", StandardCharsets.UTF_8));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("id,name,area_ha,meff_ha,meff_cbc_ha,pieces\n");
    }

    @Test
    void anAsynchronousExecutionEndsWithItsOutputsAtTheStatusLocation() throws Exception {
        HttpResponse<String> accepted = get("service=WPS&version=1.0.0&request=Execute&identifier=obs:Connectivity"
                + "&DataInputs=" + URLEncoder.encode("subNetwork=aquatic;patchSource=reservoirs", StandardCharsets.UTF_8)
                + "&ResponseDocument=ECA&storeExecuteResponse=true&status=true");
        assertValid(WPS + "wpsExecute_response.xsd", accepted);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("statusLocation=\"([^\"]+)\"").matcher(accepted.body());
        assertThat(m.find()).isTrue();
        URI statusLocation = URI.create(m.group(1).replace("&amp;", "&"));
        assertThat(statusLocation.getPath()).isEqualTo("/wps");
        HttpResponse<String> status = null;
        for (int i = 0; i < 3000; i++) { // polled: the worker thread decides when it is done
            status = http.send(HttpRequest.newBuilder(statusLocation).build(), HttpResponse.BodyHandlers.ofString());
            if (status.body().contains("ProcessSucceeded") || status.body().contains("ProcessFailed")) {
                break;
            }
            Thread.sleep(20);
        }
        assertValid(WPS + "wpsExecute_response.xsd", status);
        assertThat(status.body()).contains("<wps:ProcessSucceeded>", "<ows:Identifier>ECA</ows:Identifier>");
    }

    @Test
    void badRequestsAnswerWpsExceptionsNamingTheInput(@TempDir Path dir) throws Exception {
        assertReport(get("service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators"
                + "&DataInputs=" + URLEncoder.encode("corridor=1;dispersalDistance=-10", StandardCharsets.UTF_8)),
                400, "InvalidParameterValue", "dispersalDistance");
        assertReport(get("service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators"),
                400, "MissingParameterValue", "corridor");
        assertReport(get("service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators"
                + "&DataInputs=corridor%3D987654"), 400, "InvalidParameterValue", "corridor");
        assertReport(get("service=WPS&version=1.0.0&request=Execute&identifier=obs:Connectivity&DataInputs=subNetwork%3Dwetland"
                + "&RawDataOutput=" + URLEncoder.encode("patches@mimeType=image/png", StandardCharsets.UTF_8)),
                400, "InvalidParameterValue", "patches");
        assertReport(get("service=WPS&version=1.0.0&request=DescribeProcess&identifier=obs:Nothing"),
                400, "InvalidParameterValue", "Identifier");
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        HttpResponse<String> xxe = post("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>"
                + execute("obs:CorridorIndicators", literal("corridor", "&e;"), ""), null);
        assertReport(xxe, 400, "OperationParsingFailed", null);
        assertThat(xxe.body()).doesNotContain("TOP-SECRET-CONTENT");
    }

    private static String referenceInput(String id, String href) {
        return "<wps:Input><ows:Identifier>" + id + "</ows:Identifier><wps:Reference xmlns:xlink=\"http://www.w3.org/1999/xlink\""
                + " xlink:href=\"" + href.replace("&", "&amp;").replace("'", "&apos;") + "\"/></wps:Input>";
    }

    private static String kvpReference(String id, String href) {
        return URLEncoder.encode(id + "=@xlink:href=" + URLEncoder.encode(href, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static final String REPORT = "<wps:RawDataOutput mimeType=\"application/json\"><ows:Identifier>report</ows:Identifier></wps:RawDataOutput>";

    /** Inputs with which each process runs, as KVP DataInputs items: the fuzzed input replaces its own. */
    private static final java.util.Map<String, java.util.Map<String, String>> BASE_INPUTS = java.util.Map.of(
            "obs:Connectivity", java.util.Map.of("subNetwork", "wetland", "importance", "false"),
            "obs:CorridorIndicators", java.util.Map.of("corridor", "1"),
            "obs:Fragmentation", java.util.Map.of("unitType", "maille_10km"),
            "obs:RestorationPriorities", java.util.Map.of("subNetwork", "wetland", "maxActions", "3"),
            "obs:ComputeIndicators", java.util.Map.of());

    /**
     * Every literal input of every process, as DescribeProcess gives them, receives out-of-range, non-finite, huge,
     * empty and mistyped values, in KVP and in XML: the answer is always InvalidParameterValue (or
     * MissingParameterValue) naming the input, before the process runs, never a 500 or NoApplicableCode. Numeric inputs
     * state both ends of their range.
     */
    @Test
    void everyLiteralInputIsCheckedAgainstItsDescription() throws Exception {
        users.saveUser("administratrice", PASSWORD, null, Set.of("admin"));
        HttpResponse<String> all = get("service=WPS&version=1.0.0&request=DescribeProcess&identifier=ALL", "administratrice");
        assertValid(WPS + "wpsDescribeProcess_response.xsd", all);
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(all.body().getBytes(StandardCharsets.UTF_8)));
        String ows = "http://www.opengis.net/ows/1.1";
        org.w3c.dom.NodeList processes = doc.getElementsByTagName("ProcessDescription");
        assertThat(processes.getLength()).isEqualTo(BASE_INPUTS.size());
        int checked = 0;
        for (int p = 0; p < processes.getLength(); p++) {
            org.w3c.dom.Element process = (org.w3c.dom.Element) processes.item(p);
            String identifier = firstChild(process, ows, "Identifier").getTextContent();
            assertThat(BASE_INPUTS).as("inputs to run " + identifier + " with").containsKey(identifier);
            String form = "<wps:ResponseDocument><wps:Output><ows:Identifier>" + firstChild((org.w3c.dom.Element)
                    process.getElementsByTagName("Output").item(0), ows, "Identifier").getTextContent()
                    + "</ows:Identifier></wps:Output></wps:ResponseDocument>";
            org.w3c.dom.NodeList inputs = process.getElementsByTagName("Input");
            for (int i = 0; i < inputs.getLength(); i++) {
                org.w3c.dom.Element input = (org.w3c.dom.Element) inputs.item(i);
                org.w3c.dom.NodeList literal = input.getElementsByTagName("LiteralData");
                if (literal.getLength() == 0) {
                    continue;
                }
                String id = firstChild(input, ows, "Identifier").getTextContent();
                org.w3c.dom.Element data = (org.w3c.dom.Element) literal.item(0);
                String type = data.getElementsByTagNameNS(ows, "DataType").item(0).getTextContent();
                java.util.List<String> values = new java.util.ArrayList<>(List.of("", " ", "abc", "NaN", "Infinity",
                        "-Infinity", "1e999", "-1e999", "-1", "1e300", "99999999999999999999", "1,5", "<x/>"));
                if (type.equals("double") || type.equals("integer")) {
                    org.w3c.dom.NodeList min = data.getElementsByTagNameNS(ows, "MinimumValue");
                    org.w3c.dom.NodeList max = data.getElementsByTagNameNS(ows, "MaximumValue");
                    assertThat(min.getLength()).as(identifier + " " + id + " minimum").isEqualTo(1);
                    assertThat(max.getLength()).as(identifier + " " + id + " maximum").isEqualTo(1);
                    double lo = Double.parseDouble(min.item(0).getTextContent());
                    double hi = Double.parseDouble(max.item(0).getTextContent());
                    if (type.equals("integer")) {
                        values.addAll(List.of(Long.toString((long) lo - 1), Long.toString((long) hi + 1), "1.5", "true"));
                    } else {
                        values.addAll(List.of(Double.toString(lo - Math.max(Math.abs(lo) / 2, 1e-12)),
                                Double.toString(hi + Math.max(Math.abs(hi) / 2, 1)), "true", "-0.0e-400x"));
                    }
                } else if (type.equals("string")) {
                    assertThat(data.getElementsByTagNameNS(ows, "Value").getLength()).as(identifier + " " + id + " values")
                            .isPositive();
                    values.addAll(List.of("WETLAND", "wetland ", "null", "0"));
                } else {
                    values.addAll(List.of("yes", "2", "TRUE FALSE"));
                }
                for (String value : values) {
                    java.util.Map<String, String> given = new java.util.LinkedHashMap<>(BASE_INPUTS.get(identifier));
                    given.put(id, value);
                    String label = identifier + " " + id + "='" + value + "'";
                    StringBuilder kvp = new StringBuilder();
                    StringBuilder xml = new StringBuilder();
                    given.forEach((k, v) -> {
                        kvp.append(kvp.isEmpty() ? "" : ";").append(k).append('=')
                                .append(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
                        xml.append(literal(k, v.replace("&", "&amp;").replace("<", "&lt;")));
                    });
                    assertRefused(label, id, get("service=WPS&version=1.0.0&request=Execute&identifier=" + identifier
                            + "&DataInputs=" + URLEncoder.encode(kvp.toString(), StandardCharsets.UTF_8), "administratrice"));
                    assertRefused(label + " (XML)", id, post(execute(identifier, xml.toString(), form), "administratrice"));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    private static org.w3c.dom.Element firstChild(org.w3c.dom.Element parent, String namespace, String name) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element e && namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new AssertionError("no " + name + " in " + parent.getLocalName());
    }

    /** A client mistake naming the input, or else a valid answer: never a server failure. */
    private static void assertRefused(String label, String input, HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(label + ": " + r.body()).isNotEqualTo(500);
        assertThat(r.body()).as(label).doesNotContain("NoApplicableCode");
        if (r.statusCode() == 200 && !r.body().contains("ExceptionReport") && !r.body().contains("ProcessFailed")) {
            return;
        }
        assertThat(r.statusCode()).as(label + ": " + r.body()).isEqualTo(400);
        assertThat(r.body()).as(label).containsAnyOf("exceptionCode=\"InvalidParameterValue\"",
                "exceptionCode=\"MissingParameterValue\"");
        assertThat(r.body()).as(label).contains("locator=\"" + input + "\"");
        assertReport(r, 400, r.body().contains("MissingParameterValue") ? "MissingParameterValue" : "InvalidParameterValue",
                input);
    }

    @Test
    void aCorridorGivenByReferenceToItsFeatureGivesTheFiguresOfItsId() throws Exception {
        JdbcTemplate db = new JdbcTemplate(dataSource);
        var corridor = db.queryForMap("SELECT id, name FROM landscape.corridor ORDER BY id LIMIT 1");
        int id = ((Number) corridor.get("id")).intValue();
        ObjectMapper json = new ObjectMapper();
        HttpResponse<String> byId = post(execute("obs:CorridorIndicators", literal("corridor", Integer.toString(id)), REPORT), null);
        assertThat(byId.statusCode()).as(byId.body()).isEqualTo(200);
        String wfs = "http://localhost:" + port + "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:corridors";
        HttpResponse<String> byResourceId = get("service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators"
                + "&DataInputs=" + kvpReference("geometry", wfs + "&resourceId=corridors." + id) + "&RawDataOutput=report");
        assertThat(byResourceId.statusCode()).as(byResourceId.body()).isEqualTo(200);
        assertThat(json.readTree(byResourceId.body())).isEqualTo(json.readTree(byId.body()));
        String cql = "name = '" + ((String) corridor.get("name")).replace("'", "''") + "'";
        HttpResponse<String> byFilter = post(execute("obs:CorridorIndicators", referenceInput("geometry",
                "http://localhost:" + port + "/ows?service=WFS&request=GetFeature&typeNames=obs:corridors&CQL_FILTER="
                        + URLEncoder.encode(cql, StandardCharsets.UTF_8)), REPORT), null);
        assertThat(byFilter.statusCode()).as(byFilter.body()).isEqualTo(200);
        assertThat(json.readTree(byFilter.body())).isEqualTo(json.readTree(byId.body()));
        HttpResponse<String> lineage = get("service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators"
                + "&DataInputs=" + kvpReference("geometry", wfs + "&resourceId=corridors." + id) + "&ResponseDocument=dPC&lineage=true");
        assertValid(WPS + "wpsExecute_response.xsd", lineage);
        assertThat(lineage.body()).contains("<wps:Reference xlink:href=\"http://localhost:" + port + "/wfs?");
    }

    @Test
    void referencesOutsideThisServersWfsAreRefusedNamingTheInputAndNeverFetched() throws Exception {
        java.util.concurrent.atomic.AtomicInteger fetched = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer spy = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("localhost", 0), 0);
        spy.createContext("/", exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        spy.start();
        try {
            String query = "?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:corridors&resourceId=corridors.1";
            String self = "http://localhost:" + port;
            List<String> refused = List.of(
                    "http://localhost:" + spy.getAddress().getPort() + "/wfs" + query,
                    "http://127.0.0.1:" + spy.getAddress().getPort() + "/ows" + query,
                    "http://example.org/wfs" + query,
                    "file:///etc/passwd",
                    "ftp://localhost:" + port + "/wfs" + query,
                    "https://localhost:" + port + "/wfs" + query,
                    "http://user@localhost:" + port + "/wfs" + query,
                    self + "/rest/layers" + query,
                    self + "/wms" + query,
                    self + "/wfs/../wms" + query,
                    self + "/wfs?service=WFS&request=GetCapabilities",
                    self + "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:nothing",
                    self + "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:corridors&resourceId=corridors.987654");
            for (String href : refused) {
                HttpResponse<String> xml = post(execute("obs:CorridorIndicators", referenceInput("geometry", href), REPORT), null);
                assertReport(xml, 400, "InvalidParameterValue", "geometry");
                assertThat(xml.body()).as(href).doesNotContain("root:");
                HttpResponse<String> kvp = get("service=WPS&version=1.0.0&request=Execute&identifier=obs:Connectivity"
                        + "&DataInputs=" + kvpReference("area", href) + "&RawDataOutput=summary");
                assertReport(kvp, 400, "InvalidParameterValue", "area");
            }
            assertThat(fetched.get()).isZero();
        } finally {
            spy.stop(0);
        }
    }

    @Test
    void aReferenceReadsWhatTheCallerMaySee() throws Exception {
        users.saveUser("instructrice", PASSWORD, null, Set.of("instructor"));
        JdbcTemplate db = new JdbcTemplate(dataSource);
        var occurrence = db.queryForMap("SELECT o.id_sinp_occtax, ST_AsEWKT(o.diffusion_geom) AS diffusion FROM sinp.occurrence o"
                + " JOIN territory.project_area p ON ST_CoveredBy(o.diffusion_geom, p.geom)"
                + " WHERE o.diffusion_level = 1 AND GeometryType(o.geom) = 'POINT' ORDER BY o.id LIMIT 1");
        String href = "http://localhost:" + port + "/wfs?service=WFS&version=2.0.0&request=GetFeature"
                + "&typeNames=sinp:occurrences&resourceId=occurrences." + occurrence.get("id_sinp_occtax");
        String meff = "<wps:RawDataOutput><ows:Identifier>meff</ows:Identifier></wps:RawDataOutput>";
        HttpResponse<String> anonymous = post(execute("obs:Fragmentation", referenceInput("area", href), meff), null);
        HttpResponse<String> blurred = post(execute("obs:Fragmentation", "<wps:Input><ows:Identifier>area</ows:Identifier>"
                + "<wps:Data><wps:ComplexData mimeType=\"application/wkt\">" + occurrence.get("diffusion")
                + "</wps:ComplexData></wps:Data></wps:Input>", meff), null);
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(200);
        assertThat(blurred.statusCode()).as(blurred.body()).isEqualTo(200);
        assertThat(Double.parseDouble(anonymous.body())).isCloseTo(Double.parseDouble(blurred.body()),
                org.assertj.core.data.Percentage.withPercentage(1e-9));
        // the instructor sees the exact point, which is no area
        HttpResponse<String> instructor = post(execute("obs:Fragmentation", referenceInput("area", href), meff), "instructrice");
        assertReport(instructor, 400, "InvalidParameterValue", "area");
        assertThat(instructor.body()).contains("polygon");
    }

    @Test
    void anOutputAsReferenceIsReadAtItsHref() throws Exception {
        HttpResponse<String> r = get("service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators"
                + "&DataInputs=corridor%3D1&ResponseDocument=" + URLEncoder.encode("crossings@mimeType=text/csv@asReference=true",
                StandardCharsets.UTF_8));
        assertValid(WPS + "wpsExecute_response.xsd", r);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<wps:Reference href=\"([^\"]+)\"").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        URI href = URI.create(m.group(1).replace("&amp;", "&"));
        assertThat(href.getPath()).isEqualTo("/wps");
        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(href).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(csv.body()).startsWith("id,");
    }

    @Autowired
    CatalogService catalogs;

    @Autowired
    fr.yseraa.observatory.core.feature.FeatureRepository features;

    @Test
    void aReferenceToALayerTheCallerMayNotReadIsRefused() {
        var open = catalogs.catalog();
        var policies = new java.util.HashMap<String, fr.yseraa.observatory.core.access.AccessPolicy>();
        open.layers().forEach(l -> policies.put(l.qualifiedName(), open.policy(l)));
        var restricted = new fr.yseraa.observatory.core.catalog.Catalog(open.service(), open.workspaces(), open.layers(),
                policies, new fr.yseraa.observatory.core.access.LayerRules(List.of(
                        new fr.yseraa.observatory.core.access.LayerRules.Rule("obs:*", Set.of("instructor")))), 1);
        var reference = new fr.yseraa.observatory.wps.process.InputValue.Reference("http://localhost:" + port
                + "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:corridors&resourceId=corridors.1", null);
        var instructor = new fr.yseraa.observatory.core.access.Caller("i", Set.of("instructor"));
        for (var catalog : List.of(open, restricted)) {
            WfsReferences references = new WfsReferences(() -> catalog, features, 10);
            assertThat(references.resolve("geometry", reference, List.of("application/wkt"), request(instructor)).content())
                    .startsWith("SRID=2154;");
        }
        WfsReferences references = new WfsReferences(() -> restricted, features, 10);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> references.resolve("geometry", reference,
                        List.of("application/wkt"), request(fr.yseraa.observatory.core.access.Caller.anonymous())))
                .isInstanceOfSatisfying(fr.yseraa.observatory.core.ows.OwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(fr.yseraa.observatory.core.ows.OwsExceptionCode.INVALID_PARAMETER_VALUE);
                    assertThat(e.locator()).isEqualTo("geometry");
                });
    }

    private fr.yseraa.observatory.core.ows.OwsRequest request(fr.yseraa.observatory.core.access.Caller caller) {
        return new fr.yseraa.observatory.core.ows.OwsRequest("WPS", "Execute", "1.0.0",
                fr.yseraa.observatory.core.ows.KvpParameters.of(java.util.Map.of()), null, caller, "http://localhost:" + port + "/wps");
    }

    /** OWSLib, a real WPS client, describes and executes every public process, synchronously and asynchronously. */
    @Test
    void owslibDescribesAndExecutesEveryProcess() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(owslibAvailable(), "python3-owslib is not installed");
        Path script = TestServer.ROOT.resolve("bench/clients/owslib_wps.py");
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), "http://localhost:" + port + "/wps")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("obs:CorridorIndicators sync ProcessSucceeded", "obs:Connectivity async ProcessSucceeded");
    }

    private static boolean owslibAvailable() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return false;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import owslib.wps").redirectErrorStream(true).start();
        return p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
