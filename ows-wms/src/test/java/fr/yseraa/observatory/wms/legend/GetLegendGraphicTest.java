package fr.yseraa.observatory.wms.legend;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.wms.testing.DemoWms;
import fr.yseraa.observatory.wms.testing.WmsClient;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GetLegendGraphicTest {

    static WmsClient wms;

    @BeforeAll
    static void start() throws Exception {
        wms = DemoWms.client();
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
        BufferedImage communes = legend("LAYER", "obs:communes");            // 4 rules
        BufferedImage occurrences = legend("LAYER", "sinp:occurrences");     // 15 rules
        BufferedImage oneRule = legend("LAYER", "obs:communes", "RULE", "commune_boundary");
        assertThat(communes.getHeight()).isGreaterThan(3 * oneRule.getHeight());
        assertThat(occurrences.getHeight()).isGreaterThan(3 * communes.getHeight());
        // at 1:500 000 only the small-scale boundary applies
        BufferedImage smallScale = legend("LAYER", "obs:communes", "SCALE", "500000");
        assertThat(smallScale.getHeight()).isEqualTo(oneRule.getHeight());
        // the title is written beside the sample: wider than a bare sample
        assertThat(oneRule.getWidth()).isGreaterThan(GetLegendGraphicOperation.DEFAULT_ICON * 3);
        BufferedImage wide = legend("LAYER", "obs:communes", "RULE", "commune_boundary", "WIDTH", "40", "HEIGHT", "40");
        assertThat(wide.getHeight()).isGreaterThan(oneRule.getHeight());
    }

    @Test
    void legendSizesInCapabilitiesMatchTheLegends() throws Exception {
        BufferedImage communes = legend("LAYER", "obs:communes", "STYLE", "communes");
        String caps = wms.get("SERVICE", "WMS", "REQUEST", "GetCapabilities").text();
        int at = caps.indexOf("LAYER=obs%3Acommunes");
        String before = caps.substring(caps.lastIndexOf("<LegendURL", at), at);
        assertThat(before).contains("width=\"" + communes.getWidth() + "\"", "height=\"" + communes.getHeight() + "\"");
    }
}
