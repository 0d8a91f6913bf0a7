package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsFixture.PUBLIC;
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
    static WfsFixture wfs;

    @BeforeAll
    static void setUp() throws Exception {
        wfs = WfsFixture.get();
    }

    private static WfsFixture.Answer v2(String request, String... pairs) {
        String[] all = new String[pairs.length + 6];
        System.arraycopy(new String[] {"service", "WFS", "version", "2.0.0", "request", request}, 0, all, 0, 6);
        System.arraycopy(pairs, 0, all, 6, pairs.length);
        return wfs.kvp(PUBLIC, all);
    }

    private static void compiles(WfsFixture.Answer schema) throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setResourceResolver(XmlAssertions.resolver(wfs));
        assertThat(f.newSchema(new StreamSource(new ByteArrayInputStream(schema.body()), "urn:test"))).isNotNull();
    }

    @Test
    void describeFeatureTypeCompilesInBothGmlVersions() throws Exception {
        WfsFixture.Answer gml32 = v2("DescribeFeatureType", "typeNames", "obs:communes");
        assertThat(gml32.status()).isEqualTo(200);
        assertThat(gml32.text()).contains("targetNamespace=\"https://observatoire.yseraa.fr/obs\"",
                "<xs:element name=\"population\" minOccurs=\"0\" nillable=\"true\"><xs:simpleType>"
                        + "<xs:restriction base=\"xs:integer\"><xs:minInclusive value=\"-2147483648\"/>"
                        + "<xs:maxInclusive value=\"2147483647\"/></xs:restriction></xs:simpleType></xs:element>",
                "name=\"name\" type=\"xs:string\"",
                "type=\"gml:MultiSurfacePropertyType\"", "substitutionGroup=\"gml:AbstractFeature\"");
        compiles(gml32);
        WfsFixture.Answer gml311 = wfs.kvp(PUBLIC, "service", "WFS", "version", "1.1.0",
                "request", "DescribeFeatureType", "typeName", "obs:communes,obs:cours_eau");
        assertThat(gml311.text()).contains("gml/3.1.1/base/gml.xsd", "substitutionGroup=\"gml:_Feature\"",
                "gml:MultiCurvePropertyType");
        compiles(gml311);
        // no published key is a bigint (XsdTypesTest: it would be an xs:long): indicator ids are integers
        assertThat(v2("DescribeFeatureType", "typeNames", "obs:indicateurs_commune").text())
                .contains("<xs:element name=\"id\" minOccurs=\"0\" nillable=\"true\"><xs:simpleType>"
                        + "<xs:restriction base=\"xs:integer\">").doesNotContain("xs:long");
        WfsFixture.Answer all = v2("DescribeFeatureType");
        assertThat(all.text()).contains("<xs:import namespace=\"https://observatoire.yseraa.fr/sinp\"");
        compiles(all);
    }

    @Test
    void describeFeatureTypeOfSeveralNamespacesHasATargetNamespaceAndImportsTheOthers() throws Exception {
        WfsFixture.Answer all = v2("DescribeFeatureType");
        assertThat(all.status()).isEqualTo(200);
        Element schema = XmlAssertions.parse(all.body()).getDocumentElement();
        assertThat(schema.getAttribute("targetNamespace")).isEqualTo("https://observatoire.yseraa.fr/obs");
        assertThat(all.text()).contains("<xs:element name=\"communes\" type=\"obs:communesType\"",
                "<xs:import namespace=\"https://observatoire.yseraa.fr/sinp\" schemaLocation=\"",
                "typeNames=sinp%3Aoccurrences");
        assertThat(all.text()).doesNotContain("<xs:import namespace=\"https://observatoire.yseraa.fr/obs\"");
    }

    @Test
    void getPropertyValueAnswersAValueCollection() throws Exception {
        WfsFixture.Answer names = v2("GetPropertyValue", "typeNames", "obs:communes", "valueReference", "name",
                "count", "7");
        assertThat(names.status()).as(names.text()).isEqualTo(200);
        assertValid(WFS_SCHEMA, names);
        Element root = XmlAssertions.parse(names.body()).getDocumentElement();
        assertThat(root.getAttribute("numberMatched")).isEqualTo("96");
        assertThat(root.getElementsByTagNameNS("http://www.opengis.net/wfs/2.0", "member").getLength()).isEqualTo(7);
        WfsFixture.Answer ids = v2("GetPropertyValue", "typeNames", "obs:departements", "valueReference", "@gml:id");
        assertValid(WFS_SCHEMA, ids);
        assertThat(ids.text()).contains("<wfs:member>departements.59</wfs:member>", "<wfs:member>departements.62</wfs:member>");
        WfsFixture.Answer geometries = v2("GetPropertyValue", "typeNames", "obs:departements",
                "valueReference", "geom");
        assertValid(WFS_SCHEMA, geometries);
        assertThat(geometries.text()).contains("<gml:MultiSurface");
    }

    @Test
    void storedQueriesAreListedAndDescribed() throws Exception {
        WfsFixture.Answer list = v2("ListStoredQueries");
        assertValid(WFS_SCHEMA, list);
        assertThat(list.text()).contains("urn:ogc:def:query:OGC-WFS::GetFeatureById", "sinp:occurrences");
        WfsFixture.Answer describe = v2("DescribeStoredQueries",
                "storedQuery_id", "urn:ogc:def:query:OGC-WFS::GetFeatureById");
        assertValid(WFS_SCHEMA, describe);
        WfsFixture.Answer unknown = v2("DescribeStoredQueries", "storedQuery_id", "urn:x:nothing");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text()).contains("InvalidParameterValue");
    }

    @Test
    void clientMistakesAnswerReportsOfTheRequestVersion() throws Exception {
        record Case(WfsFixture.Answer answer, int status, String code, String locator) {
        }
        Case[] cases = {
            new Case(v2("GetFeature", "typeNames", "obs:nothing"), 400, "InvalidParameterValue", "typeNames"),
            new Case(v2("GetFeature"), 400, "MissingParameterValue", "typeNames"),
            new Case(v2("GetFeature", "typeNames", "obs:communes", "filter", "<Filter/>"), 400,
                    "InvalidParameterValue", "filter"),
            new Case(v2("GetFeature", "typeNames", "obs:communes", "cql_filter", "name = "), 400,
                    "InvalidParameterValue", "cql_filter"),
            new Case(v2("GetFeature", "typeNames", "obs:communes", "cql_filter", "no_such_property = 1"), 400,
                    "InvalidParameterValue", "cql_filter"),
            new Case(v2("GetFeature", "typeNames", "obs:communes", "outputFormat", "image/png"), 400,
                    "InvalidParameterValue", "outputFormat"),
            new Case(v2("GetFeature", "typeNames", "obs:communes", "resultType", "all"), 400,
                    "InvalidParameterValue", "resultType"),
            new Case(v2("GetFeature", "typeNames", "obs:communes", "count", "-1"), 400,
                    "InvalidParameterValue", "count"),
            new Case(v2("GetFeature", "typeNames", "obs:communes", "bbox", "1,2,3"), 400,
                    "InvalidParameterValue", "bbox"),
            new Case(v2("GetFeature", "typeNames", "obs:communes", "sortBy", "name UP"), 400,
                    "InvalidParameterValue", "sortBy"),
            new Case(v2("GetPropertyValue", "typeNames", "obs:communes"), 400, "MissingParameterValue",
                    "valueReference"),
            new Case(v2("GetPropertyValue", "typeNames", "obs:communes", "valueReference", ""), 400,
                    "InvalidParameterValue", "valueReference"),
            new Case(v2("DescribeFeatureType", "typeNames", "obs:nothing"), 400, "InvalidParameterValue",
                    "typeNames"),
            new Case(wfs.kvp(PUBLIC, "service", "WFS", "request", "GetFeature", "typeNames", "obs:communes"), 400,
                    "MissingParameterValue", "version"),
            new Case(wfs.xml(PUBLIC, """
                    <wfs:GetFeature service="WFS" version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0"
                        xmlns:fes="http://www.opengis.net/fes/2.0"><wfs:Query typeNames="obs:communes">
                      <fes:Filter><fes:Nonsense/></fes:Filter></wfs:Query></wfs:GetFeature>"""),
                    400, "InvalidParameterValue", "filter"),
        };
        for (Case c : cases) {
            assertThat(c.answer.status()).as(c.answer.text()).isEqualTo(c.status);
            assertValid(OWS_SCHEMA, c.answer);
            assertThat(c.answer.text()).contains("exceptionCode=\"" + c.code + "\"", "locator=\"" + c.locator + "\"",
                    "version=\"2.0.0\"");
        }
        WfsFixture.Answer v11 = wfs.kvp(PUBLIC, "service", "WFS", "version", "1.1.0", "request", "GetFeature",
                "typeName", "obs:nothing");
        assertThat(v11.text()).contains("version=\"1.1.0\"", "locator=\"typeName\"");
        WfsFixture.Answer v11Only = wfs.kvp(PUBLIC, "service", "WFS", "version", "1.1.0",
                "request", "ListStoredQueries");
        assertThat(v11Only.status()).isEqualTo(501);
    }
}
