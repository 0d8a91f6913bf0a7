package fr.yseraa.observatory.wms.testing;

import static fr.yseraa.observatory.wms.testing.WmsClient.RED_DOTS;
import static fr.yseraa.observatory.wms.testing.WmsClient.RED_FILL;
import static fr.yseraa.observatory.wms.testing.WmsClient.bbox;
import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Checks that a layer's access policy shapes what the WMS draws and describes: a feature the public sees blurred
 * (as an area) and a privileged caller sees where it is, an attribute the public may not read.
 */
public final class PolicyChecks {

    static final Color RED = new Color(255, 0, 0);

    private PolicyChecks() {
    }

    /**
     * Maps around a blurred feature's exact place (x, y in Lambert-93), far from anything the public map marks: the
     * privileged caller's dots mark it, the public's do not, and the public's filled areas cover it.
     */
    public static void assertExactPlaceHiddenFromThePublic(WmsClient wms, String layer, Caller privileged, double x,
                                                           double y) {
        String box = bbox(x - 2000, y - 2000, x + 2000, y + 2000); // 20 m per pixel
        BufferedImage publicDots = wms.map(Caller.anonymous(), layer, RED_DOTS, "EPSG:2154", box, 200).image();
        BufferedImage privilegedDots = wms.map(privileged, layer, RED_DOTS, "EPSG:2154", box, 200).image();
        assertThat(Images.nearAround(privilegedDots, 100, 100, 2, RED, 30)).as("the privileged caller sees the exact place")
                .isTrue();
        assertThat(Images.nearAround(publicDots, 100, 100, 6, RED, 100)).as("the public does not").isFalse();
        // what the public sees there is the blurred area, filled
        BufferedImage publicAreas = wms.map(Caller.anonymous(), layer, RED_FILL, "EPSG:2154", box, 200).image();
        assertThat(Images.near(publicAreas, 100, 100, RED, 8)).isTrue();
    }

    /** A label of an attribute the public may not read, on a map around a feature (x, y): drawn for the privileged only. */
    public static void assertLabelHiddenFromThePublic(WmsClient wms, String layer, Caller privileged, String attribute,
                                                      double x, double y) {
        String box = bbox(x - 300, y - 300, x + 300, y + 300);
        String label = "<TextSymbolizer><Label><ogc:PropertyName xmlns:ogc=\"http://www.opengis.net/ogc\">" + attribute
                + "</ogc:PropertyName></Label><Font><CssParameter name=\"font-size\">12</CssParameter></Font>"
                + "<Fill><CssParameter name=\"fill\">#FF0000</CssParameter></Fill></TextSymbolizer>";
        WmsClient.Answer privilegedMap = wms.map(privileged, layer, label, "EPSG:2154", box, 200);
        WmsClient.Answer anonymous = wms.map(Caller.anonymous(), layer, label, "EPSG:2154", box, 200);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(Images.count(privilegedMap.image(), RED, 80)).isPositive();
        assertThat(Images.count(anonymous.image(), RED, 80)).isZero(); // the attribute is not for the public
    }

    /**
     * A click on a blurred feature's exact place (ox, oy): the privileged caller gets the point; the public, asking for
     * this feature with a CQL filter (its area may hold more than FEATURE_COUNT features), finds it by its area,
     * never the exact point, never the hidden attribute.
     */
    public static void assertInfoShowsThePublicOnlyTheArea(WmsClient wms, String layer, Caller privileged, String featureId,
                                                           String cqlFilter, String hiddenAttribute, double ox, double oy) {
        WmsClient.Answer privilegedInfo = wms.info(privileged, "1.3.0", layer, ox, oy, "application/json",
                "FEATURE_COUNT", "50");
        assertThat(privilegedInfo.text()).contains("\"id\":\"" + featureId + "\"", "\"type\":\"Point\"");
        WmsClient.Answer anonymous = wms.info(Caller.anonymous(), "1.3.0", layer, ox, oy, "application/json",
                "FEATURE_COUNT", "50", "CQL_FILTER", cqlFilter);
        assertThat(anonymous.text()).contains("\"id\":\"" + featureId + "\"").doesNotContain(hiddenAttribute);
        assertThat(anonymous.text()).doesNotContain(String.format(Locale.ROOT, "[%s,%s]", ox, oy));
        assertThat(anonymous.text()).doesNotContain(Double.toString(ox));
    }
}
