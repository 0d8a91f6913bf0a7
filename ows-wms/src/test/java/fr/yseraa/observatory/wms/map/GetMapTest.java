package fr.yseraa.observatory.wms.map;

import static fr.yseraa.observatory.wms.testing.WmsClient.RED_DOTS;
import static fr.yseraa.observatory.wms.testing.WmsClient.RED_FILL;
import static fr.yseraa.observatory.wms.testing.WmsClient.bbox;
import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.wms.WmsSettings;
import fr.yseraa.observatory.wms.testing.Images;
import fr.yseraa.observatory.wms.testing.PolicyChecks;
import fr.yseraa.observatory.wms.testing.WmsClient;
import fr.yseraa.observatory.wms.testing.WmsFixture;
import fr.yseraa.observatory.wms.testing.XmlChecks;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GetMapTest {

    static final Color RED = new Color(255, 0, 0);
    static final Color WHITE = Color.WHITE;
    static final String SIGHTINGS = "essai:sightings";
    /** The land cover's extent. */
    static final String LANDCOVER = "640000,7060000,660000,7080000";
    static WmsClient wms;

    @BeforeAll
    static void start() throws Exception {
        wms = WmsFixture.client();
    }

    static WmsClient.Answer map(Caller caller, String layers, String symbolizer, String crs, String bbox, int size, String... extra) {
        return wms.map(caller, layers, symbolizer, crs, bbox, size, extra);
    }

    @Test
    void featuresAreDrawnWhereTheyAre() throws Exception {
        Object[] site = WmsFixture.query("SELECT ST_X(p), ST_Y(p), ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g), "
                + "ST_Contains(geom, ST_SetSRID(ST_MakePoint(ST_XMin(g) - 1000, ST_YMax(g) + 1000), 2154)) "
                + "FROM (SELECT geom, ST_PointOnSurface(geom) p, ST_Expand(geom::box2d, 0)::geometry g "
                + "FROM essai.site) s").get(0);
        double px = (Double) site[0];
        double py = (Double) site[1];
        double minx = (Double) site[2] - 1000;
        double maxy = (Double) site[5] + 1000;
        double size = Math.max((Double) site[4] - minx, maxy - (Double) site[3]) + 1000;
        WmsClient.Answer a = map(Caller.anonymous(), "essai:sites", RED_FILL, "EPSG:2154",
                bbox(minx, maxy - size, minx + size, maxy), 300, "TRANSPARENT", "TRUE");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).isEqualTo("image/png");
        BufferedImage image = a.image();
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(image.getHeight()).isEqualTo(300);
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        int col = (int) ((px - minx) / size * 300);
        int row = (int) ((maxy - py) / size * 300);
        assertThat(Images.near(image, col, row, RED, 8)).isTrue();
        assertThat((Boolean) site[6]).isFalse(); // the corner is outside the site...
        assertThat(new Color(image.getRGB(1, 1), true).getAlpha()).isZero(); // ...and transparent
        BufferedImage opaque = map(Caller.anonymous(), "essai:sites", RED_FILL, "EPSG:2154",
                bbox(minx, maxy - size, minx + size, maxy), 300, "BGCOLOR", "0x00FF00").image();
        assertThat(Images.near(opaque, 1, 1, Color.GREEN, 0)).isTrue();
        assertThat(Images.near(opaque, col, row, RED, 8)).isTrue();
    }

    @Test
    void theSameAreaLooksTheSameInLambert93WebMercatorAndWgs84() throws Exception {
        // a 12 km square on the site in Lambert-93, and the same area in the two other CRS
        Object[] box = WmsFixture.query("SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b), ST_XMin(m), ST_YMin(m), "
                + "ST_XMax(m), ST_YMax(m), ST_XMin(l), ST_YMin(l), ST_XMax(l), ST_YMax(l) FROM (SELECT e::box2d b, "
                + "ST_Transform(e, 3857)::box2d m, ST_Transform(e, 4326)::box2d l FROM (SELECT ST_Expand("
                + "ST_Centroid(geom), 6000) e FROM essai.site) s) t").get(0);
        double[] v = new double[12];
        for (int i = 0; i < 12; i++) {
            v[i] = ((Number) box[i]).doubleValue();
        }
        String layers = "essai:zones";
        String style = "<PolygonSymbolizer><Fill><CssParameter name=\"fill\">#FFFFFF</CssParameter></Fill>"
                + "<Stroke><CssParameter name=\"stroke\">#000000</CssParameter><CssParameter name=\"stroke-width\">2</CssParameter>"
                + "</Stroke></PolygonSymbolizer>";
        BufferedImage lambert = map(Caller.anonymous(), layers, style, "EPSG:2154", bbox(v[0], v[1], v[2], v[3]), 256).image();
        BufferedImage mercator = map(Caller.anonymous(), layers, style, "EPSG:3857", bbox(v[4], v[5], v[6], v[7]), 256).image();
        // WMS 1.3.0 EPSG:4326: latitude first
        BufferedImage wgs84 = map(Caller.anonymous(), layers, style, "EPSG:4326", bbox(v[9], v[8], v[11], v[10]), 256).image();
        BufferedImage crs84 = map(Caller.anonymous(), layers, style, "CRS:84", bbox(v[8], v[9], v[10], v[11]), 256).image();
        assertThat(Images.count(lambert, Color.BLACK, 100)).isGreaterThan(500); // there are boundaries to compare
        // the CRS differ slightly in shape (grid convergence, scale): a few pixels along lines may differ
        assertThat(Images.differingShare(lambert, mercator, 100)).isLessThan(0.06);
        assertThat(Images.differingShare(lambert, wgs84, 100)).isLessThan(0.06);
        assertThat(Images.differingShare(wgs84, crs84, 0)).isZero();
        // 1.1.1: EPSG:4326 is longitude first
        WmsClient.Answer v111 = wms.get("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.1.1", "LAYERS", layers,
                "STYLES", "", "SRS", "EPSG:4326", "BBOX", bbox(v[8], v[9], v[10], v[11]), "WIDTH", "256", "HEIGHT", "256",
                "FORMAT", "image/png", "SLD_BODY", WmsClient.sldBody(layers, style));
        assertThat(Images.differingShare(v111.image(), wgs84, 0)).isZero();
    }

    @Test
    void thePublicNeverSeesTheExactPlaceOfABlurredSighting() throws Exception {
        // a blurred sighting whose exact place is far from anything the public map marks
        List<Object[]> rows = WmsFixture.query("WITH c AS MATERIALIZED (SELECT id, geom FROM essai.sighting "
                + "WHERE level = 2 ORDER BY id LIMIT 40), "
                + "pub AS MATERIALIZED (SELECT ST_PointOnSurface(CASE WHEN level = 0 THEN geom ELSE blurred END) p "
                + "FROM essai.sighting WHERE level < 4) "
                + "SELECT c.id, ST_X(c.geom), ST_Y(c.geom) FROM c WHERE NOT EXISTS "
                + "(SELECT 1 FROM pub WHERE ST_DWithin(pub.p, c.geom, 400)) ORDER BY c.id LIMIT 1");
        assertThat(rows).as("a blurred sighting far from public marks").isNotEmpty();
        PolicyChecks.assertExactPlaceHiddenFromThePublic(wms, SIGHTINGS, WmsFixture.EXPERT, (Double) rows.get(0)[1],
                (Double) rows.get(0)[2]);
    }

    @Test
    void labelsShowOnlyAttributesTheCallerMaySee() throws Exception {
        Object[] o = WmsFixture.query("SELECT ST_X(geom), ST_Y(geom) FROM essai.sighting WHERE level = 0 "
                + "AND observer IS NOT NULL ORDER BY id LIMIT 1").get(0);
        PolicyChecks.assertLabelHiddenFromThePublic(wms, SIGHTINGS, WmsFixture.EXPERT, "observer", (Double) o[0],
                (Double) o[1]);
    }

    @Test
    void wholeWorldMapsAnswerImages() throws Exception {
        for (String[] crsBox : List.of(new String[] {"CRS:84", "-180,-90,180,90"},
                new String[] {"EPSG:4326", "-90,-180,90,180"},
                new String[] {"EPSG:3857", "-20037508,-20037508,20037508,20037508"},
                new String[] {"EPSG:2154", "-5000000,0,5000000,10000000"})) {
            WmsClient.Answer a = map(Caller.anonymous(), "essai:zones," + SIGHTINGS, RED_FILL + RED_DOTS,
                    crsBox[0], crsBox[1], 256);
            assertThat(a.status()).as(crsBox[0] + " " + a.text()).isEqualTo(200);
            assertThat(Images.count(a.image(), RED, 40)).as(crsBox[0]).isPositive();
        }
    }

    @Test
    void formatsAreHonoured() throws Exception {
        String box = "640000,7060000,660000,7080000";
        for (String format : List.of("image/png; mode=8bit", "image/jpeg", "image/png")) {
            WmsClient.Answer a = map(Caller.anonymous(), "essai:zones", RED_FILL, "EPSG:2154", box, 128,
                    "FORMAT", format);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.contentType()).isEqualTo(format);
            BufferedImage image = a.image();
            assertThat(image.getWidth()).isEqualTo(128);
            if (format.contains("8bit")) {
                assertThat(image.getColorModel()).isInstanceOf(IndexColorModel.class);
            }
            if (format.equals("image/jpeg")) {
                assertThat(image.getColorModel().hasAlpha()).isFalse();
            }
            assertThat(Images.count(image, RED, 40)).as(format).isGreaterThan(128 * 128 / 2);
        }
    }

    @Test
    void timeSelectsFeaturesByDate() throws Exception {
        Object[] extent = WmsFixture.query("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                + "(SELECT ST_Extent(geom) e FROM essai.sighting WHERE level = 0) s").get(0);
        String box = bbox((Double) extent[0], (Double) extent[1], (Double) extent[2], (Double) extent[3]);
        String points = "<PointSymbolizer><Graphic><Mark><WellKnownName>square</WellKnownName><Fill>"
                + "<CssParameter name=\"fill\">#FF0000</CssParameter></Fill></Mark><Size>3</Size></Graphic></PointSymbolizer>";
        int all = Images.count(map(Caller.anonymous(), SIGHTINGS, points, "EPSG:2154", box, 256).image(), RED, 60);
        Object[] range = WmsFixture.query("SELECT min(seen_on), max(seen_on) FROM essai.sighting WHERE level < 4").get(0);
        // a day inside the extent without any sighting draws nothing
        String empty = WmsFixture.query("SELECT d::date::text FROM generate_series(?::date, ?::date, interval '1 day') d "
                + "WHERE NOT EXISTS (SELECT 1 FROM essai.sighting WHERE seen_on = d::date) LIMIT 1", range[0], range[1])
                .get(0)[0].toString();
        int none = Images.count(map(Caller.anonymous(), SIGHTINGS, points, "EPSG:2154", box, 256,
                "TIME", empty).image(), RED, 60);
        int oneYear = Images.count(map(Caller.anonymous(), SIGHTINGS, points, "EPSG:2154", box, 256,
                "TIME", "2020").image(), RED, 60);
        assertThat(all).isGreaterThan(100);
        assertThat(none).isZero();
        assertThat(oneYear).isPositive().isLessThan(all);
        WmsClient.Answer bad = map(Caller.anonymous(), SIGHTINGS, points, "EPSG:2154", box, 256, "TIME", "yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("code=\"InvalidDimensionValue\"", "locator=\"time\"");
        WmsClient.Answer outside = map(Caller.anonymous(), SIGHTINGS, points, "EPSG:2154", box, 256,
                "TIME", "1900-01-01/1950-12-31");
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.text()).contains("code=\"InvalidDimensionValue\"", "outside the time extent");
    }

    @Test
    void layersOverTheFeatureCapAreRefusedClearly() throws Exception {
        WmsClient capped = WmsFixture.client(new WmsSettings(4096, 4096, 50, 4, 10));
        WmsClient.Answer a = capped.get("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS",
                SIGHTINGS, "STYLES", "", "CRS", "EPSG:2154", "BBOX", "600000,7000000,700000,7100000",
                "WIDTH", "256", "HEIGHT", "256", "FORMAT", "image/png", "SLD_BODY", WmsClient.sldBody(SIGHTINGS, RED_DOTS));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.text()).contains("code=\"TooManyFeatures\"", "more than 50 features");
        assertThat(XmlChecks.schemaProblems("http://schemas.opengis.net/wms/1.3.0/exceptions_1_3_0.xsd", a.body())).isEmpty();
    }

    @Test
    void catalogStylesDrawWhatTheirFilterFreeRulesSay() throws Exception {
        // zones.sld and sites.sld have filter-free rules: outlines and fills are drawn with the catalog styles
        WmsClient.Answer a = wms.catalogMap(Caller.anonymous(), "essai:zones,essai:sites", ",",
                "630000,7050000,670000,7090000", 300);
        assertThat(a.status()).isEqualTo(200);
        assertThat(Images.drawn(a.image())).isGreaterThan(1000);
    }

    /** Red pixels of a map of the land cover over its whole extent, with extra parameters. */
    private static int redLandcoverPixels(String... extra) throws Exception {
        WmsClient.Answer a = map(Caller.anonymous(), "essai:landcover", RED_FILL, "EPSG:2154", LANDCOVER, 200, extra);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return Images.count(a.image(), RED, 10);
    }

    @Test
    void catalogStylesDrawByTheirRuleFilters() throws Exception {
        // landcover.sld has one filtered rule per land-cover class: every class is drawn in its own colour
        WmsClient.Answer a = wms.catalogMap(Caller.anonymous(), "essai:landcover", "", LANDCOVER, 300);
        assertThat(a.status()).isEqualTo(200);
        assertThat(Images.opaqueColours(a.image())).as("distinct opaque colours").isGreaterThanOrEqualTo(6);
    }

    @Test
    void vendorFiltersKeepOnlyTheFeaturesTheyMatch() throws Exception {
        int all = redLandcoverPixels();
        int woodland = redLandcoverPixels("CQL_FILTER", "class_code = 'woodland'");
        int woodlandFes = redLandcoverPixels("FILTER", "<Filter xmlns=\"http://www.opengis.net/ogc\"><PropertyIsEqualTo>"
                + "<PropertyName>class_code</PropertyName><Literal>woodland</Literal></PropertyIsEqualTo></Filter>");
        int none = redLandcoverPixels("CQL_FILTER", "class_code = 'no such class'");
        assertThat(all).isGreaterThan(woodland);
        assertThat(woodland).isPositive().isEqualTo(woodlandFes);
        assertThat(none).isZero();
        assertThat(redLandcoverPixels("CQL_FILTER", "class_code = 'woodland'", "FILTER",
                "<Filter xmlns=\"http://www.opengis.net/ogc\"><PropertyIsEqualTo><PropertyName>class_code</PropertyName>"
                        + "<Literal>arable</Literal></PropertyIsEqualTo></Filter>")).as("both filters apply").isZero();
    }

    @Test
    void badVendorFiltersAnswerExceptions() throws Exception {
        Object[][] cases = {
                {"CQL_FILTER", "no_such_attribute = 1", "InvalidParameterValue", "cql_filter"},
                {"CQL_FILTER", "class_code = 'x'; DROP TABLE essai.landcover; --", "InvalidParameterValue", "cql_filter"},
                {"CQL_FILTER", "class_code = 'a';class_code = 'b'", "InvalidParameterValue", "cql_filter"},
                {"FILTER", "<Filter xmlns=\"http://www.opengis.net/ogc\"><Nonsense/></Filter>", "InvalidParameterValue", "filter"}};
        for (Object[] c : cases) {
            WmsClient.Answer a = map(Caller.anonymous(), "essai:landcover", RED_FILL, "EPSG:2154", LANDCOVER, 64, (String) c[0], (String) c[1]);
            assertThat(a.status()).as((String) c[1]).isEqualTo(400);
            assertThat(a.text()).as((String) c[1]).contains("code=\"" + c[2] + "\"", "locator=\"" + c[3] + "\"");
        }
        assertThat(WmsFixture.query("SELECT count(*) FROM essai.landcover").get(0)[0]).isNotEqualTo(0L);
    }
}
