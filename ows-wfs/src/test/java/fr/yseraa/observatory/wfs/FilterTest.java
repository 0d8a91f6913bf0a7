package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.INSTRUCTOR;
import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FILTER (FES 2.0 and 1.1), CQL_FILTER and fes:Filter in XML POST, compiled against what the caller may see. */
class FilterTest {

    static final String FES = "xmlns=\"http://www.opengis.net/fes/2.0\"";
    static WfsHarness wfs;

    @BeforeAll
    static void setUp() throws Exception {
        wfs = WfsFixture.get();
    }

    private static long hits(Caller caller, String type, String... filter) throws Exception {
        String[] pairs = new String[10 + filter.length];
        String[] base = {"service", "WFS", "version", "2.0.0", "request", "GetFeature", "typeNames", type,
                "resultType", "hits"};
        System.arraycopy(base, 0, pairs, 0, base.length);
        System.arraycopy(filter, 0, pairs, base.length, filter.length);
        WfsHarness.Answer a = wfs.kvp(caller, pairs);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return Long.parseLong(XmlAssertions.parse(a.body()).getDocumentElement().getAttribute("numberMatched"));
    }

    private static long count(String sql) throws Exception {
        return Long.parseLong(wfs.queryMap("SELECT 'n', (" + sql + ")::text").get("n"));
    }

    @Test
    void cqlAndFesFiltersSelectWhatTheDatabaseCounts() throws Exception {
        long bufo = count("SELECT count(*) FROM fixture.sighting WHERE species = 'Bufo bufo' AND level < 4");
        assertThat(bufo).isPositive();
        assertThat(hits(PUBLIC, "survey:sightings", "cql_filter", "species = 'Bufo bufo'")).isEqualTo(bufo);
        assertThat(hits(PUBLIC, "survey:sightings", "filter", "<Filter " + FES + "><PropertyIsEqualTo>"
                + "<ValueReference>species</ValueReference><Literal>Bufo bufo</Literal></PropertyIsEqualTo></Filter>"))
                .isEqualTo(bufo);
        long manyToads = count("SELECT count(*) FROM fixture.sighting WHERE species = 'Bufo bufo' AND weight > 20 "
                + "AND level < 4");
        assertThat(hits(PUBLIC, "survey:sightings", "cql_filter", "species = 'Bufo bufo' AND weight > 20"))
                .isEqualTo(manyToads);
        assertThat(hits(PUBLIC, "base:zones", "cql_filter", "name LIKE 'Saint-%'"))
                .isEqualTo(count("SELECT count(*) FROM fixture.zone WHERE name LIKE 'Saint-%'"));
    }

    @Test
    void filtersOnAPolicysLayerCountOnlyWhatTheCallerMaySee() throws Exception {
        long publicMany = count("SELECT count(*) FROM fixture.sighting WHERE individuals > 5 AND level < 4");
        long allMany = count("SELECT count(*) FROM fixture.sighting WHERE individuals > 5");
        assertThat(publicMany).isLessThan(allMany);
        assertThat(hits(PUBLIC, "survey:sightings", "cql_filter", "individuals > 5")).isEqualTo(publicMany);
        assertThat(hits(INSTRUCTOR, "survey:sightings", "cql_filter", "individuals > 5")).isEqualTo(allMany);
        // a filter on an attribute the public may not see is refused, as if the attribute did not exist
        WfsHarness.Answer hidden = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "survey:sightings", "resultType", "hits", "cql_filter", "observer LIKE 'Observateur 1%'");
        assertThat(hidden.status()).isEqualTo(400);
        assertThat(hidden.text()).contains("InvalidParameterValue", "locator=\"cql_filter\"");
        assertThat(hits(INSTRUCTOR, "survey:sightings", "cql_filter", "observer LIKE 'Observateur 1%'")).isPositive();
    }

    @Test
    void spatialFiltersUseTheGeometryTheCallerSees() throws Exception {
        // a 2 m box around the exact point of a sighting the public sees blurred, away from its cell's corners
        String point = wfs.queryMap("SELECT 'p', ST_X(geom) || ' ' || ST_Y(geom) FROM fixture.sighting "
                + "WHERE level = 2 AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 1").get("p");
        String[] xy = point.split(" ");
        double x = Double.parseDouble(xy[0]);
        double y = Double.parseDouble(xy[1]);
        String box = String.format(java.util.Locale.ROOT, "BBOX(geom, %.1f, %.1f, %.1f, %.1f, 'EPSG:2154')",
                x - 1, y - 1, x + 1, y + 1);
        long publicAround = hits(PUBLIC, "survey:sightings", "cql_filter", box);
        long cellCount = count(String.format(java.util.Locale.ROOT, "SELECT count(*) FROM fixture.sighting WHERE "
                + "level < 4 AND ST_Intersects(" + FixturePolicy.PUBLIC_GEOMETRY
                + ", ST_MakeEnvelope(%.1f, %.1f, %.1f, %.1f, 2154))", x - 1, y - 1, x + 1, y + 1));
        assertThat(publicAround).isEqualTo(cellCount).isGreaterThan(1); // the whole blurred cell answers
        assertThat(hits(INSTRUCTOR, "survey:sightings", "cql_filter", box)).isLessThan(publicAround);
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
        assertThat(hits(PUBLIC, "base:zones", "resourceId", "zones.10040,zones.00000")).isEqualTo(1);
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
        long all = hits(PUBLIC, "base:zones");
        assertThat(all).isEqualTo(96);
        assertThat(hits(PUBLIC, "base:regions", "filter", "<Filter " + FES + " " + gml + "><PropertyIsNull>"
                + "<ValueReference>gml:name</ValueReference></PropertyIsNull></Filter>"))
                .isEqualTo(hits(PUBLIC, "base:regions")).isPositive();
        // zones have their own name, which gml:name is not
        assertThat(hits(PUBLIC, "base:zones", "filter", "<Filter " + FES + " " + gml + "><Not><PropertyIsNull>"
                + "<ValueReference>gml:name</ValueReference></PropertyIsNull></Not></Filter>")).isZero();
        assertThat(hits(PUBLIC, "base:zones", "filter", "<Filter " + FES + "><Not><PropertyIsNull>"
                + "<ValueReference>name</ValueReference></PropertyIsNull></Not></Filter>")).isEqualTo(all);
        assertThat(hits(PUBLIC, "base:zones", "filter", "<Filter " + FES + "><Not><PropertyIsNull>"
                + "<ValueReference>geom</ValueReference></PropertyIsNull></Not></Filter>")).isEqualTo(all);
        assertThat(hits(PUBLIC, "base:zones", "filter", "<Filter " + FES + "><PropertyIsNull>"
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
