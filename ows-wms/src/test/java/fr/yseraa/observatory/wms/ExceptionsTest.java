package fr.yseraa.observatory.wms;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.wms.testing.Images;
import fr.yseraa.observatory.wms.testing.WmsClient;
import fr.yseraa.observatory.wms.testing.WmsFixture;
import fr.yseraa.observatory.wms.testing.XmlChecks;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every client mistake answers the WMS exception report of its version, with the right code and status. */
class ExceptionsTest {

    static WmsClient wms;

    @BeforeAll
    static void start() throws Exception {
        wms = WmsFixture.client();
    }

    static Map<String, String> getMap(String version) {
        Map<String, String> kvp = new LinkedHashMap<>();
        kvp.put("SERVICE", "WMS");
        kvp.put("REQUEST", "GetMap");
        kvp.put("VERSION", version);
        kvp.put("LAYERS", "essai:zones");
        kvp.put("STYLES", "");
        kvp.put(version.equals("1.3.0") ? "CRS" : "SRS", "EPSG:2154");
        kvp.put("BBOX", "640000,7060000,660000,7080000");
        kvp.put("WIDTH", "64");
        kvp.put("HEIGHT", "64");
        kvp.put("FORMAT", "image/png");
        return kvp;
    }

    static WmsClient.Answer call(Map<String, String> base, String... changes) {
        Map<String, String> kvp = new LinkedHashMap<>(base);
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                kvp.remove(changes[i]);
            } else {
                kvp.put(changes[i], changes[i + 1]);
            }
        }
        List<String> flat = new ArrayList<>();
        kvp.forEach((k, v) -> {
            flat.add(k);
            flat.add(v);
        });
        return wms.get(flat.toArray(String[]::new));
    }

    static void assertReport130(WmsClient.Answer a, int status, String code, String locator) throws Exception {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("text/xml");
        assertThat(XmlChecks.schemaProblems(WmsExceptionWriter.SCHEMA_1_3_0, a.body())).isEmpty();
        assertThat(a.text()).contains("code=\"" + code + "\"");
        if (locator != null) {
            assertThat(a.text()).contains("locator=\"" + locator + "\"");
        }
        assertThat(a.text()).doesNotContain("Exception:", "\tat ");
    }

    @Test
    void getMapMistakesIn130() throws Exception {
        Map<String, String> ok = getMap("1.3.0");
        assertThat(call(ok).status()).isEqualTo(200);
        assertReport130(call(ok, "LAYERS", "essai:nothing"), 400, "LayerNotDefined", "layers");
        assertReport130(call(ok, "LAYERS", "essai:zones,"), 400, "LayerNotDefined", "layers");
        assertReport130(call(ok, "STYLES", "nope"), 400, "StyleNotDefined", "styles");
        assertReport130(call(ok, "STYLES", ",,"), 400, "StyleNotDefined", "styles");
        assertReport130(call(ok, "CRS", "EPSG:9999"), 400, "InvalidCRS", "crs");
        assertReport130(call(ok, "CRS", "nonsense"), 400, "InvalidCRS", "crs");
        assertReport130(call(ok, "FORMAT", "image/gif"), 400, "InvalidFormat", "format");
        assertReport130(call(ok, "BBOX", "660000,7060000,640000,7080000"), 400, "InvalidParameterValue", "bbox");
        assertReport130(call(ok, "BBOX", "1,2,3"), 400, "InvalidParameterValue", "bbox");
        assertReport130(call(ok, "BBOX", "a,b,c,d"), 400, "InvalidParameterValue", "bbox");
        assertReport130(call(ok, "WIDTH", "0"), 400, "InvalidParameterValue", "width");
        assertReport130(call(ok, "HEIGHT", "100000"), 400, "InvalidParameterValue", "height");
        assertReport130(call(ok, "BBOX", null), 400, "MissingParameterValue", "bbox");
        assertReport130(call(ok, "LAYERS", null), 400, "MissingParameterValue", "layers");
        assertReport130(call(ok, "SLD_BODY", "<StyledLayerDescriptor"), 400, "InvalidParameterValue", "sld_body");
        assertReport130(call(ok, "SLD_BODY", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM "
                + "\"file:///etc/passwd\">]><StyledLayerDescriptor>&e;</StyledLayerDescriptor>"), 400,
                "InvalidParameterValue", "sld_body");
        assertReport130(call(ok, "SLD", "http://example.org/style.sld"), 501, "OperationNotSupported", "sld");
        assertReport130(call(ok, "TRANSPARENT", "maybe"), 400, "InvalidParameterValue", "transparent");
        assertReport130(call(ok, "BGCOLOR", "red"), 400, "InvalidParameterValue", "bgcolor");
        assertReport130(call(ok, "EXCEPTIONS", "SHOUT"), 400, "InvalidParameterValue", "exceptions");
        assertReport130(call(ok, "TIME", "2020-13-45"), 400, "InvalidDimensionValue", "time");
    }

    @Test
    void getMapMistakesIn111UseItsDtdAndInvalidSrs() throws Exception {
        WmsClient.Answer a = call(getMap("1.1.1"), "SRS", "EPSG:9999");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/vnd.ogc.se_xml");
        assertThat(XmlChecks.dtdProblems(a.body())).isEmpty();
        assertThat(a.text()).contains("code=\"InvalidSRS\"");
        WmsClient.Answer layer = call(getMap("1.1.1"), "LAYERS", "nothing");
        assertThat(XmlChecks.dtdProblems(layer.body())).isEmpty();
        assertThat(layer.text()).contains("code=\"LayerNotDefined\"");
    }

    @Test
    void inImageAndBlankExceptionsAnswerAnImage() throws Exception {
        Map<String, String> wrong = new LinkedHashMap<>(getMap("1.3.0"));
        wrong.put("LAYERS", "essai:nothing");
        WmsClient.Answer inImage = call(wrong, "EXCEPTIONS", "INIMAGE", "WIDTH", "300", "HEIGHT", "100");
        assertThat(inImage.status()).isEqualTo(200);
        assertThat(inImage.contentType()).isEqualTo("image/png");
        BufferedImage text = inImage.image();
        assertThat(text.getWidth()).isEqualTo(300);
        assertThat(Images.count(text, Color.WHITE, 0)).isLessThan(300 * 100); // the message is written
        WmsClient.Answer blank = call(wrong, "EXCEPTIONS", "application/vnd.ogc.se_blank", "FORMAT", "image/jpeg");
        assertThat(blank.status()).isEqualTo(200);
        assertThat(blank.contentType()).isEqualTo("image/jpeg");
        assertThat(Images.count(blank.image(), Color.WHITE, 3)).isEqualTo(64 * 64);
        // an unknown FORMAT cannot be drawn: it is reported in XML whatever EXCEPTIONS says
        assertReport130(call(wrong, "EXCEPTIONS", "INIMAGE", "FORMAT", "image/bmp"), 400, "InvalidFormat", "format");
    }

    @Test
    void otherOperationsReportTheirMistakes() throws Exception {
        Map<String, String> info = new LinkedHashMap<>(getMap("1.3.0"));
        info.put("REQUEST", "GetFeatureInfo");
        info.remove("FORMAT");
        info.put("QUERY_LAYERS", "essai:zones");
        info.put("INFO_FORMAT", "text/html");
        info.put("I", "10");
        info.put("J", "10");
        assertThat(call(info).status()).isEqualTo(200);
        assertReport130(call(info, "I", "64"), 400, "InvalidPoint", "i");
        assertReport130(call(info, "J", "-1"), 400, "InvalidPoint", "j");
        assertReport130(call(info, "I", null), 400, "MissingParameterValue", "i");
        assertReport130(call(info, "INFO_FORMAT", "application/pdf"), 400, "InvalidFormat", "info_format");
        assertReport130(call(info, "QUERY_LAYERS", "essai:landcover"), 400, "LayerNotDefined", "query_layers");
        assertReport130(call(info, "FEATURE_COUNT", "zero"), 400, "InvalidParameterValue", "feature_count");

        Map<String, String> legend = Map.of("SERVICE", "WMS", "REQUEST", "GetLegendGraphic", "VERSION", "1.3.0",
                "FORMAT", "image/png", "LAYER", "essai:zones");
        assertThat(call(legend).status()).isEqualTo(200);
        assertReport130(call(legend, "LAYER", "essai:nothing"), 400, "LayerNotDefined", "layer");
        assertReport130(call(legend, "STYLE", "nope"), 400, "StyleNotDefined", "style");
        assertReport130(call(legend, "FORMAT", "text/html"), 400, "InvalidFormat", "format");
        assertReport130(call(legend, "SCALE", "-3"), 400, "InvalidParameterValue", "scale");

        Map<String, String> caps = Map.of("SERVICE", "WMS", "REQUEST", "GetCapabilities");
        assertReport130(call(caps, "FORMAT", "application/json"), 400, "InvalidFormat", "format");
    }
}
