package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
import static fr.yseraa.observatory.wfs.XmlAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** DescribeFeatureType, GetPropertyValue, the stored queries and the exception reports. */
class OperationsTest {

    static final String WFS_SCHEMA = "http://schemas.opengis.net/wfs/2.0/wfs.xsd";
    static final String OWS_SCHEMA = "http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd";
    static WfsHarness wfs;

    @BeforeAll
    static void setUp() throws Exception {
        wfs = WfsFixture.get();
    }

    private static WfsHarness.Answer v2(String request, String... pairs) {
        String[] all = new String[pairs.length + 6];
        System.arraycopy(new String[] {"service", "WFS", "version", "2.0.0", "request", request}, 0, all, 0, 6);
        System.arraycopy(pairs, 0, all, 6, pairs.length);
        return wfs.kvp(PUBLIC, all);
    }

    private static void compiles(WfsHarness.Answer schema) throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setResourceResolver(XmlAssertions.resolver(wfs));
        assertThat(f.newSchema(new StreamSource(new ByteArrayInputStream(schema.body()), "urn:test"))).isNotNull();
    }

    @Test
    void describeFeatureTypeCompilesInBothGmlVersions() throws Exception {
        WfsHarness.Answer gml32 = v2("DescribeFeatureType", "typeNames", "base:zones");
        assertThat(gml32.status()).isEqualTo(200);
        assertThat(gml32.text()).contains("targetNamespace=\"https://example.org/base\"",
                "<xs:element name=\"population\" minOccurs=\"0\" nillable=\"true\"><xs:simpleType>"
                        + "<xs:restriction base=\"xs:integer\"><xs:minInclusive value=\"-2147483648\"/>"
                        + "<xs:maxInclusive value=\"2147483647\"/></xs:restriction></xs:simpleType></xs:element>",
                "name=\"name\" type=\"xs:string\"",
                "type=\"gml:MultiSurfacePropertyType\"", "substitutionGroup=\"gml:AbstractFeature\"");
        compiles(gml32);
        WfsHarness.Answer gml311 = wfs.kvp(PUBLIC, "service", "WFS", "version", "1.1.0",
                "request", "DescribeFeatureType", "typeName", "base:zones,base:streams");
        assertThat(gml311.text()).contains("gml/3.1.1/base/gml.xsd", "substitutionGroup=\"gml:_Feature\"",
                "gml:MultiCurvePropertyType");
        compiles(gml311);
        // an integer key is published as a bounded xs:integer (XsdTypesTest: a bigint would be an xs:long)
        assertThat(v2("DescribeFeatureType", "typeNames", "base:streams").text())
                .contains("<xs:element name=\"id\" minOccurs=\"0\" nillable=\"true\"><xs:simpleType>"
                        + "<xs:restriction base=\"xs:integer\">").doesNotContain("xs:long");
        WfsHarness.Answer all = v2("DescribeFeatureType");
        assertThat(all.text()).contains("<xs:import namespace=\"https://example.org/survey\"");
        compiles(all);
    }

    @Test
    void describeFeatureTypeOfSeveralNamespacesHasATargetNamespaceAndImportsTheOthers() throws Exception {
        WfsHarness.Answer all = v2("DescribeFeatureType");
        assertThat(all.status()).isEqualTo(200);
        Element schema = XmlAssertions.parse(all.body()).getDocumentElement();
        assertThat(schema.getAttribute("targetNamespace")).isEqualTo("https://example.org/base");
        assertThat(all.text()).contains("<xs:element name=\"zones\" type=\"base:zonesType\"",
                "<xs:import namespace=\"https://example.org/survey\" schemaLocation=\"",
                "typeNames=survey%3Asightings");
        assertThat(all.text()).doesNotContain("<xs:import namespace=\"https://example.org/base\"");
    }

    @Test
    void getPropertyValueAnswersAValueCollection() throws Exception {
        WfsHarness.Answer names = v2("GetPropertyValue", "typeNames", "base:zones", "valueReference", "name",
                "count", "7");
        assertThat(names.status()).as(names.text()).isEqualTo(200);
        assertValid(WFS_SCHEMA, names);
        Element root = XmlAssertions.parse(names.body()).getDocumentElement();
        assertThat(root.getAttribute("numberMatched")).isEqualTo("96");
        assertThat(root.getElementsByTagNameNS("http://www.opengis.net/wfs/2.0", "member").getLength()).isEqualTo(7);
        WfsHarness.Answer ids = v2("GetPropertyValue", "typeNames", "base:regions", "valueReference", "@gml:id");
        assertValid(WFS_SCHEMA, ids);
        assertThat(ids.text()).contains("<wfs:member>regions.N</wfs:member>", "<wfs:member>regions.S</wfs:member>");
        WfsHarness.Answer geometries = v2("GetPropertyValue", "typeNames", "base:regions",
                "valueReference", "geom");
        assertValid(WFS_SCHEMA, geometries);
        assertThat(geometries.text()).contains("<gml:MultiSurface");
    }

    @Test
    void storedQueriesAreListedAndDescribed() throws Exception {
        WfsHarness.Answer list = v2("ListStoredQueries");
        assertValid(WFS_SCHEMA, list);
        assertThat(list.text()).contains("urn:ogc:def:query:OGC-WFS::GetFeatureById", "survey:sightings");
        WfsHarness.Answer describe = v2("DescribeStoredQueries",
                "storedQuery_id", "urn:ogc:def:query:OGC-WFS::GetFeatureById");
        assertValid(WFS_SCHEMA, describe);
        WfsHarness.Answer unknown = v2("DescribeStoredQueries", "storedQuery_id", "urn:x:nothing");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text()).contains("InvalidParameterValue");
    }

    @Test
    void clientMistakesAnswerReportsOfTheRequestVersion() throws Exception {
        record Case(WfsHarness.Answer answer, int status, String code, String locator) {
        }
        Case[] cases = {
            new Case(v2("GetFeature", "typeNames", "base:nothing"), 400, "InvalidParameterValue", "typeNames"),
            new Case(v2("GetFeature"), 400, "MissingParameterValue", "typeNames"),
            new Case(v2("GetFeature", "typeNames", "base:zones", "filter", "<Filter/>"), 400,
                    "InvalidParameterValue", "filter"),
            new Case(v2("GetFeature", "typeNames", "base:zones", "cql_filter", "name = "), 400,
                    "InvalidParameterValue", "cql_filter"),
            new Case(v2("GetFeature", "typeNames", "base:zones", "cql_filter", "no_such_property = 1"), 400,
                    "InvalidParameterValue", "cql_filter"),
            new Case(v2("GetFeature", "typeNames", "base:zones", "outputFormat", "image/png"), 400,
                    "InvalidParameterValue", "outputFormat"),
            new Case(v2("GetFeature", "typeNames", "base:zones", "resultType", "all"), 400,
                    "InvalidParameterValue", "resultType"),
            new Case(v2("GetFeature", "typeNames", "base:zones", "count", "-1"), 400,
                    "InvalidParameterValue", "count"),
            new Case(v2("GetFeature", "typeNames", "base:zones", "bbox", "1,2,3"), 400,
                    "InvalidParameterValue", "bbox"),
            new Case(v2("GetFeature", "typeNames", "base:zones", "sortBy", "name UP"), 400,
                    "InvalidParameterValue", "sortBy"),
            new Case(v2("GetPropertyValue", "typeNames", "base:zones"), 400, "MissingParameterValue",
                    "valueReference"),
            new Case(v2("GetPropertyValue", "typeNames", "base:zones", "valueReference", ""), 400,
                    "InvalidParameterValue", "valueReference"),
            new Case(v2("DescribeFeatureType", "typeNames", "base:nothing"), 400, "InvalidParameterValue",
                    "typeNames"),
            new Case(wfs.kvp(PUBLIC, "service", "WFS", "request", "GetFeature", "typeNames", "base:zones"), 400,
                    "MissingParameterValue", "version"),
            new Case(wfs.xml(PUBLIC, """
                    <wfs:GetFeature service="WFS" version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0"
                        xmlns:fes="http://www.opengis.net/fes/2.0"><wfs:Query typeNames="base:zones">
                      <fes:Filter><fes:Nonsense/></fes:Filter></wfs:Query></wfs:GetFeature>"""),
                    400, "InvalidParameterValue", "filter"),
        };
        for (Case c : cases) {
            assertThat(c.answer.status()).as(c.answer.text()).isEqualTo(c.status);
            assertValid(OWS_SCHEMA, c.answer);
            assertThat(c.answer.text()).contains("exceptionCode=\"" + c.code + "\"", "locator=\"" + c.locator + "\"",
                    "version=\"2.0.0\"");
        }
        WfsHarness.Answer v11 = wfs.kvp(PUBLIC, "service", "WFS", "version", "1.1.0", "request", "GetFeature",
                "typeName", "base:nothing");
        assertThat(v11.text()).contains("version=\"1.1.0\"", "locator=\"typeName\"");
        WfsHarness.Answer v11Only = wfs.kvp(PUBLIC, "service", "WFS", "version", "1.1.0",
                "request", "ListStoredQueries");
        assertThat(v11Only.status()).isEqualTo(501);
    }
}
