package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
import static fr.yseraa.observatory.wfs.XmlAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CapabilitiesTest {

    static WfsHarness wfs;

    @BeforeAll
    static void setUp() throws Exception {
        wfs = WfsFixture.get();
    }

    private static List<String> texts(Document doc, String ns, String localName) {
        List<String> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS(ns, localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().trim());
        }
        return out;
    }

    private static String constraint(Document doc, String name) {
        NodeList nodes = doc.getElementsByTagNameNS("*", "Constraint");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (name.equals(e.getAttribute("name"))) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    @Test
    void capabilities200AreValidAndListEveryReadableLayer() throws Exception {
        WfsHarness.Answer a = wfs.kvp(PUBLIC, "service", "WFS", "request", "GetCapabilities");
        assertThat(a.status()).isEqualTo(200);
        assertValid("http://schemas.opengis.net/wfs/2.0/wfs.xsd", a);
        Document doc = XmlAssertions.parse(a.body());
        assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("2.0.0");
        String wfs2 = "http://www.opengis.net/wfs/2.0";
        assertThat(texts(doc, wfs2, "Name")).hasSize(4).contains("survey:sightings", "base:zones")
                .doesNotContain("survey:protected_zones");
        assertThat(texts(doc, wfs2, "DefaultCRS")).containsOnly("urn:ogc:def:crs:EPSG::2154");
        assertThat(texts(doc, wfs2, "OtherCRS")).contains("urn:ogc:def:crs:EPSG::4326", "urn:ogc:def:crs:EPSG::3035");
        assertThat(texts(doc, "http://www.opengis.net/ows/1.1", "Title")).contains("Service d'essai du moteur WFS");
        assertThat(constraint(doc, "CountDefault")).isEqualTo(Integer.toString(WfsHarness.MAX_FEATURES));
        assertThat(constraint(doc, "ImplementsResultPaging")).isEqualTo("TRUE");
        assertThat(constraint(doc, "ImplementsBasicWFS")).isEqualTo("TRUE");
        assertThat(constraint(doc, "ImplementsMinStandardFilter")).isEqualTo("TRUE");
        assertThat(constraint(doc, "ImplementsMinSpatialFilter")).isEqualTo("TRUE");
        assertThat(constraint(doc, "ImplementsFunctions")).isEqualTo("FALSE");
        assertThat(constraint(doc, "ImplementsSorting")).isEqualTo("TRUE");
        // a service given no lock store neither locks nor claims the class (the server's does: WfsLockingTest)
        assertThat(constraint(doc, "ImplementsLockingWFS")).isEqualTo("FALSE");
        assertThat(a.text()).doesNotContain("LockFeature", "GetFeatureWithLock");
        assertThat(a.text()).contains("application/gml+xml; version=3.2", "application/json", "text/csv");
    }

    @Test
    void capabilities110AreValid() throws Exception {
        WfsHarness.Answer a = wfs.kvp(PUBLIC, "service", "WFS", "request", "GetCapabilities", "version", "1.1.0");
        assertThat(a.status()).isEqualTo(200);
        assertValid("http://schemas.opengis.net/wfs/1.1.0/wfs.xsd", a);
        Document doc = XmlAssertions.parse(a.body());
        assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("1.1.0");
        assertThat(texts(doc, "http://www.opengis.net/wfs", "DefaultSRS")).hasSize(4)
                .containsOnly("urn:x-ogc:def:crs:EPSG:2154");
    }

    @Test
    void theExtentsAreInLongitudeLatitude() throws Exception {
        Document doc = XmlAssertions.parse(wfs.kvp(PUBLIC, "service", "WFS", "request", "GetCapabilities").body());
        NodeList types = doc.getElementsByTagNameNS("http://www.opengis.net/wfs/2.0", "FeatureType");
        for (int i = 0; i < types.getLength(); i++) {
            Element t = (Element) types.item(i);
            String lower = t.getElementsByTagNameNS("http://www.opengis.net/ows/1.1", "LowerCorner").item(0)
                    .getTextContent();
            String[] xy = lower.split(" ");
            assertThat(Double.parseDouble(xy[0])).as(lower).isBetween(1.0, 3.5); // longitude first
            assertThat(Double.parseDouble(xy[1])).as(lower).isBetween(49.5, 51.5);
        }
    }

    @Test
    void acceptVersionsNegotiates() throws Exception {
        WfsHarness.Answer a = wfs.kvp(PUBLIC, "service", "WFS", "request", "GetCapabilities",
                "acceptversions", "3.0.0,1.1.0");
        assertThat(XmlAssertions.parse(a.body()).getDocumentElement().getAttribute("version")).isEqualTo("1.1.0");
        WfsHarness.Answer failed = wfs.kvp(PUBLIC, "service", "WFS", "request", "GetCapabilities",
                "acceptversions", "3.0.0");
        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.text()).contains("VersionNegotiationFailed");
        assertValid("http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd", failed);
    }

    @Test
    void capabilitiesByXmlPost() throws Exception {
        WfsHarness.Answer a = wfs.xml(PUBLIC, """
                <GetCapabilities xmlns="http://www.opengis.net/wfs/2.0" xmlns:ows="http://www.opengis.net/ows/1.1"
                    service="WFS"><ows:AcceptVersions><ows:Version>2.0.0</ows:Version></ows:AcceptVersions>
                </GetCapabilities>""");
        assertThat(a.status()).isEqualTo(200);
        assertValid("http://schemas.opengis.net/wfs/2.0/wfs.xsd", a);
    }
}
