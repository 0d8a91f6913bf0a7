package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * WFS 2.0.0 and 1.1.0: GetFeature by id in every output format, hits, GetPropertyValue and the GetFeatureById stored
 * query, for every caller and target.
 */
class WfsLeakTest extends LeakTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An output format and how to read the coordinates of its answers. */
    record Format(String name, Function<String, List<double[]>> coordinates) {
    }

    static final List<Format> FORMATS = List.of(
            new Format("application/gml+xml; version=3.2", Coordinates::gml),
            new Format("text/xml; subtype=gml/3.1.1", Coordinates::gml),
            new Format("application/json", body -> {
                try {
                    return Coordinates.geoJson(JSON.readTree(body));
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + body, e);
                }
            }),
            new Format("text/csv", Coordinates::wkt));

    static String getFeature(String version, Target t) {
        boolean v2 = version.startsWith("2");
        return "/wfs?service=WFS&version=" + version + "&request=GetFeature&" + (v2 ? "typeNames" : "typeName")
                + "=sinp:occurrences&" + (v2 ? "resourceId" : "featureId") + "=occurrences." + t.uuid()
                + "&srsName=EPSG:2154";
    }

    @TestFactory
    Stream<DynamicTest> getFeatureInEveryFormat() {
        return perCallerAndTarget("WFS GetFeature", (who, t) -> {
            for (String version : List.of("2.0.0", "1.1.0")) {
                for (Format f : FORMATS) {
                    HttpResponse<byte[]> r = get(who, getFeature(version, t) + "&outputFormat=" + enc(f.name()));
                    String what = "WFS " + version + " " + f.name();
                    assertThat(r.statusCode()).as(what + ": " + text(r)).isEqualTo(200);
                    check.text(who, t, text(r), what);
                    check.coordinates(who, t, f.coordinates().apply(text(r)), what);
                }
            }
        });
    }

    private static final Pattern MATCHED = Pattern.compile("numberMatched=\"(\\d+)\"");

    @TestFactory
    Stream<DynamicTest> hitsCountOnlyWhatTheCallerMaySee() {
        // WFS 1.1.0 hits are left out: its numberOfFeatures is the number returned, 0 for hits (an ows-wfs defect)
        return perCallerAndTarget("WFS hits", (who, t) -> {
            String body = text(get(who, getFeature("2.0.0", t) + "&resultType=hits"));
            Matcher m = MATCHED.matcher(body);
            assertThat(m.find()).as(body).isTrue();
            assertThat(Long.parseLong(m.group(1))).as("hits for " + who + ", " + t + ": " + body)
                    .isEqualTo(check.view(who, t) == LeakAssertions.View.HIDDEN ? 0 : 1);
        });
    }

    @TestFactory
    Stream<DynamicTest> storedQueryAndPropertyValues() {
        return perCallerAndTarget("WFS GetFeatureById and GetPropertyValue", (who, t) -> {
            HttpResponse<byte[]> byId = get(who, "/wfs?service=WFS&version=2.0.0&request=GetFeature"
                    + "&storedQuery_id=urn:ogc:def:query:OGC-WFS::GetFeatureById&id=occurrences." + t.uuid() + "&srsName=EPSG:2154");
            String what = "GetFeatureById";
            if (check.view(who, t) == LeakAssertions.View.HIDDEN) {
                assertThat(byId.statusCode()).as(what).isEqualTo(404);
            } else {
                assertThat(byId.statusCode()).as(what + ": " + text(byId)).isEqualTo(200);
            }
            check.text(who, t, text(byId), what);
            check.coordinates(who, t, Coordinates.gml(text(byId)), what);

            String values = "/wfs?service=WFS&version=2.0.0&request=GetPropertyValue&typeNames=sinp:occurrences"
                    + "&resourceId=occurrences." + t.uuid() + "&srsName=EPSG:2154&valueReference=";
            HttpResponse<byte[]> geometry = get(who, values + "geom");
            assertThat(geometry.statusCode()).as(text(geometry)).isEqualTo(200);
            check.coordinates(who, t, Coordinates.gml(text(geometry)), "GetPropertyValue geom");
            HttpResponse<byte[]> uuid = get(who, values + "id_sinp_occtax");
            assertThat(uuid.statusCode()).as(text(uuid)).isEqualTo(200);
            assertThat(text(uuid).contains(t.uuid())).as("GetPropertyValue id_sinp_occtax for " + who + ", " + t)
                    .isEqualTo(check.view(who, t) != LeakAssertions.View.HIDDEN);
            HttpResponse<byte[]> observer = get(who, values + "observateur");
            if (check.seesObserver(who, t)) {
                assertThat(text(observer)).contains(t.observerName());
            } else {
                assertThat(Coordinates.unescape(text(observer))).as("GetPropertyValue observateur for " + who + ", " + t)
                        .doesNotContain(t.observerName());
            }
        });
    }
}
