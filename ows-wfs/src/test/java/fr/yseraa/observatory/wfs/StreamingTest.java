package fr.yseraa.observatory.wfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A 100 000-feature GeoJSON answer, streamed from the cursor: every feature arrives, once. */
class StreamingTest {

    @Test
    void hundredThousandSightingsAsGeoJson() throws Exception {
        WfsHarness wfs = WfsFixture.get();
        WfsHarness.Answer a = wfs.kvpUnbounded(WfsHarness.INSTRUCTOR, "service", "WFS", "version", "2.0.0",
                "request", "GetFeature", "typeNames", "survey:sightings", "outputFormat", "application/json",
                "srsName", "EPSG:4326");
        assertThat(a.status()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        long matched = -1;
        long returned = -1;
        long geometries = 0;
        try (JsonParser p = new JsonFactory().createParser(a.body())) {
            int depth = 0;
            while (p.nextToken() != null) {
                JsonToken t = p.currentToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME && depth == 1 && p.currentName().equals("numberMatched")) {
                    p.nextToken();
                    matched = p.getLongValue();
                } else if (t == JsonToken.FIELD_NAME && depth == 1 && p.currentName().equals("numberReturned")) {
                    p.nextToken();
                    returned = p.getLongValue();
                } else if (t == JsonToken.FIELD_NAME && depth == 3 && p.currentName().equals("id")) {
                    p.nextToken();
                    ids.add(p.getText());
                } else if (t == JsonToken.FIELD_NAME && depth == 3 && p.currentName().equals("geometry")) {
                    geometries++;
                }
            }
        }
        assertThat(matched).isEqualTo(WfsFixture.SIGHTINGS);
        assertThat(returned).isEqualTo(WfsFixture.SIGHTINGS);
        assertThat(ids).hasSize((int) WfsFixture.SIGHTINGS);
        assertThat(geometries).isEqualTo(WfsFixture.SIGHTINGS);
        assertThat(wfs.queryLong("SELECT count(*) FROM fixture.sighting")).isEqualTo(WfsFixture.SIGHTINGS);
    }
}
