package fr.yseraa.observatory.server.wms;

import static fr.yseraa.observatory.wms.testing.WmsClient.RED_DOTS;
import static fr.yseraa.observatory.wms.testing.WmsClient.RED_FILL;
import static fr.yseraa.observatory.wms.testing.WmsClient.bbox;
import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.wms.testing.Images;
import fr.yseraa.observatory.wms.testing.PolicyChecks;
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
        PolicyChecks.assertExactPlaceHiddenFromThePublic(wms, "sinp:occurrences", INSTRUCTOR, (Double) rows.get(0)[1],
                (Double) rows.get(0)[2]);
    }

    /**
     * The public's map reads each blurred area once (sinp.diffusion_area, through the policy's shared areas), where a
     * producer of an organisation that has no dataset, who sees exactly what the public sees, gets the same map read
     * from the rows (its view keeps no shared areas): the same picture, but for the order overlapping exact points
     * are drawn in (the rows' order against the groups' first rows).
     */
    @Test
    void thePublicMapReadFromTheBlurredAreasIsTheMapReadFromTheRows() throws Exception {
        Object[] area = DemoWms.query("SELECT ST_X(ST_PointOnSurface(diffusion_geom)), ST_Y(ST_PointOnSurface("
                + "diffusion_geom)), (SELECT coalesce(max(producer_id), 0) + 1000 FROM ref.dataset) FROM sinp.occurrence "
                + "WHERE diffusion_level = 1 ORDER BY id LIMIT 1").get(0);
        double x = (Double) area[0];
        double y = (Double) area[1];
        Caller noDataset = new Caller("producteur", Set.of("producer"), (Integer) area[2]);
        var catalog = DemoWms.catalog();
        var layer = catalog.layer("sinp:occurrences").orElseThrow();
        assertThat(catalog.policy(layer).access(layer, Caller.anonymous()).sharedAreas()).isNotNull();
        assertThat(catalog.policy(layer).access(layer, noDataset).sharedAreas()).isNull();
        // 1:25 000 and 1:5 000 (taxon labels) around a commune some occurrences are blurred to
        for (double half : new double[] {900, 180}) {
            String box = bbox(x - half, y - half, x + half, y + half);
            BufferedImage fromAreas = wms.catalogMap(Caller.anonymous(), "sinp:occurrences", "", box, 256).image();
            BufferedImage fromRows = wms.catalogMap(noDataset, "sinp:occurrences", "", box, 256).image();
            assertThat(Images.drawn(fromAreas)).as("drawn pixels").isGreaterThan(256 * 256 / 2);
            assertThat(Images.differingShare(fromAreas, fromRows, 8)).as("share of differing pixels").isLessThan(0.02);
        }
    }

    @Test
    void labelsShowOnlyAttributesTheCallerMaySee() throws Exception {
        Object[] o = DemoWms.query("SELECT ST_X(geom), ST_Y(geom) FROM sinp.occurrence WHERE diffusion_level = 0 "
                + "AND observateur IS NOT NULL AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 1").get(0);
        PolicyChecks.assertLabelHiddenFromThePublic(wms, "sinp:occurrences", INSTRUCTOR, "observateur", (Double) o[0],
                (Double) o[1]);
    }

    @Test
    void aClickOnASensitiveOccurrenceShowsOnlyWhatThePublicMaySee() throws Exception {
        Object[] o = DemoWms.query("SELECT id_sinp_occtax::text, ST_X(geom), ST_Y(geom) FROM sinp.occurrence WHERE sensi_niveau = '2' "
                + "AND diffusion_level = 2 AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 1").get(0);
        String id = (String) o[0];
        PolicyChecks.assertInfoShowsThePublicOnlyTheArea(wms, "sinp:occurrences", INSTRUCTOR, "occurrences." + id,
                "id_sinp_occtax = '" + id + "'", "observateur", (Double) o[1], (Double) o[2]);
    }

    @Test
    void theProjectStylesDrawWhatTheirFilterFreeRulesSay() throws Exception {
        // departements.sld has no filter: its outline is drawn with the catalog style
        Object[] b = DemoWms.query("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                + "(SELECT ST_Extent(geom) e FROM territory.departement) s").get(0);
        WmsClient.Answer a = wms.catalogMap(Caller.anonymous(), "obs:departements,obs:ramsar_site", ",",
                bbox((Double) b[0], (Double) b[1], (Double) b[2], (Double) b[3]), 300);
        assertThat(a.status()).isEqualTo(200);
        assertThat(Images.drawn(a.image())).isGreaterThan(1000);
    }

    @Test
    void projectStylesDrawByTheirRuleFilters() throws Exception {
        // habitats.sld has one filtered rule per land-cover class: every class is drawn in its own colour
        Object[] b = DemoWms.query("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                + "(SELECT ST_Extent(geom) e FROM landscape.habitat) s").get(0);
        WmsClient.Answer a = wms.catalogMap(Caller.anonymous(), "obs:habitats", "",
                bbox((Double) b[0], (Double) b[1], (Double) b[2], (Double) b[3]), 300);
        assertThat(a.status()).isEqualTo(200);
        assertThat(Images.opaqueColours(a.image())).as("distinct opaque colours").isGreaterThanOrEqualTo(6);
    }
}
