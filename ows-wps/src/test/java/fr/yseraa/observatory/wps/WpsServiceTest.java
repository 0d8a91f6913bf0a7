package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.testing.CapturedResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerRules;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.ServiceMetadata;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.xml.OgcSchemas;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.transform.stream.StreamSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WpsServiceTest {

    static final String WPS_SCHEMAS = "http://schemas.opengis.net/wps/1.0.0/";
    private static final String URL = "http://h/wps";

    private final Catalog catalog = new Catalog(ServiceMetadata.defaults(), List.of(), List.of(), Map.of(),
            LayerRules.openToAll(), 42);
    private final ProcessRegistry registry = new ProcessRegistry(List.of(new TestProcesses.Stats(), new TestProcesses.Broken(),
            new TestProcesses.AdminOnly()));
    private final WpsService wps = new WpsService(registry, () -> catalog, TestProcesses.runner(catalog));

    static void assertValid(String schema, byte[] document) throws Exception {
        assertThat(OgcSchemas.validate(WPS_SCHEMAS + schema, new StreamSource(new ByteArrayInputStream(document))))
                .as(new String(document, StandardCharsets.UTF_8)).isEmpty();
    }

    private CapturedResponse kvp(String operation, String... keyValues) throws Exception {
        return kvpAs(Caller.anonymous(), operation, keyValues);
    }

    private CapturedResponse kvpAs(Caller caller, String operation, String... keyValues) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("service", "WPS");
        params.put("request", operation);
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        CapturedResponse r = new CapturedResponse();
        wps.handle(new OwsRequest("WPS", operation, "1.0.0", KvpParameters.of(params), null, caller, URL), r);
        return r;
    }

    private CapturedResponse xml(String operation, String body) throws Exception {
        CapturedResponse r = new CapturedResponse();
        wps.handle(new OwsRequest("WPS", operation, "1.0.0", KvpParameters.of(Map.of()),
                body.getBytes(StandardCharsets.UTF_8), Caller.anonymous(), URL), r);
        return r;
    }

    private static void assertOws(ThrowingCallable call, OwsExceptionCode code, String locator) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.locator()).isEqualTo(locator);
        });
    }

    @Test
    void capabilitiesListTheProcessesAndValidate() throws Exception {
        CapturedResponse r = kvp("GetCapabilities");
        assertValid("wpsGetCapabilities_response.xsd", r.bytes());
        assertThat(r.text()).contains("<ows:Identifier>test:Stats</ows:Identifier>", "<ows:Identifier>test:Broken</ows:Identifier>",
                "updateSequence=\"42\"", "xlink:href=\"http://h/wps?\"");
        assertOws(() -> kvp("GetCapabilities", "AcceptVersions", "2.0.0"), OwsExceptionCode.VERSION_NEGOTIATION_FAILED,
                "AcceptVersions");
    }

    @Test
    void describeProcessGivesEveryInputFromTheProcessDescription() throws Exception {
        CapturedResponse r = kvp("DescribeProcess", "identifier", "test:Stats");
        assertValid("wpsDescribeProcess_response.xsd", r.bytes());
        assertThat(r.text()).contains("<ows:Value>sum</ows:Value><ows:Value>mean</ows:Value>", "<DefaultValue>sum</DefaultValue>",
                "<Input minOccurs=\"1\" maxOccurs=\"5\">", "<ows:UOM>m</ows:UOM>", "<ows:MinimumValue>0.0</ows:MinimumValue>",
                "<ows:MaximumValue>1000000.0</ows:MaximumValue>",
                "<MimeType>application/wkt</MimeType>", "<CRS>EPSG:2154</CRS>", "<MimeType>text/csv</MimeType>");
        CapturedResponse all = kvp("DescribeProcess", "identifier", "ALL");
        assertValid("wpsDescribeProcess_response.xsd", all.bytes());
        assertThat(all.text()).contains("test:Broken");
        CapturedResponse post = xml("DescribeProcess", """
                <wps:DescribeProcess service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0"
                    xmlns:ows="http://www.opengis.net/ows/1.1"><ows:Identifier>test:Broken</ows:Identifier></wps:DescribeProcess>""");
        assertValid("wpsDescribeProcess_response.xsd", post.bytes());
        assertOws(() -> kvp("DescribeProcess", "identifier", "test:Nope"), OwsExceptionCode.INVALID_PARAMETER_VALUE, "Identifier");
        assertOws(() -> kvp("DescribeProcess"), OwsExceptionCode.MISSING_PARAMETER_VALUE, "identifier");
    }

    @Test
    void executeKvpAnswersAValidResponseDocumentWithLineage() throws Exception {
        CapturedResponse r = kvp("Execute", "identifier", "test:Stats",
                "DataInputs", "value=2.5@uom=m;value=4;operation=mean;area=1,2,3,4,EPSG:4326;note=POINT (1 2)@mimeType=application/wkt",
                "lineage", "true");
        assertValid("wpsExecute_response.xsd", r.bytes());
        assertThat(r.text()).contains("<wps:ProcessSucceeded>", "<wps:LiteralData dataType=\"http://www.w3.org/TR/xmlschema-2/#double\" uom=\"m\">3.25</wps:LiteralData>",
                "<wps:DataInputs>", "<wps:OutputDefinitions>", "application/wkt:POINT (1 2)", "EPSG:4326 1.0");
        CapturedResponse plain = kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=1");
        assertValid("wpsExecute_response.xsd", plain.bytes());
        assertThat(plain.text()).doesNotContain("<wps:DataInputs>").contains(">1.0</wps:LiteralData>");
    }

    @Test
    void rawDataOutputsComeInTheAskedFormat() throws Exception {
        CapturedResponse csv = kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=1;value=2",
                "RawDataOutput", "table@mimeType=text/csv");
        assertThat(csv.contentType).startsWith("text/csv");
        assertThat(csv.text()).isEqualTo("value\n1.0\n2.0\n");
        CapturedResponse json = kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=1", "RawDataOutput", "table");
        assertThat(json.contentType).startsWith("application/json");
        assertThat(json.text()).startsWith("{\"values\":[1.0]");
        CapturedResponse literal = kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=7", "RawDataOutput", "result");
        assertThat(literal.contentType).startsWith("text/plain");
        assertThat(literal.text()).isEqualTo("7.0");
    }

    @Test
    void executeXmlPostWithComplexAndBoundingBoxData() throws Exception {
        CapturedResponse r = xml("Execute", """
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0"
                    xmlns:ows="http://www.opengis.net/ows/1.1">
                  <ows:Identifier>test:Stats</ows:Identifier>
                  <wps:DataInputs>
                    <wps:Input><ows:Identifier>value</ows:Identifier><wps:Data><wps:LiteralData>5</wps:LiteralData></wps:Data></wps:Input>
                    <wps:Input><ows:Identifier>value</ows:Identifier><wps:Data><wps:LiteralData uom="m">6</wps:LiteralData></wps:Data></wps:Input>
                    <wps:Input><ows:Identifier>note</ows:Identifier><wps:Data><wps:ComplexData mimeType="application/json">{"a": 1}</wps:ComplexData></wps:Data></wps:Input>
                    <wps:Input><ows:Identifier>area</ows:Identifier><wps:Data><wps:BoundingBoxData crs="EPSG:2154" dimensions="2">
                      <ows:LowerCorner>600000 7000000</ows:LowerCorner><ows:UpperCorner>610000 7010000</ows:UpperCorner></wps:BoundingBoxData></wps:Data></wps:Input>
                  </wps:DataInputs>
                  <wps:ResponseForm><wps:ResponseDocument lineage="true">
                    <wps:Output mimeType="text/csv"><ows:Identifier>table</ows:Identifier></wps:Output>
                    <wps:Output><ows:Identifier>result</ows:Identifier></wps:Output>
                  </wps:ResponseDocument></wps:ResponseForm>
                </wps:Execute>""");
        assertValid("wpsExecute_response.xsd", r.bytes());
        assertThat(r.text()).contains(">11.0</wps:LiteralData>", "<wps:ComplexData mimeType=\"text/csv\" encoding=\"UTF-8\"><![CDATA[value\n5.0\n6.0\n]]>",
                "<ows:LowerCorner>600000.0 7000000.0</ows:LowerCorner>");
        CapturedResponse raw = xml("Execute", """
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0" xmlns:ows="http://www.opengis.net/ows/1.1">
                  <ows:Identifier>test:Stats</ows:Identifier>
                  <wps:DataInputs><wps:Input><ows:Identifier>value</ows:Identifier><wps:Data><wps:LiteralData>5</wps:LiteralData></wps:Data></wps:Input></wps:DataInputs>
                  <wps:ResponseForm><wps:RawDataOutput mimeType="application/json"><ows:Identifier>table</ows:Identifier></wps:RawDataOutput></wps:ResponseForm>
                </wps:Execute>""");
        assertThat(raw.text()).startsWith("{\"values\":[5.0]");
        CapturedResponse gml = xml("Execute", """
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0" xmlns:ows="http://www.opengis.net/ows/1.1">
                  <ows:Identifier>test:Stats</ows:Identifier>
                  <wps:DataInputs>
                    <wps:Input><ows:Identifier>value</ows:Identifier><wps:Data><wps:LiteralData>5</wps:LiteralData></wps:Data></wps:Input>
                    <wps:Input><ows:Identifier>note</ows:Identifier><wps:Data><wps:ComplexData mimeType="application/gml+xml">
                      <gml:Point xmlns:gml="http://www.opengis.net/gml/3.2" srsName="EPSG:2154"><gml:pos>1 2</gml:pos></gml:Point>
                    </wps:ComplexData></wps:Data></wps:Input>
                  </wps:DataInputs>
                  <wps:ResponseForm><wps:RawDataOutput><ows:Identifier>table</ows:Identifier></wps:RawDataOutput></wps:ResponseForm>
                </wps:Execute>""");
        // embedded XML reaches the process as a standalone document, its namespaces declared
        assertThat(gml.text()).contains("application/gml+xml:<gml:Point ", "xmlns:gml='http://www.opengis.net/gml/3.2'",
                "srsName='EPSG:2154'", "><gml:pos>1 2</gml:pos></gml:Point>");
    }

    @Test
    void badInputsAreReportedWithTheInputAsLocator() {
        assertOws(() -> kvp("Execute", "identifier", "test:Stats"), OwsExceptionCode.MISSING_PARAMETER_VALUE, "value");
        assertOws(() -> kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=abc"),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "value");
        assertOws(() -> kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=-1"),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "value");
        for (String outOfRange : List.of("1000000.5", "1e999", "NaN", "-Infinity", "", " ")) {
            assertOws(() -> kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=" + outOfRange),
                    OwsExceptionCode.INVALID_PARAMETER_VALUE, "value");
        }
        assertOws(() -> kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=1@uom=km"),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "value");
        assertOws(() -> kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=1;value=1;value=1;value=1;value=1;value=1"),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "value");
        assertOws(() -> kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=1;operation=max"),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "operation");
        assertOws(() -> kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=1;note=x@mimeType=text/html"),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "note");
        assertOws(() -> kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=1;area=1,2,3,4,EPSG:3857"),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "area");
        assertOws(() -> kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=1;area=5,2,3,4"),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "area");
        assertOws(() -> kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=1;colour=red"),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "colour");
        assertOws(() -> kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=1", "RawDataOutput", "table@mimeType=image/png"),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "table");
        assertOws(() -> kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=1", "ResponseDocument", "nothing"),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "nothing");
        assertOws(() -> kvp("Execute", "identifier", "test:Nope"), OwsExceptionCode.INVALID_PARAMETER_VALUE, "Identifier");
        assertOws(() -> kvp("Execute"), OwsExceptionCode.MISSING_PARAMETER_VALUE, "identifier");
    }

    @Test
    void aFailingProcessIsANoApplicableCodeWithoutItsDetails() {
        assertThatThrownBy(() -> kvp("Execute", "identifier", "test:Broken")).isInstanceOfSatisfying(OwsException.class, e -> {
            assertThat(e.code()).isEqualTo(OwsExceptionCode.NO_APPLICABLE_CODE);
            assertThat(e.getMessage()).contains("test:Broken", "request id").doesNotContain("secret-internal-detail");
        });
    }

    @Test
    void anExternalEntityInAnExecutePostIsRefusedWithoutReadingTheFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String payload = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>"
                + "<wps:Execute service=\"WPS\" version=\"1.0.0\" xmlns:wps=\"http://www.opengis.net/wps/1.0.0\""
                + " xmlns:ows=\"http://www.opengis.net/ows/1.1\"><ows:Identifier>test:Stats</ows:Identifier>"
                + "<wps:DataInputs><wps:Input><ows:Identifier>note</ows:Identifier><wps:Data>"
                + "<wps:ComplexData mimeType=\"application/json\">&e;</wps:ComplexData></wps:Data></wps:Input>"
                + "</wps:DataInputs></wps:Execute>";
        assertThatThrownBy(() -> xml("Execute", payload)).isInstanceOfSatisfying(OwsException.class, e -> {
            assertThat(e.code()).isEqualTo(OwsExceptionCode.OPERATION_PARSING_FAILED);
            assertThat(e.getMessage()).doesNotContain("TOP-SECRET-CONTENT");
        });
    }

    @Test
    void aProcessTheCallerMayNotRunDoesNotExistForThem() throws Exception {
        Caller admin = new Caller("root", java.util.Set.of("admin"));
        assertThat(kvp("GetCapabilities").text()).doesNotContain("test:AdminOnly");
        assertThat(kvp("DescribeProcess", "identifier", "ALL").text()).doesNotContain("test:AdminOnly");
        assertOws(() -> kvp("DescribeProcess", "identifier", "test:AdminOnly"), OwsExceptionCode.INVALID_PARAMETER_VALUE, "Identifier");
        assertOws(() -> kvp("Execute", "identifier", "test:AdminOnly"), OwsExceptionCode.INVALID_PARAMETER_VALUE, "Identifier");
        assertThat(kvpAs(admin, "GetCapabilities").text()).contains("test:AdminOnly");
        assertThat(kvpAs(admin, "Execute", "identifier", "test:AdminOnly", "RawDataOutput", "result").text()).isEqualTo("ran");
    }

    @Test
    void theRegistryRefusesTwoProcessesWithOneName() {
        assertThatThrownBy(() -> new ProcessRegistry(List.of(new TestProcesses.Stats(), new TestProcesses.Stats())))
                .hasMessageContaining("test:Stats");
    }
}
