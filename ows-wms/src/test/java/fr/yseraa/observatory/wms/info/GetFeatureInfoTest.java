package fr.yseraa.observatory.wms.info;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.wms.testing.PolicyChecks;
import fr.yseraa.observatory.wms.testing.WmsClient;
import fr.yseraa.observatory.wms.testing.WmsFixture;
import fr.yseraa.observatory.wms.testing.XmlChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class GetFeatureInfoTest {

    static final String ZONES = "essai:zones";
    static final String SIGHTINGS = "essai:sightings";
    static WmsClient wms;
    static String zoneName;
    static double x;
    static double y;

    @BeforeAll
    static void start() throws Exception {
        wms = WmsFixture.client();
        Object[] c = WmsFixture.query("SELECT name, ST_X(p), ST_Y(p) FROM (SELECT name, ST_PointOnSurface(geom) p "
                + "FROM essai.zone ORDER BY code LIMIT 1) s").get(0);
        zoneName = (String) c[0];
        x = (Double) c[1];
        y = (Double) c[2];
    }

    static WmsClient.Answer info(Caller caller, String version, String layer, double px, double py, String format,
                                 String... extra) {
        return wms.info(caller, version, layer, px, py, format, extra);
    }

    @Test
    void aClickOnAZoneDescribesItInEachFormat() throws Exception {
        WmsClient.Answer html = info(Caller.anonymous(), "1.3.0", ZONES, x, y, "text/html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.text()).contains("<html lang=\"fr\">", "<caption>Zones</caption>", ">" + zoneName + "<");

        WmsClient.Answer text = info(Caller.anonymous(), "1.1.1", ZONES, x, y, "text/plain");
        assertThat(text.text()).contains("Couche essai:zones (Zones) : objet zones.", "name = " + zoneName);

        WmsClient.Answer json = info(Caller.anonymous(), "1.3.0", ZONES, x, y, "application/json");
        assertThat(json.contentType()).startsWith("application/json");
        List<String> names = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json.body())) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("name")) {
                    p.nextToken();
                    names.add(p.getText());
                }
            }
        }
        assertThat(names).containsExactly("urn:ogc:def:crs:EPSG::2154", zoneName); // the crs member, then the one zone
        assertThat(json.text()).contains("\"type\":\"FeatureCollection\"", "\"type\":\"MultiPolygon\"", "EPSG::2154");

        WmsClient.Answer gml = info(Caller.anonymous(), "1.3.0", ZONES, x, y, "application/vnd.ogc.gml");
        Document doc = XmlChecks.parse(gml.body());
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("FeatureCollection");
        assertThat(doc.getElementsByTagNameNS("https://observatoire.example/essai", "name").item(0).getTextContent())
                .isEqualTo(zoneName);
        assertThat(doc.getElementsByTagNameNS("http://www.opengis.net/gml", "MultiPolygon").getLength()).isEqualTo(1);
    }

    @Test
    void aClickFarFromAnythingFindsNothing() throws Exception {
        WmsClient.Answer html = info(Caller.anonymous(), "1.3.0", ZONES, 100_000, 6_000_000, "text/html");
        assertThat(html.text()).contains("Aucun objet à cet endroit.");
    }

    @Test
    void aClickOnABlurredSightingShowsOnlyWhatThePublicMaySee() throws Exception {
        Object[] o = WmsFixture.query("SELECT id, ST_X(geom), ST_Y(geom) FROM essai.sighting WHERE level = 2 "
                + "ORDER BY id LIMIT 1").get(0);
        int id = (Integer) o[0];
        PolicyChecks.assertInfoShowsThePublicOnlyTheArea(wms, SIGHTINGS, WmsFixture.EXPERT, "sightings." + id, "id = " + id,
                "observer", (Double) o[1], (Double) o[2]);
    }

    @Test
    void featureCountLimitsTheAnswer() throws Exception {
        Object[] densest = WmsFixture.query("SELECT ST_X(geom), ST_Y(geom) FROM essai.sighting WHERE level = 0 "
                + "GROUP BY geom HAVING count(*) >= 1 ORDER BY geom LIMIT 1").get(0);
        WmsClient.Answer one = info(Caller.anonymous(), "1.3.0", SIGHTINGS, (Double) densest[0],
                (Double) densest[1], "text/plain");
        WmsClient.Answer many = info(Caller.anonymous(), "1.3.0", SIGHTINGS, (Double) densest[0],
                (Double) densest[1], "text/plain", "FEATURE_COUNT", "30");
        int ones = one.text().split("Couche ", -1).length - 1;
        int manys = many.text().split("Couche ", -1).length - 1;
        assertThat(ones).isEqualTo(1);
        assertThat(manys).isGreaterThanOrEqualTo(ones).isLessThanOrEqualTo(30);
    }
}
