package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The extents every document advertises to the public (WMS, WMTS and WFS capabilities, TileJSON, /rest/layers, the
 * layer's ISO and Dublin Core metadata records, reached through the WMS capabilities' MetadataURL) are
 * those of what the public sees: an edge at the extreme exact point would give the exact coordinate of an occurrence
 * the public sees blurred or not at all.
 */
class ExtentLeakTest extends LeakTestBase {

    /** How far (degrees) an advertised edge may be from the computed one: the documents round coordinates. */
    static final double TOLERANCE = 1e-5;

    private double[] query(String sql) {
        return new JdbcTemplate(dataSource).queryForObject(sql,
                (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)});
    }

    private static final String VISIBLE = " FROM (SELECT %s AS v FROM sinp.occurrence o"
            + " JOIN ref.dataset d ON d.uuid = o.jdd_metadonnee_dee_id) s WHERE v IS NOT NULL";

    /**
     * West, south, east, north in WGS 84 of the geometries given by an SQL expression over o and d, in the two ways
     * the documents compute them: the extent of the reprojected geometries, and the reprojected (densified) box of
     * their Lambert-93 extent.
     */
    private List<double[]> extents(String geometrySql) {
        String from = VISIBLE.formatted(geometrySql);
        double[] tight = query("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent("
                + "ST_Transform(v, 4326)) e" + from + ") t");
        double[] boxed = query("SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) FROM (SELECT ST_Extent(ST_Transform("
                + "ST_Segmentize(ST_SetSRID(e::geometry, 2154), greatest(ST_XMax(e) - ST_XMin(e), ST_YMax(e) - ST_YMin(e))"
                + " / 16), 4326)) b FROM (SELECT ST_Extent(v) e" + from + ") x) t");
        return List.of(tight, boxed);
    }

    private static boolean same(double[] a, double[] b) {
        for (int i = 0; i < 4; i++) {
            if (Math.abs(a[i] - b[i]) > TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    private static double[] numbers(String text, Pattern p) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(p + " in " + text.substring(0, Math.min(text.length(), 3000))).isTrue();
        double[] v = new double[m.groupCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(m.group(i + 1));
        }
        return v;
    }

    @Test
    void advertisedExtentsAreThoseOfWhatThePublicSees() throws Exception {
        List<double[]> visible = extents(check.visibleGeometrySql(Who.ANONYMOUS));
        List<double[]> exact = extents("o.geom");
        assertThat(same(visible.get(0), exact.get(0)) || same(visible.get(1), exact.get(1)))
                .as("the demo's exact and public extents differ, so the test can tell them apart").isFalse();

        String number = "(-?[0-9.]+)";
        String wms = text(get(Who.ANONYMOUS, "/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0"));
        String wmsLayer = wms.substring(wms.indexOf("<Name>sinp:occurrences</Name>"));
        double[] wmsBox = numbers(wmsLayer, Pattern.compile("<westBoundLongitude>" + number + "</westBoundLongitude>\\s*"
                + "<eastBoundLongitude>" + number + "</eastBoundLongitude>\\s*<southBoundLatitude>" + number
                + "</southBoundLatitude>\\s*<northBoundLatitude>" + number + "</northBoundLatitude>"));
        String wmts = text(get(Who.ANONYMOUS, "/wmts/1.0.0/WMTSCapabilities.xml"));
        int at = wmts.indexOf("<ows:Identifier>sinp:occurrences</ows:Identifier>");
        String wmtsLayer = wmts.substring(wmts.lastIndexOf("Layer>", at)); // its bounding box comes before its name
        Pattern owsBox = Pattern.compile("<ows:WGS84BoundingBox[^>]*>\\s*<ows:LowerCorner>" + number + " " + number
                + "</ows:LowerCorner>\\s*<ows:UpperCorner>" + number + " " + number + "</ows:UpperCorner>");
        String wfs = text(get(Who.ANONYMOUS, "/wfs?service=WFS&version=2.0.0&request=GetCapabilities"));
        String wfsType = wfs.substring(wfs.indexOf("<wfs:Name>sinp:occurrences</wfs:Name>"));
        JsonNode tileJson = new ObjectMapper().readTree(get(Who.ANONYMOUS,
                "/ogcapi/collections/sinp:occurrences/tiles/WebMercatorQuad/tilejson").body());
        double[] tileBounds = new double[4];
        for (int i = 0; i < 4; i++) {
            tileBounds[i] = tileJson.path("bounds").get(i).asDouble();
        }
        double[] rest = null;
        for (JsonNode l : new ObjectMapper().readTree(get(Who.ANONYMOUS, "/rest/layers").body())) {
            if (l.path("name").asText().equals("sinp:occurrences")) {
                JsonNode b = l.path("bbox");
                rest = new double[] {b.path("minx").asDouble(), b.path("miny").asDouble(), b.path("maxx").asDouble(),
                        b.path("maxy").asDouble()};
            }
        }
        Matcher link = Pattern.compile("<MetadataURL type=\"ISO19115:2003\"><Format>text/xml</Format>"
                + "<OnlineResource[^>]* xlink:href=\"http://[^/]+([^\"]+)\"").matcher(wmsLayer);
        assertThat(link.find()).as("the layer's MetadataURL").isTrue();
        String record = link.group(1).replace("&amp;", "&");
        String iso = text(get(Who.ANONYMOUS, record));
        double[] isoBox = numbers(iso, Pattern.compile("<gmd:westBoundLongitude><gco:Decimal>" + number
                + "</gco:Decimal></gmd:westBoundLongitude><gmd:eastBoundLongitude><gco:Decimal>" + number
                + "</gco:Decimal></gmd:eastBoundLongitude><gmd:southBoundLatitude><gco:Decimal>" + number
                + "</gco:Decimal></gmd:southBoundLatitude><gmd:northBoundLatitude><gco:Decimal>" + number));
        String dublinCore = text(get(Who.ANONYMOUS, record.replaceAll("&outputSchema=[^&]*", "")));
        for (var advertised : List.of(
                new Object[] {"ISO record", new double[] {isoBox[0], isoBox[2], isoBox[1], isoBox[3]}},
                new Object[] {"Dublin Core record", numbers(dublinCore, owsBox)},
                new Object[] {"WMS capabilities", new double[] {wmsBox[0], wmsBox[2], wmsBox[1], wmsBox[3]}},
                new Object[] {"WMTS capabilities", numbers(wmtsLayer, owsBox)},
                new Object[] {"WFS capabilities", numbers(wfsType, owsBox)},
                new Object[] {"TileJSON", tileBounds},
                new Object[] {"/rest/layers", rest})) {
            double[] box = (double[]) advertised[1];
            assertThat(box).as(advertised[0] + " has an extent").isNotNull();
            assertThat(same(box, visible.get(0)) || same(box, visible.get(1))).as(advertised[0] + " "
                    + Arrays.toString(box) + ": the public's extent " + Arrays.toString(visible.get(0))
                    + " or " + Arrays.toString(visible.get(1)) + ", not the exact one "
                    + Arrays.toString(exact.get(1))).isTrue();
        }
    }
}
