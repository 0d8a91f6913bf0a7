package fr.yseraa.observatory.server.wms;

import static fr.yseraa.observatory.wms.testing.WmsClient.RED_DOTS;
import static fr.yseraa.observatory.wms.testing.WmsClient.RED_FILL;
import static fr.yseraa.observatory.wms.testing.WmsClient.bbox;
import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.wms.testing.Images;
import fr.yseraa.observatory.wms.testing.WmsClient;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The observatory's maps and feature info on the demo: the SINP sensitivity policy hides exact places and observers
 * from the public, and the project's styles draw what their rules say.
 */
class ObservatoryMapTest {

    static final Color RED = new Color(255, 0, 0);
    static final Caller INSTRUCTOR = new Caller("instructeur", Set.of("instructor"));
    static WmsClient wms;

    @BeforeAll
    static void start() throws Exception {
        wms = DemoWms.client();
    }

    @Test
    void thePublicNeverSeesTheExactPlaceOfASensitiveOccurrence() throws Exception {
        // a sensitivity-2 occurrence whose exact place is far from anything the public map marks
        List<Object[]> rows = DemoWms.query("WITH c AS MATERIALIZED (SELECT id, geom FROM sinp.occurrence "
                + "WHERE sensi_niveau = '2' AND diffusion_level = 2 AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 40), "
                + "pub AS MATERIALIZED (SELECT ST_PointOnSurface(CASE WHEN diffusion_level = 0 THEN geom ELSE diffusion_geom END) p "
                + "FROM sinp.occurrence WHERE diffusion_level < 4) "
                + "SELECT c.id, ST_X(c.geom), ST_Y(c.geom) FROM c WHERE NOT EXISTS "
                + "(SELECT 1 FROM pub WHERE ST_DWithin(pub.p, c.geom, 400)) ORDER BY c.id LIMIT 1");
        assertThat(rows).as("a sensitive occurrence far from public marks").isNotEmpty();
        double x = (Double) rows.get(0)[1];
        double y = (Double) rows.get(0)[2];
        String box = bbox(x - 2000, y - 2000, x + 2000, y + 2000); // 20 m per pixel
        BufferedImage publicDots = wms.map(Caller.anonymous(), "sinp:occurrences", RED_DOTS, "EPSG:2154", box, 200).image();
        BufferedImage instructorDots = wms.map(INSTRUCTOR, "sinp:occurrences", RED_DOTS, "EPSG:2154", box, 200).image();
        assertThat(Images.nearAround(instructorDots, 100, 100, 2, RED, 30)).as("instructor sees the exact place").isTrue();
        assertThat(Images.nearAround(publicDots, 100, 100, 6, RED, 100)).as("public does not").isFalse();
        // what the public sees there is the blurred 10 km cell, filled
        BufferedImage publicCells = wms.map(Caller.anonymous(), "sinp:occurrences", RED_FILL, "EPSG:2154", box, 200).image();
        assertThat(Images.near(publicCells, 100, 100, RED, 8)).isTrue();
    }

    @Test
    void labelsShowOnlyAttributesTheCallerMaySee() throws Exception {
        Object[] o = DemoWms.query("SELECT ST_X(geom), ST_Y(geom) FROM sinp.occurrence WHERE diffusion_level = 0 "
                + "AND observateur IS NOT NULL AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 1").get(0);
        double x = (Double) o[0];
        double y = (Double) o[1];
        String box = bbox(x - 300, y - 300, x + 300, y + 300);
        String label = "<TextSymbolizer><Label><ogc:PropertyName xmlns:ogc=\"http://www.opengis.net/ogc\">observateur"
                + "</ogc:PropertyName></Label><Font><CssParameter name=\"font-size\">12</CssParameter></Font>"
                + "<Fill><CssParameter name=\"fill\">#FF0000</CssParameter></Fill></TextSymbolizer>";
        WmsClient.Answer instructor = wms.map(INSTRUCTOR, "sinp:occurrences", label, "EPSG:2154", box, 200);
        WmsClient.Answer anonymous = wms.map(Caller.anonymous(), "sinp:occurrences", label, "EPSG:2154", box, 200);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(Images.count(instructor.image(), RED, 80)).isPositive();
        assertThat(Images.count(anonymous.image(), RED, 80)).isZero(); // observer names are not for the public
    }

    @Test
    void aClickOnASensitiveOccurrenceShowsOnlyWhatThePublicMaySee() throws Exception {
        Object[] o = DemoWms.query("SELECT id_sinp_occtax::text, ST_X(geom), ST_Y(geom) FROM sinp.occurrence WHERE sensi_niveau = '2' "
                + "AND diffusion_level = 2 AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 1").get(0);
        String id = (String) o[0];
        double ox = (Double) o[1];
        double oy = (Double) o[2];
        WmsClient.Answer instructor = wms.info(new Caller("i", Set.of("instructor")), "1.3.0", "sinp:occurrences", ox, oy,
                "application/json", "FEATURE_COUNT", "50");
        assertThat(instructor.text()).contains("\"id\":\"occurrences." + id + "\"", "\"type\":\"Point\"");
        // the cell holds more than FEATURE_COUNT occurrences: the click asks for this one
        WmsClient.Answer anonymous = wms.info(Caller.anonymous(), "1.3.0", "sinp:occurrences", ox, oy,
                "application/json", "FEATURE_COUNT", "50", "CQL_FILTER", "id_sinp_occtax = '" + id + "'");
        // the public finds the occurrence by its blurred cell, never the exact point, never the observer
        assertThat(anonymous.text()).contains("\"id\":\"occurrences." + id + "\"").doesNotContain("observateur");
        assertThat(anonymous.text()).doesNotContain(String.format(Locale.ROOT, "[%s,%s]", ox, oy));
        assertThat(anonymous.text()).doesNotContain(Double.toString(ox));
    }

    @Test
    void theProjectStylesDrawWhatTheirFilterFreeRulesSay() throws Exception {
        // departements.sld has no filter: its outline is drawn with the catalog style
        Object[] b = DemoWms.query("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                + "(SELECT ST_Extent(geom) e FROM territory.departement) s").get(0);
        WmsClient.Answer a = wms.get("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS",
                "obs:departements,obs:ramsar_site", "STYLES", ",", "CRS", "EPSG:2154",
                "BBOX", bbox((Double) b[0], (Double) b[1], (Double) b[2], (Double) b[3]), "WIDTH", "300", "HEIGHT", "300",
                "FORMAT", "image/png", "TRANSPARENT", "TRUE");
        assertThat(a.status()).isEqualTo(200);
        assertThat(Images.drawn(a.image())).isGreaterThan(1000);
    }

    @Test
    void projectStylesDrawByTheirRuleFilters() throws Exception {
        // habitats.sld has one filtered rule per land-cover class: every class is drawn in its own colour
        Object[] b = DemoWms.query("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                + "(SELECT ST_Extent(geom) e FROM landscape.habitat) s").get(0);
        WmsClient.Answer a = wms.get("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS",
                "obs:habitats", "STYLES", "", "CRS", "EPSG:2154",
                "BBOX", bbox((Double) b[0], (Double) b[1], (Double) b[2], (Double) b[3]), "WIDTH", "300", "HEIGHT", "300",
                "FORMAT", "image/png", "TRANSPARENT", "TRUE");
        assertThat(a.status()).isEqualTo(200);
        assertThat(Images.opaqueColours(a.image())).as("distinct opaque colours").isGreaterThanOrEqualTo(6);
    }
}
