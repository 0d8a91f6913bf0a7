package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FILTER (FES 2.0 and 1.1), CQL_FILTER and fes:Filter in XML POST, compiled against what the caller may see (for a
 * policy's layer: {@link AccessPolicyContract}).
 */
class FilterTest {

    static final String FES = "xmlns=\"http://www.opengis.net/fes/2.0\"";
    static WfsHarness wfs;

    @BeforeAll
    static void setUp() throws Exception {
        wfs = WfsFixture.get();
    }

    private static long count(String sql) throws Exception {
        return Long.parseLong(wfs.queryMap("SELECT 'n', (" + sql + ")::text").get("n"));
    }

    @Test
    void cqlAndFesFiltersSelectWhatTheDatabaseCounts() throws Exception {
        long bufo = count("SELECT count(*) FROM fixture.sighting WHERE species = 'Bufo bufo' AND level < 4");
        assertThat(bufo).isPositive();
        assertThat(wfs.hits(PUBLIC, "survey:sightings", "cql_filter", "species = 'Bufo bufo'")).isEqualTo(bufo);
        assertThat(wfs.hits(PUBLIC, "survey:sightings", "filter", "<Filter " + FES + "><PropertyIsEqualTo>"
                + "<ValueReference>species</ValueReference><Literal>Bufo bufo</Literal></PropertyIsEqualTo></Filter>"))
                .isEqualTo(bufo);
        long manyToads = count("SELECT count(*) FROM fixture.sighting WHERE species = 'Bufo bufo' AND weight > 20 "
                + "AND level < 4");
        assertThat(wfs.hits(PUBLIC, "survey:sightings", "cql_filter", "species = 'Bufo bufo' AND weight > 20"))
                .isEqualTo(manyToads);
        assertThat(wfs.hits(PUBLIC, "base:zones", "cql_filter", "name LIKE 'Saint-%'"))
                .isEqualTo(count("SELECT count(*) FROM fixture.zone WHERE name LIKE 'Saint-%'"));
    }

    @Test
    void xmlPostFiltersAndResourceIds() throws Exception {
        WfsHarness.Answer a = wfs.xml(PUBLIC, """
                <wfs:GetFeature service="WFS" version="2.0.0" resultType="hits" xmlns:wfs="http://www.opengis.net/wfs/2.0"
                    xmlns:fes="http://www.opengis.net/fes/2.0"><wfs:Query typeNames="base:zones">
                  <fes:Filter><fes:ResourceId rid="zones.10040"/><fes:ResourceId rid="zones.10041"/></fes:Filter>
                </wfs:Query></wfs:GetFeature>""");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(XmlAssertions.parse(a.body()).getDocumentElement().getAttribute("numberMatched")).isEqualTo("2");
        assertThat(wfs.hits(PUBLIC, "base:zones", "resourceId", "zones.10040,zones.00000")).isEqualTo(1);
        WfsHarness.Answer otherType = wfs.xml(PUBLIC, """
                <wfs:GetFeature service="WFS" version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0"
                    xmlns:fes="http://www.opengis.net/fes/2.0"><wfs:Query typeNames="base:zones">
                  <fes:Filter><fes:ResourceId rid="regions.N"/></fes:Filter>
                </wfs:Query></wfs:GetFeature>""");
        assertThat(otherType.status()).isEqualTo(400);
        assertThat(otherType.text()).contains("exceptionCode=\"InvalidParameterValue\"", "locator=\"resourceId\"");
    }

    @Test
    void propertyIsNullReadsTheGeometryAndTheGmlPropertiesNoFeatureCarries() throws Exception {
        String gml = "xmlns:gml=\"http://www.opengis.net/gml/3.2\"";
        long all = wfs.hits(PUBLIC, "base:zones");
        assertThat(all).isEqualTo(96);
        assertThat(wfs.hits(PUBLIC, "base:regions", "filter", "<Filter " + FES + " " + gml + "><PropertyIsNull>"
                + "<ValueReference>gml:name</ValueReference></PropertyIsNull></Filter>"))
                .isEqualTo(wfs.hits(PUBLIC, "base:regions")).isPositive();
        // zones have their own name, which gml:name is not
        assertThat(wfs.hits(PUBLIC, "base:zones", "filter", "<Filter " + FES + " " + gml + "><Not><PropertyIsNull>"
                + "<ValueReference>gml:name</ValueReference></PropertyIsNull></Not></Filter>")).isZero();
        assertThat(wfs.hits(PUBLIC, "base:zones", "filter", "<Filter " + FES + "><Not><PropertyIsNull>"
                + "<ValueReference>name</ValueReference></PropertyIsNull></Not></Filter>")).isEqualTo(all);
        assertThat(wfs.hits(PUBLIC, "base:zones", "filter", "<Filter " + FES + "><Not><PropertyIsNull>"
                + "<ValueReference>geom</ValueReference></PropertyIsNull></Not></Filter>")).isEqualTo(all);
        assertThat(wfs.hits(PUBLIC, "base:zones", "filter", "<Filter " + FES + "><PropertyIsNull>"
                + "<ValueReference>geom</ValueReference></PropertyIsNull></Filter>")).isZero();
    }

    @Test
    void propertyIsNilSelectsTheFeaturesWhoseGmlWritesTheValueNil() throws Exception {
        long missing = count("SELECT count(*) FROM fixture.zone WHERE population IS NULL");
        assertThat(missing).isPositive();
        WfsHarness.Answer a = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "base:zones", "filter", "<Filter " + FES + "><PropertyIsNil>"
                        + "<ValueReference>population</ValueReference></PropertyIsNil></Filter>");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        org.w3c.dom.Document doc = XmlAssertions.parse(a.body());
        org.w3c.dom.NodeList populations = doc.getElementsByTagNameNS(WfsFixture.BASE_NS, "population");
        assertThat(populations.getLength()).isEqualTo((int) missing);
        for (int i = 0; i < populations.getLength(); i++) {
            org.w3c.dom.Element p = (org.w3c.dom.Element) populations.item(i);
            assertThat(p.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil")).isEqualTo("true");
            assertThat(p.getTextContent()).isEmpty();
        }
        XmlAssertions.assertValidWithFeatureSchemas(wfs, a);
        WfsHarness.Answer gml311 = wfs.kvp(PUBLIC, "service", "WFS", "version", "1.1.0", "request", "GetFeature",
                "typeName", "base:zones", "cql_filter", "population IS NULL");
        assertThat(gml311.text()).contains("<base:population xsi:nil=\"true\"/>");
        XmlAssertions.assertValidWithFeatureSchemas(wfs, gml311);
    }

    @Test
    void comparingGmlBoundedByIsAProcessingFailure() throws Exception {
        WfsHarness.Answer a = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "base:zones", "filter", "<Filter " + FES + " xmlns:gml=\"http://www.opengis.net/gml/3.2\">"
                        + "<PropertyIsLessThanOrEqualTo><Literal><gml:Envelope srsName=\"urn:ogc:def:crs:EPSG::4326\">"
                        + "<gml:lowerCorner>50 2</gml:lowerCorner><gml:upperCorner>51 3</gml:upperCorner></gml:Envelope>"
                        + "</Literal><ValueReference>gml:boundedBy</ValueReference></PropertyIsLessThanOrEqualTo></Filter>");
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.text()).contains("exceptionCode=\"OperationProcessingFailed\"", "locator=\"filter\"");
    }
}
