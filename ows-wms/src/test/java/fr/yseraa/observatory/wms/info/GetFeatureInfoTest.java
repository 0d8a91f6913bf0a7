package fr.yseraa.observatory.wms.info;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.wms.testing.DemoWms;
import fr.yseraa.observatory.wms.testing.WmsClient;
import fr.yseraa.observatory.wms.testing.XmlChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class GetFeatureInfoTest {

    static WmsClient wms;
    static String communeName;
    static double x;
    static double y;

    @BeforeAll
    static void start() throws Exception {
        wms = DemoWms.client();
        Object[] c = DemoWms.query("SELECT name, ST_X(p), ST_Y(p) FROM (SELECT name, ST_PointOnSurface(geom) p "
                + "FROM territory.commune ORDER BY insee LIMIT 1) s").get(0);
        communeName = (String) c[0];
        x = (Double) c[1];
        y = (Double) c[2];
    }

    /** A 101 x 101 map centred on a place, 10 m per pixel: the place is pixel (50, 50). */
    static WmsClient.Answer info(Caller caller, String version, String layer, double px, double py, String format,
                                 String... extra) {
        String box = String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f", px - 505, py - 505, px + 505, py + 505);
        List<String> kv = new ArrayList<>(List.of("SERVICE", "WMS", "REQUEST", "GetFeatureInfo", "VERSION", version,
                "LAYERS", layer, "QUERY_LAYERS", layer, "STYLES", "", version.equals("1.3.0") ? "CRS" : "SRS", "EPSG:2154",
                "BBOX", box, "WIDTH", "101", "HEIGHT", "101", "INFO_FORMAT", format,
                version.equals("1.3.0") ? "I" : "X", "50", version.equals("1.3.0") ? "J" : "Y", "50"));
        kv.addAll(List.of(extra));
        return wms.get(caller, kv.toArray(String[]::new));
    }

    @Test
    void aClickOnACommuneDescribesItInEachFormat() throws Exception {
        WmsClient.Answer html = info(Caller.anonymous(), "1.3.0", "obs:communes", x, y, "text/html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.text()).contains("<html lang=\"fr\">", "<caption>Communes</caption>", ">" + communeName + "<");

        WmsClient.Answer text = info(Caller.anonymous(), "1.1.1", "obs:communes", x, y, "text/plain");
        assertThat(text.text()).contains("name = " + communeName);

        WmsClient.Answer json = info(Caller.anonymous(), "1.3.0", "obs:communes", x, y, "application/json");
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
        assertThat(names).containsExactly("urn:ogc:def:crs:EPSG::2154", communeName); // the crs member, then the one commune
        assertThat(json.text()).contains("\"type\":\"FeatureCollection\"", "\"type\":\"MultiPolygon\"", "EPSG::2154");

        WmsClient.Answer gml = info(Caller.anonymous(), "1.3.0", "obs:communes", x, y, "application/vnd.ogc.gml");
        Document doc = XmlChecks.parse(gml.body());
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("FeatureCollection");
        assertThat(doc.getElementsByTagNameNS("https://observatoire.yseraa.fr/obs", "name").item(0).getTextContent())
                .isEqualTo(communeName);
        assertThat(doc.getElementsByTagNameNS("http://www.opengis.net/gml", "MultiPolygon").getLength()).isEqualTo(1);
    }

    @Test
    void aClickFarFromAnythingFindsNothing() throws Exception {
        WmsClient.Answer html = info(Caller.anonymous(), "1.3.0", "obs:communes", 100_000, 6_000_000, "text/html");
        assertThat(html.text()).contains("Aucun objet à cet endroit.");
    }

    @Test
    void aClickOnASensitiveOccurrenceShowsOnlyWhatThePublicMaySee() throws Exception {
        Object[] o = DemoWms.query("SELECT id_sinp_occtax::text, ST_X(geom), ST_Y(geom) FROM sinp.occurrence WHERE sensi_niveau = '2' "
                + "AND diffusion_level = 2 AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 1").get(0);
        String id = (String) o[0];
        double ox = (Double) o[1];
        double oy = (Double) o[2];
        WmsClient.Answer instructor = info(new Caller("i", Set.of("instructor")), "1.3.0", "sinp:occurrences", ox, oy,
                "application/json", "FEATURE_COUNT", "50");
        assertThat(instructor.text()).contains("\"id\":\"occurrences." + id + "\"", "\"type\":\"Point\"");
        // the cell holds more than FEATURE_COUNT occurrences: the click asks for this one
        WmsClient.Answer anonymous = info(Caller.anonymous(), "1.3.0", "sinp:occurrences", ox, oy,
                "application/json", "FEATURE_COUNT", "50", "CQL_FILTER", "id_sinp_occtax = '" + id + "'");
        // the public finds the occurrence by its blurred cell, never the exact point, never the observer
        assertThat(anonymous.text()).contains("\"id\":\"occurrences." + id + "\"").doesNotContain("observateur");
        assertThat(anonymous.text()).doesNotContain(String.format(Locale.ROOT, "[%s,%s]", ox, oy));
        assertThat(anonymous.text()).doesNotContain(Double.toString(ox));
    }

    @Test
    void featureCountLimitsTheAnswer() throws Exception {
        Object[] densest = DemoWms.query("SELECT ST_X(geom), ST_Y(geom) FROM sinp.occurrence WHERE diffusion_level = 0 "
                + "AND GeometryType(geom) = 'POINT' GROUP BY geom HAVING count(*) >= 1 ORDER BY geom LIMIT 1").get(0);
        WmsClient.Answer one = info(Caller.anonymous(), "1.3.0", "sinp:occurrences", (Double) densest[0],
                (Double) densest[1], "text/plain");
        WmsClient.Answer many = info(Caller.anonymous(), "1.3.0", "sinp:occurrences", (Double) densest[0],
                (Double) densest[1], "text/plain", "FEATURE_COUNT", "30");
        int ones = one.text().split("Couche ", -1).length - 1;
        int manys = many.text().split("Couche ", -1).length - 1;
        assertThat(ones).isEqualTo(1);
        assertThat(manys).isGreaterThanOrEqualTo(ones).isLessThanOrEqualTo(30);
    }
}
