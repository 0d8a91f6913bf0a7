package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * WMS: GetMap of the target alone (CQL_FILTER on its id) at deep zoom around its exact place, in Lambert-93 (1.3.0)
 * and Web Mercator (1.1.1); GetFeatureInfo clicks on the exact place in the four INFO_FORMATs.
 */
class WmsLeakTest extends LeakTestBase {

    static final int SIZE = 256;

    /** Half the side of a map around the exact point that stays inside the diffusion geometry, in metres. */
    static double half(Target t) {
        return t.margin() > 0 ? Math.min(100, t.margin() / 4) : 100;
    }

    /**
     * A style of the caller's own (SLD_BODY) that draws whatever geometry it gets: a fill for polygons, a circle for
     * points, whatever the attributes.
     */
    static final String ANY_GEOMETRY_STYLE = """
            <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld">
              <NamedLayer><Name>sinp:occurrences</Name><UserStyle><FeatureTypeStyle>
                <Rule><PolygonSymbolizer><Fill><CssParameter name="fill">#00AA00</CssParameter></Fill></PolygonSymbolizer></Rule>
                <Rule><PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName>
                  <Fill><CssParameter name="fill">#FF0000</CssParameter></Fill></Mark><Size>9</Size></Graphic></PointSymbolizer></Rule>
              </FeatureTypeStyle></UserStyle></NamedLayer>
            </StyledLayerDescriptor>""";

    static String map(String request, Target t) {
        return "/wms?SERVICE=WMS&REQUEST=" + request + "&LAYERS=sinp:occurrences&STYLES=&FORMAT=image/png"
                + "&TRANSPARENT=TRUE&WIDTH=" + SIZE + "&HEIGHT=" + SIZE + "&CQL_FILTER=" + enc("id_sinp_occtax = '" + t.uuid() + "'");
    }

    @TestFactory
    Stream<DynamicTest> getMapPixels() {
        return perCallerAndTarget("WMS GetMap", (who, t) -> {
            double h = half(t);
            String sld = "&SLD_BODY=" + enc(ANY_GEOMETRY_STYLE);
            String lambert = map("GetMap", t) + "&VERSION=1.3.0&CRS=EPSG:2154&BBOX=" + box(t.x(), t.y(), h);
            String mercator = map("GetMap", t) + "&VERSION=1.1.1&SRS=EPSG:3857&BBOX=" + box(t.mx(), t.my(), h);
            for (String request : List.of(lambert + sld, mercator + sld, lambert, mercator)) {
                boolean ownStyle = request.contains("SLD_BODY");
                HttpResponse<byte[]> r = get(who, request);
                assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
                check.pixels(who, t, ImageIO.read(new ByteArrayInputStream(r.body())), SIZE / 2, SIZE / 2,
                        "GetMap " + (request.contains("1.3.0") ? "1.3.0 EPSG:2154" : "1.1.1 EPSG:3857")
                                + (ownStyle ? " SLD_BODY" : " default style"));
            }
        });
    }

    static final List<String> INFO_FORMATS = List.of("text/html", "application/json", "text/plain", "application/vnd.ogc.gml");

    @TestFactory
    Stream<DynamicTest> featureInfoClicksOnTheExactPlace() {
        return perCallerAndTarget("WMS GetFeatureInfo", (who, t) -> {
            for (String format : INFO_FORMATS) {
                HttpResponse<byte[]> r = get(who, map("GetFeatureInfo", t) + "&VERSION=1.3.0&CRS=EPSG:2154&BBOX="
                        + box(t.x(), t.y(), half(t)) + "&QUERY_LAYERS=sinp:occurrences&FEATURE_COUNT=10&I=" + SIZE / 2
                        + "&J=" + SIZE / 2 + "&INFO_FORMAT=" + enc(format));
                String what = "GetFeatureInfo " + format;
                assertThat(r.statusCode()).as(what + ": " + text(r)).isEqualTo(200);
                check.text(who, t, text(r), what);
                if (format.equals("application/json")) {
                    check.coordinates(who, t, Coordinates.geoJson(new ObjectMapper().readTree(r.body())), what);
                } else if (format.equals("application/vnd.ogc.gml")) {
                    check.coordinates(who, t, Coordinates.gml(text(r)), what);
                }
            }
        });
    }
}
