package fr.yseraa.observatory.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import fr.yseraa.observatory.server.tiles.TileEndpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Element;

/**
 * Hostile input over real HTTP, on both ports, by class (issue 18): text XML forbids, NUL in credentials, deeply
 * nested XML, huge echoed values, nulls in admin JSON, what Tomcat itself rejects. Every answer is a 4xx (never a
 * 500), a well-formed report in the path's documented format with its code and locator, and tells nothing of the
 * server's internals.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputTest {

    private static final String PASSWORD = "a long enough password";
    private static final List<String> INTERNALS = List.of("PSQLException", "org.", "java.", "ERROR:", "\tat ",
            "Exception:", "JAXP", "<html", "<HTML", "Apache Tomcat", "Whitelabel");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "hostile", 500);
    }

    @LocalServerPort
    int port;

    @Autowired
    TileEndpoint tiles;

    @Autowired
    UserStore users;

    /** An answer read off the wire, whatever it holds. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /** Sends the request as these bytes (so that it may hold what HTTP clients refuse to send) and reads the answer. */
    static Answer raw(int port, String head, byte[] body) throws Exception {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return parse(s.getInputStream().readAllBytes());
        }
    }

    private static Answer parse(byte[] all) throws Exception {
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("an HTTP answer: %s", text).isPositive();
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        InputStream in = new ByteArrayInputStream(all, end + 4, all.length - end - 4);
        byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunked(in) : in.readAllBytes();
        return new Answer(status, headers, body);
    }

    private static byte[] dechunked(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
                size.append((char) c);
            }
            int n = Integer.parseInt(size.toString().trim().split(";")[0], 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            in.readNBytes(2);
        }
    }

    static Answer get(int port, String target, String... headers) throws Exception {
        return raw(port, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + String.join("", headers) + "\r\n", new byte[0]);
    }

    static Answer send(int port, String method, String target, String contentType, String body, String... headers)
            throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return raw(port, method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: "
                + contentType + "\r\nContent-Length: " + bytes.length + "\r\n" + String.join("", headers) + "\r\n", bytes);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String basic(String login, String password) {
        return "Authorization: " + TestServer.basicAuthorization(login, password) + "\r\n";
    }

    /** No internal text, never a 500. */
    static void sane(Answer a, String what) {
        assertThat(a.status()).as("%s: %s", what, a.text()).isBetween(400, 499);
        for (String internal : INTERNALS) {
            assertThat(a.text()).as("%s tells nothing internal", what).doesNotContain(internal);
        }
    }

    /** Text in a path: refused by Tomcat (NUL, some controls) or by the server's door. */
    private static final String PATH_REFUSED = "InvalidParameterValue|InvalidRequest";

    /** A 4xx OGC exception report, well-formed, with a code matching {@code code} and (when not null) this locator; its root element. */
    static Element report(Answer a, int status, String code, String locator, String what) throws Exception {
        sane(a, what);
        assertThat(a.status()).as("%s: %s", what, a.text()).isEqualTo(status);
        assertThat(a.contentType()).as(what).containsAnyOf("xml");
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(a.body())).getDocumentElement();
        Element exception = (Element) root.getElementsByTagNameNS("*", root.getLocalName().equals("ServiceExceptionReport")
                ? "ServiceException" : "Exception").item(0);
        assertThat(exception).as(what).isNotNull();
        String codeAttribute = exception.hasAttribute("exceptionCode") ? "exceptionCode" : "code";
        assertThat(exception.getAttribute(codeAttribute)).as(what).matches(code);
        if (locator != null) {
            assertThat(exception.getAttribute("locator")).as(what).matches(locator);
        }
        return root;
    }

    /** A 4xx JSON problem {@code {"code", "description"}} with a code matching {@code code}. */
    static JsonNode problem(Answer a, int status, String code, String what) throws Exception {
        sane(a, what);
        assertThat(a.status()).as("%s: %s", what, a.text()).isEqualTo(status);
        assertThat(a.contentType()).as(what).startsWith("application/json");
        JsonNode json = new ObjectMapper().readTree(a.body());
        assertThat(json.path("code").asText()).as(what).matches(code);
        assertThat(json.path("description").asText()).as(what).isNotBlank();
        return json;
    }

    private String wmtsTile() {
        return "/wmts/1.0.0/obs:communes/default/WebMercatorQuad/6/22/32.png";
    }

    /** Characters XML 1.0 forbids, percent-encoded as UTF-8. */
    private static final Map<String, String> FORBIDDEN = Map.of("NUL", "%00", "U+0001", "%01", "vertical tab", "%0B",
            "escape", "%1B", "U+FFFE", "%EF%BF%BE", "U+FFFF", "%EF%BF%BF");

    @TestFactory
    Stream<DynamicTest> textXmlForbidsIsRefusedAtTheDoorOfEveryServiceAndPort() {
        Map<String, String> ogc = Map.of(
                "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&CRS=EPSG:4326&BBOX=48,2,49,3&WIDTH=8&HEIGHT=8&FORMAT=image/png&LAYERS=", "LAYERS",
                "/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetCapabilities&LAYERS=", "LAYERS",
                "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=", "typeNames",
                "/wfs?service=WFS&version=1.1.0&request=DescribeFeatureType&typeName=", "typeName",
                "/wmts?service=WMTS&version=1.0.0&request=GetTile&layer=", "layer",
                "/wps?service=WPS&version=1.0.0&request=DescribeProcess&identifier=", "identifier",
                "/ows?service=", "service",
                "/wfs?service=WFS&request=GetCapabilities&foo=", "foo");
        List<DynamicTest> tests = new ArrayList<>();
        FORBIDDEN.forEach((name, encoded) -> {
            ogc.forEach((path, parameter) -> tests.add(DynamicTest.dynamicTest(name + " in " + path, () ->
                    report(get(port, path + "x" + encoded + "y"), 400, "InvalidParameterValue", "parameter " + parameter, path))));
            tests.add(DynamicTest.dynamicTest(name + " in a REST path parameter", () ->
                    problem(get(port, "/rest/layers?name=a" + encoded), 400, "InvalidParameterValue", "rest")));
            tests.add(DynamicTest.dynamicTest(name + " in an OGC API tile path", () ->
                    problem(get(port, "/ogcapi/collections/obs:communes" + encoded + "/tiles/WebMercatorQuad/1/0/0"),
                            400, PATH_REFUSED, "ogcapi")));
            tests.add(DynamicTest.dynamicTest(name + " in a RESTful WMTS path", () ->
                    report(get(port, "/wmts/1.0.0/obs:communes" + encoded + "/default/WebMercatorQuad/6/22/32.png"),
                            400, PATH_REFUSED, null, "restful wmts")));
            tests.add(DynamicTest.dynamicTest(name + " on the tile port, in the path", () ->
                    report(get(tiles.port(), "/wmts/1.0.0/obs:communes" + encoded + "/default/WebMercatorQuad/6/22/32.png"),
                            400, "InvalidParameterValue", "path", "tile port path")));
            tests.add(DynamicTest.dynamicTest(name + " on the tile port, in a parameter", () ->
                    report(get(tiles.port(), wmtsTile() + "?time=" + encoded), 400, "InvalidParameterValue",
                            "parameter time", "tile port time")));
        });
        return tests.stream();
    }

    /**
     * The recorded corpus of malformed and hostile requests ({@link MalformedCorpus}, every service and both ports):
     * each answers the status it expects with a well-formed report (OWS or service XML, or the JSON problem) whose
     * code (and locator) it expects, never a 500, never internal text.
     */
    @TestFactory
    Stream<DynamicTest> theMalformedRequestCorpusAnswersWellFormed4xxReports() {
        List<MalformedCorpus> corpus = MalformedCorpus.load(TestServer.ROOT.resolve("server/src/test/resources/malformed-corpus"));
        assertThat(corpus).hasSizeGreaterThan(60);
        return corpus.stream().map(c -> DynamicTest.dynamicTest(c.name() + ": " + c.what(), () -> {
            Answer a = raw(c.tilePort() ? tiles.port() : port, c.head(), c.body());
            if (a.contentType().startsWith("application/json")) {
                problem(a, c.status(), c.code(), c.name());
            } else {
                report(a, c.status(), c.code(), c.locator(), c.name());
            }
        }));
    }

    @Test
    void aControlCharacterInAHeaderIsRefusedOnBothPorts() throws Exception {
        report(get(port, "/wms?SERVICE=WMS&REQUEST=GetCapabilities", "X-Note: a\u0001b\r\n"), 400,
                PATH_REFUSED, null, "main port header (Tomcat refuses it)");
        report(get(tiles.port(), wmtsTile(), "X-Note: a\u0001b\r\n"), 400, PATH_REFUSED, null,
                "tile port header (Netty may refuse it)");
    }

    @TestFactory
    Stream<DynamicTest> nulOrControlCharactersInBasicCredentialsAreWrongCredentialsEverywhere() {
        List<String> credentials = List.of("ali\u0000ce:" + PASSWORD, "alice:pass\u0000word", "\u0000:\u0000",
                "alice\u0007:x", "alice:\uFFFE");
        List<String> paths = List.of("/wms?SERVICE=WMS&REQUEST=GetCapabilities", "/wfs?service=WFS&request=GetCapabilities",
                "/rest/layers", "/ogcapi/collections/obs:communes/tiles/WebMercatorQuad/1/0/0", "/", "/wmts/1.0.0/WMTSCapabilities.xml");
        List<DynamicTest> tests = new ArrayList<>();
        for (String c : credentials) {
            String header = "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8)) + "\r\n";
            for (String path : paths) {
                tests.add(DynamicTest.dynamicTest(path + " " + c.replaceAll("\\p{Cntrl}", "^"), () -> {
                    Answer a = get(port, path, header);
                    sane(a, path);
                    assertThat(a.status()).isEqualTo(401);
                }));
            }
            tests.add(DynamicTest.dynamicTest("tile port " + c.replaceAll("\\p{Cntrl}", "^"), () -> {
                Answer a = get(tiles.port(), wmtsTile(), header);
                sane(a, "tile port");
                assertThat(a.status()).isEqualTo(401);
            }));
        }
        return tests.stream();
    }

    private static String nested(String open, String close, int depth, String inner) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    @TestFactory
    Stream<DynamicTest> deeplyNestedXmlIsRefusedWhereverXmlIsRead() {
        String deepFilter = "<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\">"
                + nested("<fes:And>", "</fes:And>", 150, "<fes:PropertyIsEqualTo><fes:ValueReference>nom</fes:ValueReference>"
                + "<fes:Literal>x</fes:Literal></fes:PropertyIsEqualTo>") + "</fes:Filter>";
        String deepSld = "<StyledLayerDescriptor version=\"1.0.0\" xmlns=\"http://www.opengis.net/sld\">"
                + nested("<a>", "</a>", 150, "") + "</StyledLayerDescriptor>";
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("WFS POST, 100 000 deep", () -> report(send(port, "POST", "/wfs", "application/xml",
                "<wfs:GetFeature service=\"WFS\" version=\"2.0.0\" xmlns:wfs=\"http://www.opengis.net/wfs/2.0\">"
                + nested("<a>", "</a>", 100_000, "x") + "</wfs:GetFeature>"), 400, "OperationParsingFailed", null, "wfs post")));
        tests.add(DynamicTest.dynamicTest("WFS GetFeature POST with a deep filter", () -> report(send(port, "POST", "/wfs",
                "application/xml", "<wfs:GetFeature service=\"WFS\" version=\"2.0.0\" xmlns:wfs=\"http://www.opengis.net/wfs/2.0\">"
                + "<wfs:Query typeNames=\"obs:communes\">" + deepFilter + "</wfs:Query></wfs:GetFeature>"),
                400, "OperationParsingFailed", null, "wfs post filter")));
        tests.add(DynamicTest.dynamicTest("WPS POST, 100 000 deep", () -> report(send(port, "POST", "/wps", "text/xml",
                "<wps:Execute service=\"WPS\" version=\"1.0.0\" xmlns:wps=\"http://www.opengis.net/wps/1.0.0\">"
                + nested("<x>", "</x>", 100_000, "") + "</wps:Execute>"), 400, "OperationParsingFailed", null, "wps post")));
        tests.add(DynamicTest.dynamicTest("FES in KVP", () -> report(get(port, "/wfs?service=WFS&version=2.0.0&request=GetFeature"
                + "&typeNames=obs:communes&FILTER=" + enc(deepFilter)), 400, "OperationParsingFailed", "(?i)filter", "fes kvp")));
        tests.add(DynamicTest.dynamicTest("SLD_BODY", () -> {
            Answer a = get(port, "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=obs:communes&STYLES=&CRS=EPSG:4326"
                    + "&BBOX=48,2,49,3&WIDTH=8&HEIGHT=8&FORMAT=image/png&SLD_BODY=" + enc(deepSld));
            Element root = report(a, 400, code(a), null, "sld_body");
            assertThat(root.getTextContent()).contains("nested too deeply");
        }));
        return tests.stream();
    }

    private static String code(Answer a) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)code=\"([^\"]*)\"").matcher(a.text());
        return m.find() ? m.group(1) : "";
    }

    @Test
    void echoedInputIsCutToAFewHundredCharacters() throws Exception {
        String huge = "x".repeat(2_000_000);
        Answer post = send(port, "POST", "/wfs", "application/xml", "<wfs:GetFeature service=\"WFS\" version=\"2.0.0\""
                + " xmlns:wfs=\"http://www.opengis.net/wfs/2.0\"><wfs:Query typeNames=\"" + huge + "\"/></wfs:GetFeature>");
        report(post, 400, "InvalidParameterValue", null, "huge type name");
        assertThat(post.body().length).isLessThan(4000);
        Answer kvp = get(port, "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&CRS=EPSG:4326&BBOX=48,2,49,3"
                + "&WIDTH=8&HEIGHT=8&FORMAT=image/png&LAYERS=" + "y".repeat(7000));
        assertThat(kvp.status()).isEqualTo(400);
        assertThat(kvp.body().length).isLessThan(4000);
    }

    @Test
    void nullsInAdminJsonAreBadRequests() throws Exception {
        users.saveUser("hostile-root", PASSWORD, null, Set.of("admin"));
        users.saveUser("hostile-alice", PASSWORD, null, Set.of("instructor"));
        String admin = basic("hostile-root", PASSWORD);
        for (String body : List.of("[null]", "[\"instructor\", null]", "[\"\"]")) {
            problem(send(port, "PUT", "/rest/users/hostile-alice/roles", "application/json", body, admin), 400,
                    "InvalidRequest", body);
        }
        problem(send(port, "PUT", "/rest/users/hostile-alice/roles", "application/json", "[\"x\"]"), 401,
                "AuthenticationRequired", "anonymous");
        problem(send(port, "PUT", "/rest/users/hostile-alice/roles", "application/json", "[\"x\"]",
                basic("hostile-alice", PASSWORD)), 403, "Forbidden", "not an admin");
        for (String body : List.of("{\"login\":\"zed\",\"password\":\"" + PASSWORD + "\",\"roles\":[null]}", "[1,", "null",
                "{\"login\":\"zed\",\"password\":\"" + PASSWORD + "\",\"roles\":{\"a\":1}}")) {
            Answer a = send(port, "POST", "/rest/users", "application/json", body, admin);
            sane(a, body);
            assertThat(a.status()).as(body).isEqualTo(400);
            assertThat(a.contentType()).startsWith("application/json");
        }
        Answer notJson = send(port, "PUT", "/rest/users/hostile-alice/roles", "application/json", "{]", admin);
        problem(notJson, 400, "InvalidRequest", "not json");
    }

    @TestFactory
    Stream<DynamicTest> whatTomcatRejectsIsAnsweredInTheDocumentedFormat() {
        String longQuery = "a".repeat(9 * 1024);
        String tooLong = "a".repeat(70 * 1024);
        return Stream.of(
                DynamicTest.dynamicTest("a GET longer than 8 KiB is served", () -> report(get(port,
                        "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&x=" + longQuery), 400, "MissingParameterValue", null, "long wms")),
                DynamicTest.dynamicTest("a GET beyond the limit on an OGC path", () -> report(get(port,
                        "/wms?SERVICE=WMS&REQUEST=GetCapabilities&x=" + tooLong), 400, "InvalidRequest", null, "too long wms")),
                DynamicTest.dynamicTest("a GET beyond the limit under /ogcapi (the path unread: an OGC report)", () -> report(get(port,
                        "/ogcapi/collections?x=" + tooLong), 400, "InvalidRequest", null, "too long ogcapi")),
                DynamicTest.dynamicTest("headers beyond the limit under /rest", () -> {
                    Answer a = get(port, "/rest/layers", "X-Big: " + tooLong + "\r\n");
                    sane(a, "too long header");
                    assertThat(a.status()).isEqualTo(400);
                }),
                DynamicTest.dynamicTest("bad percent-encoding in a REST path", () -> problem(get(port, "/rest/layers/%zz"),
                        400, "InvalidRequest", "bad encoding rest")),
                DynamicTest.dynamicTest("bad percent-encoding in an OGC API path", () -> problem(get(port,
                        "/ogcapi/collections/%E0%A4/tiles"), 400, "InvalidRequest", "bad encoding ogcapi")),
                DynamicTest.dynamicTest("a lone surrogate in a WMTS path", () -> {
                    Answer a = get(port, "/wmts/1.0.0/obs:communes%ED%A0%80/default/WebMercatorQuad/6/22/32.png");
                    report(a, 400, PATH_REFUSED, null, "surrogate wmts");
                }),
                DynamicTest.dynamicTest("a lone surrogate in a WFS parameter", () -> {
                    Answer a = get(port, "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:communes%ED%A0%80");
                    report(a, a.status(), code(a), null, "surrogate wfs");
                }),
                DynamicTest.dynamicTest("an invalid character in the request target (the path unread: an OGC report)",
                        () -> report(raw(port, "GET /rest/layers?a=<{}> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                        new byte[0]), 400, "InvalidRequest", null, "bad target")),
                DynamicTest.dynamicTest("an unknown REST path", () -> problem(get(port, "/rest/nothing-here"), 404,
                        "NotFound", "unknown rest")),
                DynamicTest.dynamicTest("an unknown OGC API path", () -> problem(get(port, "/ogcapi/nothing/here"), 404,
                        "NotFound", "unknown ogcapi")),
                DynamicTest.dynamicTest("a method the REST layers do not take", () -> problem(send(port, "DELETE",
                        "/rest/layers", "application/json", ""), 405, "MethodNotAllowed", "delete rest")),
                DynamicTest.dynamicTest("an OGC API tile at a non-numeric address", () -> problem(get(port,
                        "/ogcapi/collections/obs:communes/tiles/WebMercatorQuad/a/b/c"), 400, "InvalidRequest", "nan ogcapi")),
                DynamicTest.dynamicTest("an unknown path on the tile port", () -> report(get(tiles.port(), "/nothing"), 404,
                        "NotFound", null, "tile port unknown")),
                DynamicTest.dynamicTest("a POST on the tile port", () -> report(send(tiles.port(), "POST", wmtsTile(),
                        "text/plain", "x"), 405, "MethodNotAllowed", null, "tile port post")));
    }

    /** Numbers out of range or not numbers at all, in every numeric parameter: 400 naming the parameter. */
    @TestFactory
    Stream<DynamicTest> outOfRangeNumbersAreInvalidParameterValues() {
        String big = "99999999999999999999999";
        String wms = "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=obs:communes&STYLES=&FORMAT=image/png";
        String info = "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=obs:communes&QUERY_LAYERS=obs:communes"
                + "&STYLES=&CRS=EPSG:4326&BBOX=48,2,49,3&WIDTH=10&HEIGHT=10&INFO_FORMAT=application/json";
        String wfs = "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:communes";
        String wmts = "/wmts?service=WMTS&version=1.0.0&request=GetTile&layer=obs:communes&style=default&format=image/png"
                + "&tileMatrixSet=WebMercatorQuad";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(wms + "&CRS=EPSG:" + big + "&BBOX=48,2,49,3&WIDTH=8&HEIGHT=8", "(?i)crs");
        cases.put(wms + "&CRS=EPSG:4326&BBOX=48,2,49,3&WIDTH=" + big + "&HEIGHT=8", "(?i)width");
        cases.put(wms + "&CRS=EPSG:4326&BBOX=48,2,49,3&WIDTH=8&HEIGHT=-5", "(?i)height");
        cases.put(wms + "&CRS=EPSG:4326&BBOX=48,2,49,1e400&WIDTH=8&HEIGHT=8", "(?i)bbox");
        cases.put(wms + "&CRS=EPSG:4326&BBOX=48,2,NaN,3&WIDTH=8&HEIGHT=8", "(?i)bbox");
        cases.put(info + "&I=" + big + "&J=5", "(?i)i");
        cases.put(info + "&I=5&J=5&FEATURE_COUNT=" + big, "(?i)feature_count");
        cases.put(wfs + "&count=" + big, "(?i)count");
        cases.put(wfs + "&count=-1", "(?i)count");
        cases.put(wfs + "&startIndex=" + big, "(?i)startindex");
        cases.put(wfs + "&bbox=1,2,3," + big + "0".repeat(400), "(?i)bbox");
        cases.put(wfs + "&srsName=EPSG:" + big, "(?i)srsname");
        cases.put(wfs + "&srsName=urn:ogc:def:crs:EPSG::" + big, "(?i)srsname");
        cases.put(wfs + "&CQL_FILTER=" + enc("INTERSECTS(geom, SRID=" + big + ";POINT(1 2))"), "(?i)cql_filter");
        for (String unknown : List.of("999999", "0", "1", "999998")) {
            cases.put(wfs + "&CQL_FILTER=" + enc("INTERSECTS(geom, SRID=" + unknown + ";POINT(1 2))"), null);
            cases.put(wfs + "&bbox=1,2,3,4,EPSG:" + unknown, "(?i)bbox");
            cases.put(wfs + "&FILTER=" + enc("<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\" xmlns:gml=\"http://www.opengis.net/gml/3.2\">"
                    + "<fes:Intersects><fes:ValueReference>geom</fes:ValueReference><gml:Point srsName=\"EPSG:" + unknown + "\">"
                    + "<gml:pos>1 2</gml:pos></gml:Point></fes:Intersects></fes:Filter>"), "(?i)filter");
            cases.put(wms + "&CRS=EPSG:" + unknown + "&BBOX=48,2,49,3&WIDTH=8&HEIGHT=8", "(?i)crs");
        }
        cases.put("/wfs?service=WFS&version=1.1.0&request=GetFeature&typeName=obs:communes&maxFeatures=" + big, "(?i)maxfeatures");
        cases.put(wmts + "&tileMatrix=" + big + "&tileRow=0&tileCol=0", "(?i)tilematrix");
        cases.put(wmts + "&tileMatrix=3&tileRow=" + big + "&tileCol=0", "(?i)tilerow");
        cases.put(wmts + "&tileMatrix=3&tileRow=0&tileCol=-" + big, "(?i)tilecol");
        cases.put("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=obs:communes&FORMAT=image/png&WIDTH=" + big, "(?i)width");
        cases.put("/wps?service=WPS&version=1.0.0&request=Execute&identifier=obs:Connectivity&DataInputs="
                + enc("distance=" + big + "0".repeat(400)), null);
        cases.put("/wps?service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators&DataInputs="
                + enc("bbox=1,2,3," + big + "0".repeat(400)), null);
        List<DynamicTest> tests = new ArrayList<>();
        cases.forEach((path, locator) -> tests.add(DynamicTest.dynamicTest(path, () -> {
            Answer a = get(port, path);
            report(a, 400, code(a), locator, path);
        })));
        tests.add(DynamicTest.dynamicTest("a RESTful WMTS tile row beyond long", () -> {
            Answer a = get(port, "/wmts/1.0.0/obs:communes/default/WebMercatorQuad/6/" + big + "/32.png");
            report(a, a.status(), code(a), null, "restful");
        }));
        tests.add(DynamicTest.dynamicTest("a tile row beyond long on the tile port", () -> {
            Answer a = get(tiles.port(), "/wmts/1.0.0/obs:communes/default/WebMercatorQuad/" + big + "/0/0.png");
            report(a, a.status(), code(a), null, "tile port");
        }));
        tests.add(DynamicTest.dynamicTest("an OGC API tile beyond int", () -> problem(get(port,
                "/ogcapi/collections/obs:communes/tiles/WebMercatorQuad/" + big + "/0/0"), 400, ".+", "ogcapi")));
        return tests.stream();
    }

    /** A geometry input PostGIS, Jackson or JTS cannot read: InvalidParameterValue naming the input, in our words. */
    @TestFactory
    Stream<DynamicTest> badProcessInputsAreNamedWithoutTheParsersWords() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("POLYGON((0 0,1 0", "application/wkt");
        inputs.put("POINT(a b)", "application/wkt");
        inputs.put("POINT(1e999 2)", "application/wkt");
        inputs.put("LINESTRING(1 2,3)", "application/wkt");
        inputs.put("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1", "application/geo+json");
        inputs.put("{\"type\":\"Polygon\",\"coordinates\":\"x\"}", "application/geo+json");
        inputs.put("<gml:Polygon xmlns:gml=\"http://www.opengis.net/gml/3.2\"><gml:exterior/></gml:Polygon>", "application/gml+xml");
        List<DynamicTest> tests = new ArrayList<>();
        inputs.forEach((value, mimeType) -> tests.add(DynamicTest.dynamicTest(mimeType + " " + value, () -> {
            Answer a = get(port, "/wps?service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators"
                    + "&RawDataOutput=report&DataInputs=" + enc("subNetwork=wetland;geometry=" + value + "@mimeType=" + mimeType));
            Element root = report(a, 400, "InvalidParameterValue", "geometry", value);
            assertThat(root.getTextContent()).doesNotContainIgnoringCase("parse error").doesNotContain("HINT", "lwgeom",
                    "Unexpected", "code 1", "column:", "SQL");
        })));
        return tests.stream();
    }
}
