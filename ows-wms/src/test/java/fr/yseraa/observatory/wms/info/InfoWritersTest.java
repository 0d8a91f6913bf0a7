package fr.yseraa.observatory.wms.info;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feature-info pages' own words come from the message bundle, in French by default. */
class InfoWritersTest {

    private static String write(FeatureInfoWriter writer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(List.of(), null, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aClickOnNothingSaysSoInFrench() throws Exception {
        assertThat(write(new HtmlInfoWriter())).isEqualTo("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"UTF-8\">"
                + "<title>Informations sur les objets</title><style>body{font-family:sans-serif;font-size:12px}"
                + "table{border-collapse:collapse;margin-bottom:1em}caption{font-weight:bold;text-align:left;padding:2px 0}"
                + "th,td{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}th{background:#eee}"
                + "</style></head><body>\n<p>Aucun objet à cet endroit.</p>\n</body></html>\n");
        assertThat(write(new TextInfoWriter())).isEqualTo("Aucun objet à cet endroit." + System.lineSeparator());
    }
}
