package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bisection attack: shrinking boxes and spatial filters around the exact place, and the same boxes moved aside
 * (still inside the diffusion geometry), through every way a request can say "here". For a caller who sees the
 * occurrence blurred, every answer is the same, so the boxes tell nothing finer than the diffusion geometry; for one
 * entitled to the exact place (the control), the moved boxes lose it.
 */
class BisectionLeakTest extends LeakTestBase {

    private static final Pattern MATCHED = Pattern.compile("numberMatched=\"(\\d+)\"");

    /** The ways of asking for the target within a box of half-side h around (x, y). */
    enum Channel {
        CQL_BBOX, FES_INTERSECTS, BBOX_PARAMETER, CQL_DWITHIN, WMS_CLICK
    }

    private String request(Channel channel, Target t, double x, double y, double h) {
        String wfs = "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&resultType=hits";
        String id = "id_sinp_occtax = '" + t.uuid() + "'";
        switch (channel) {
            case CQL_BBOX:
                return wfs + "&CQL_FILTER=" + enc(id + " AND BBOX(geom, " + box(x, y, h) + ", 'EPSG:2154')");
            case FES_INTERSECTS:
                return wfs + "&FILTER=" + enc("""
                        <fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2">
                          <fes:And>
                            <fes:PropertyIsEqualTo><fes:ValueReference>id_sinp_occtax</fes:ValueReference><fes:Literal>%s</fes:Literal></fes:PropertyIsEqualTo>
                            <fes:Intersects><fes:ValueReference>geom</fes:ValueReference>
                              <gml:Polygon gml:id="p" srsName="urn:ogc:def:crs:EPSG::2154"><gml:exterior><gml:LinearRing>
                                <gml:posList>%s %s %s %s %s %s %s %s %s %s</gml:posList>
                              </gml:LinearRing></gml:exterior></gml:Polygon>
                            </fes:Intersects>
                          </fes:And>
                        </fes:Filter>""".formatted(t.uuid(), x - h, y - h, x + h, y - h, x + h, y + h, x - h, y + h, x - h, y - h));
            case BBOX_PARAMETER:
                return wfs + "&BBOX=" + box(x, y, h) + ",urn:ogc:def:crs:EPSG::2154&CQL_FILTER=" + enc(id);
            case CQL_DWITHIN:
                return wfs + "&CQL_FILTER=" + enc(id + " AND DWITHIN(geom, POINT(" + x + " " + y + "), " + h + ", meters)");
            default:
                return WmsLeakTest.map("GetFeatureInfo", t) + "&VERSION=1.3.0&CRS=EPSG:2154&BBOX=" + box(x, y, h)
                        + "&QUERY_LAYERS=sinp:occurrences&INFO_FORMAT=application/json&I=" + WmsLeakTest.SIZE / 2
                        + "&J=" + WmsLeakTest.SIZE / 2;
        }
    }

    private boolean found(Who who, Channel channel, Target t, double x, double y, double h) throws Exception {
        String body = text(get(who, request(channel, t, x, y, h)));
        if (channel == Channel.WMS_CLICK) {
            return body.contains(t.uuid());
        }
        Matcher m = MATCHED.matcher(body);
        assertThat(m.find()).as(channel + ": " + body).isTrue();
        long n = Long.parseLong(m.group(1));
        assertThat(n).isBetween(0L, 1L);
        return n == 1;
    }

    @TestFactory
    Stream<DynamicTest> shrinkingBoxesTellNothingFinerThanTheDiffusionGeometry() {
        return perCallerAndTarget("bisection", (who, t) -> {
            LeakAssertions.View view = check.view(who, t);
            if (view == LeakAssertions.View.HIDDEN) {
                return; // nothing to find: the hits test proves every count is 0
            }
            double aside = t.margin() > 0 ? t.margin() / 2 : 200;
            for (Channel channel : Channel.values()) {
                for (double h : List.of(aside / 2, 10.0, 0.5)) {
                    String what = channel + ", half-side " + h + " m, for " + who + ", " + t;
                    assertThat(found(who, channel, t, t.x(), t.y(), h)).as("around the exact place: " + what).isTrue();
                    assertThat(found(who, channel, t, t.x() + aside, t.y(), h)).as("aside: " + what)
                            .isEqualTo(view == LeakAssertions.View.BLURRED);
                }
            }
        });
    }
}
