package fr.yseraa.observatory.wms.capabilities;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.AccessPolicy;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerRules;
import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.wms.WmsService;
import fr.yseraa.observatory.wms.WmsSettings;
import fr.yseraa.observatory.wms.testing.WmsClient;
import fr.yseraa.observatory.wms.testing.WmsFixture;
import fr.yseraa.observatory.wms.testing.XmlChecks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CapabilitiesTest {

    static final String WMS = "http://www.opengis.net/wms";
    static WmsClient wms;
    static final List<String> ALL_LAYERS = List.of("essai:zones", "essai:sites", "essai:landcover", "essai:sightings");

    @BeforeAll
    static void start() throws Exception {
        wms = WmsFixture.client();
    }

    private static List<String> texts(Document doc, String ns, String name) {
        NodeList nodes = ns == null ? doc.getElementsByTagName(name) : doc.getElementsByTagNameNS(ns, name);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    private static Element namedLayer(Document doc, String ns, String name) {
        NodeList layers = ns == null ? doc.getElementsByTagName("Layer") : doc.getElementsByTagNameNS(ns, "Layer");
        for (int i = 0; i < layers.getLength(); i++) {
            Element l = (Element) layers.item(i);
            Element n = (Element) l.getElementsByTagNameNS(ns == null ? "*" : ns, "Name").item(0);
            if (n != null && n.getParentNode() == l && n.getTextContent().equals(name)) {
                return l;
            }
        }
        throw new AssertionError("no layer " + name);
    }

    @Test
    void version130IsSchemaValidAndListsEveryLayer() throws Exception {
        WmsClient.Answer a = wms.get("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.3.0");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("text/xml");
        // the SLD profile's schema imports the WMS 1.3.0 one: the whole document is checked, extensions included
        assertThat(XmlChecks.schemaProblems(WmsCapabilitiesWriter.SLD_SCHEMA, a.body())).isEmpty();
        Document doc = XmlChecks.parse(a.body());
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("version")).isEqualTo("1.3.0");
        assertThat(root.getAttribute("updateSequence")).isEqualTo(Long.toString(WmsFixture.catalog().updateSequence()));
        assertThat(doc.getElementsByTagNameNS(WmsCapabilitiesWriter.SLD_NS, "GetLegendGraphic").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagNameNS(WmsCapabilitiesWriter.SLD_NS, "UserDefinedSymbolization").getLength()).isEqualTo(1);
        List<String> names = texts(doc, WMS, "Name");
        assertThat(names).containsAll(ALL_LAYERS);
        // service metadata from data-dir/service.yaml
        assertThat(texts(doc, WMS, "Title").get(0)).isEqualTo(WmsFixture.catalog().service().title());
        // one group per workspace under the root layer
        Element rootLayer = (Element) doc.getElementsByTagNameNS(WMS, "Layer").item(0);
        assertThat(rootLayer.getElementsByTagNameNS(WMS, "CRS").getLength()).isGreaterThanOrEqualTo(6);
        assertThat(texts(doc, WMS, "CRS")).contains("EPSG:2154", "EPSG:3857", "EPSG:4326", "CRS:84", "EPSG:4258", "EPSG:3035");
    }

    @Test
    void boundingBoxesFollowTheAxisOrderOfEachVersion() throws Exception {
        Document v13 = XmlChecks.parse(wms.get("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.3.0").body());
        Element zones = namedLayer(v13, WMS, "essai:zones");
        Map<String, Element> boxes = new HashMap<>();
        NodeList list = zones.getElementsByTagNameNS(WMS, "BoundingBox");
        for (int i = 0; i < list.getLength(); i++) {
            Element b = (Element) list.item(i);
            boxes.put(b.getAttribute("CRS"), b);
        }
        assertThat(boxes).containsKeys("EPSG:2154", "EPSG:4326", "EPSG:3857", "EPSG:3035", "EPSG:4258");
        // EPSG:4326 in 1.3.0: latitude first (around 50.7), longitude second (around 2.2)
        assertThat(Double.parseDouble(boxes.get("EPSG:4326").getAttribute("minx"))).isBetween(50.0, 51.5);
        assertThat(Double.parseDouble(boxes.get("EPSG:4326").getAttribute("miny"))).isBetween(1.5, 3.0);
        // EPSG:3035 is northing first too: northing about 3.1e6 here, easting about 3.8e6
        assertThat(Double.parseDouble(boxes.get("EPSG:3035").getAttribute("minx"))).isBetween(3.0e6, 3.2e6);
        assertThat(Double.parseDouble(boxes.get("EPSG:3035").getAttribute("miny"))).isBetween(3.7e6, 3.9e6);
        // Lambert-93: easting then northing
        assertThat(Double.parseDouble(boxes.get("EPSG:2154").getAttribute("minx"))).isBetween(600_000.0, 700_000.0);
        assertThat(Double.parseDouble(boxes.get("EPSG:2154").getAttribute("miny"))).isBetween(7_000_000.0, 7_100_000.0);
        Element geo = (Element) zones.getElementsByTagNameNS(WMS, "westBoundLongitude").item(0);
        assertThat(Double.parseDouble(geo.getTextContent())).isBetween(1.5, 3.0);

        Document v11 = XmlChecks.parse(wms.get("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.1.1").body());
        Element zones11 = namedLayer(v11, null, "essai:zones");
        NodeList list11 = zones11.getElementsByTagName("BoundingBox");
        boolean seen = false;
        for (int i = 0; i < list11.getLength(); i++) {
            Element b = (Element) list11.item(i);
            if (b.getAttribute("SRS").equals("EPSG:4326")) {
                seen = true;
                assertThat(Double.parseDouble(b.getAttribute("minx"))).isBetween(1.5, 3.0); // longitude first
            }
        }
        assertThat(seen).isTrue();
    }

    @Test
    void layersCarryStylesLegendsAttributionAndTime() throws Exception {
        Document doc = XmlChecks.parse(wms.get("SERVICE", "WMS", "REQUEST", "GetCapabilities").body());
        Element sightings = namedLayer(doc, WMS, "essai:sightings");
        assertThat(sightings.getAttribute("queryable")).isEqualTo("1");
        Element dimension = (Element) sightings.getElementsByTagNameNS(WMS, "Dimension").item(0);
        assertThat(dimension.getAttribute("name")).isEqualTo("time");
        assertThat(dimension.getAttribute("units")).isEqualTo("ISO8601");
        Object[] range = WmsFixture.query("SELECT min(seen_on)::text, max(seen_on)::text FROM essai.sighting "
                + "WHERE level < 4").get(0);
        assertThat(dimension.getTextContent()).isEqualTo(range[0] + "/" + range[1] + "/P1D");
        Element style = (Element) sightings.getElementsByTagNameNS(WMS, "Style").item(0);
        assertThat(style.getElementsByTagNameNS(WMS, "Name").item(0).getTextContent()).isEqualTo("sightings");
        assertThat(style.getElementsByTagNameNS(WMS, "Title").item(0).getTextContent()).isEqualTo("Observations");
        Element legend = (Element) style.getElementsByTagNameNS(WMS, "LegendURL").item(0);
        Element link = (Element) legend.getElementsByTagNameNS(WMS, "OnlineResource").item(0);
        assertThat(link.getAttributeNS("http://www.w3.org/1999/xlink", "href"))
                .startsWith(WmsClient.URL + "?SERVICE=WMS&REQUEST=GetLegendGraphic")
                .contains("LAYER=essai%3Asightings", "STYLE=sightings");
        assertThat(sightings.getElementsByTagNameNS(WMS, "Attribution").getLength()).isEqualTo(1);
        assertThat(namedLayer(doc, WMS, "essai:landcover").getElementsByTagNameNS(WMS, "Dimension").getLength())
                .isEqualTo(1);
        assertThat(namedLayer(doc, WMS, "essai:zones").getElementsByTagNameNS(WMS, "Dimension").getLength()).isZero();
    }

    @Test
    void version111IsValidAgainstItsDtd() throws Exception {
        WmsClient.Answer a = wms.get("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.1.1");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/vnd.ogc.wms_xml");
        assertThat(XmlChecks.dtdProblems(a.body())).isEmpty();
        Document doc = XmlChecks.parse(a.body());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("WMT_MS_Capabilities");
        assertThat(texts(doc, null, "Name")).containsAll(ALL_LAYERS);
        assertThat(texts(doc, null, "Extent")).hasSize(2); // sightings, land cover
    }

    @Test
    void versionsAreNegotiated() throws Exception {
        assertThat(XmlChecks.parse(wms.get("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "2.0.0").body())
                .getDocumentElement().getAttribute("version")).isEqualTo("1.3.0");
        assertThat(XmlChecks.parse(wms.get("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.2.0").body())
                .getDocumentElement().getAttribute("version")).isEqualTo("1.1.1");
        assertThat(XmlChecks.parse(wms.get("SERVICE", "WMS", "REQUEST", "GetCapabilities").body())
                .getDocumentElement().getAttribute("version")).isEqualTo("1.3.0");
    }

    @Test
    void updateSequenceIsChecked() throws Exception {
        String current = Long.toString(WmsFixture.catalog().updateSequence());
        WmsClient.Answer same = wms.get("SERVICE", "WMS", "REQUEST", "GetCapabilities", "UPDATESEQUENCE", current);
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.text()).contains("code=\"CurrentUpdateSequence\"");
        WmsClient.Answer newer = wms.get("SERVICE", "WMS", "REQUEST", "GetCapabilities", "UPDATESEQUENCE", current + "0");
        assertThat(newer.text()).contains("code=\"InvalidUpdateSequence\"");
    }

    @Test
    void layersTheCallerMayNotReadAreNotListedAndDoNotExist() throws Exception {
        Catalog real = WmsFixture.catalog();
        AccessPolicy deny = new AccessPolicy() {
            @Override
            public String name() {
                return "deny";
            }

            @Override
            public LayerAccess access(LayerInfo layer, Caller caller) {
                return LayerAccess.denied();
            }
        };
        Map<String, AccessPolicy> policies = new HashMap<>();
        for (LayerInfo l : real.layers()) {
            policies.put(l.qualifiedName(), l.qualifiedName().equals("essai:sites") ? deny : real.policy(l));
        }
        Catalog restricted = new Catalog(real.service(), real.workspaces(), real.layers(), policies, LayerRules.openToAll(),
                real.updateSequence());
        WmsClient client = new WmsClient(new WmsService(WmsFixture.context(() -> restricted, WmsSettings.defaults())));
        Document doc = XmlChecks.parse(client.get("SERVICE", "WMS", "REQUEST", "GetCapabilities").body());
        assertThat(texts(doc, WMS, "Name")).contains("essai:zones").doesNotContain("essai:sites");
        WmsClient.Answer map = client.get("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS",
                "essai:sites", "STYLES", "", "CRS", "EPSG:2154", "BBOX", "640000,7060000,660000,7080000",
                "WIDTH", "100", "HEIGHT", "100", "FORMAT", "image/png");
        assertThat(map.status()).isEqualTo(400);
        assertThat(map.text()).contains("code=\"LayerNotDefined\"").contains("essai:sites is not defined");
    }
}
