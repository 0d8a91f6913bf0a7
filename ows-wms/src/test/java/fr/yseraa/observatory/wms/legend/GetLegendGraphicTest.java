package fr.yseraa.observatory.wms.legend;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.wms.testing.WmsClient;
import fr.yseraa.observatory.wms.testing.WmsFixture;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GetLegendGraphicTest {

    static WmsClient wms;

    @BeforeAll
    static void start() throws Exception {
        wms = WmsFixture.client();
    }

    static BufferedImage legend(String... extra) {
        String[] base = {"SERVICE", "WMS", "REQUEST", "GetLegendGraphic", "VERSION", "1.3.0", "FORMAT", "image/png"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        WmsClient.Answer a = wms.get(all);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.contentType()).isEqualTo("image/png");
        return a.image();
    }

    @Test
    void oneEntryPerRuleAndFewerAtAScale() {
        BufferedImage zones = legend("LAYER", "essai:zones");                // 4 rules
        BufferedImage sightings = legend("LAYER", "essai:sightings");        // 15 rules
        BufferedImage oneRule = legend("LAYER", "essai:zones", "RULE", "zone_boundary");
        assertThat(zones.getHeight()).isGreaterThan(3 * oneRule.getHeight());
        assertThat(sightings.getHeight()).isGreaterThan(3 * zones.getHeight());
        // at 1:500 000 only the small-scale boundary applies
        BufferedImage smallScale = legend("LAYER", "essai:zones", "SCALE", "500000");
        assertThat(smallScale.getHeight()).isEqualTo(oneRule.getHeight());
        // the title is written beside the sample: wider than a bare sample
        assertThat(oneRule.getWidth()).isGreaterThan(GetLegendGraphicOperation.DEFAULT_ICON * 3);
        BufferedImage wide = legend("LAYER", "essai:zones", "RULE", "zone_boundary", "WIDTH", "40", "HEIGHT", "40");
        assertThat(wide.getHeight()).isGreaterThan(oneRule.getHeight());
    }

    @Test
    void legendSizesInCapabilitiesMatchTheLegends() throws Exception {
        BufferedImage zones = legend("LAYER", "essai:zones", "STYLE", "zones");
        String caps = wms.get("SERVICE", "WMS", "REQUEST", "GetCapabilities").text();
        int at = caps.indexOf("LAYER=essai%3Azones");
        String before = caps.substring(caps.lastIndexOf("<LegendURL", at), at);
        assertThat(before).contains("width=\"" + zones.getWidth() + "\"", "height=\"" + zones.getHeight() + "\"");
    }
}
