package fr.yseraa.observatory.ext.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.INSTRUCTOR;
import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.ext.sinp.TaxonInCommuneQuery;
import fr.yseraa.observatory.wfs.WfsHarness;
import fr.yseraa.observatory.wfs.XmlAssertions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The observatory's stored query (a WFS plug-in): occurrences of a taxon in a commune, evaluated on the geometry the
 * caller may see.
 */
class TaxonInCommuneQueryTest {

    static final String ID = TaxonInCommuneQuery.ID;
    static final String WFS_SCHEMA = "http://schemas.opengis.net/wfs/2.0/wfs.xsd";
    static WfsHarness wfs;

    @BeforeAll
    static void setUp() throws Exception {
        wfs = ObservatoryWfs.get();
    }

    private static WfsHarness.Answer kvp(Caller caller, String cdRef, String insee, String... more) {
        List<String> pairs = new ArrayList<>(List.of("CD_REF", cdRef, "INSEE", insee));
        pairs.addAll(List.of(more));
        return wfs.storedQuery(caller, ID, pairs.toArray(String[]::new));
    }

    private static WfsHarness.Answer post(Caller caller, String cdRef, String insee) {
        return wfs.storedQueryPost(caller, ID, "CD_REF", cdRef, "INSEE", insee);
    }

    private static List<String> ids(WfsHarness.Answer a) throws Exception {
        return XmlAssertions.featureIds(a, "https://observatoire.yseraa.fr/sinp", "occurrences");
    }

    /** The words of the one row of text a query answers. */
    private static String[] row(String sql) throws Exception {
        String text = wfs.queryMap("SELECT 'row', (" + sql + ")").get("row");
        assertThat(text).as(sql).isNotNull();
        return text.split(" ");
    }

    /** The ids of the occurrences of the taxon whose geometry (column) lies within the commune. */
    private static List<String> expected(String geometryColumn, String cdRef, String insee, String visibility)
            throws Exception {
        String ids = wfs.queryMap("SELECT 'ids', coalesce(string_agg('occurrences.' || o.id_sinp_occtax, ',' ORDER BY o.id_sinp_occtax), '') "
                + "FROM sinp.occurrence o JOIN territory.commune c ON c.insee = '" + insee + "' WHERE o.cd_ref = "
                + cdRef + " AND " + visibility + " AND ST_Within(o." + geometryColumn + ", c.geom)").get("ids");
        return ids.isEmpty() ? List.of() : List.of(ids.split(","));
    }

    @Test
    void listedAndDescribedWithItsParameters() throws Exception {
        WfsHarness.Answer list = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "ListStoredQueries");
        XmlAssertions.assertValid(WFS_SCHEMA, list);
        assertThat(list.text()).contains("<wfs:StoredQuery id=\"" + ID + "\">",
                "<wfs:ReturnFeatureType>sinp:occurrences</wfs:ReturnFeatureType>");
        WfsHarness.Answer describe = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0",
                "request", "DescribeStoredQueries", "storedQuery_id", ID);
        XmlAssertions.assertValid(WFS_SCHEMA, describe);
        assertThat(describe.text()).contains("<wfs:Parameter name=\"CD_REF\" type=\"xs:integer\">",
                "<wfs:Parameter name=\"INSEE\" type=\"xs:string\">", "returnFeatureTypes=\"sinp:occurrences\"");
        assertThat(describe.text()).doesNotContain("GetFeatureById");
        WfsHarness.Answer all = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "DescribeStoredQueries");
        XmlAssertions.assertValid(WFS_SCHEMA, all);
        assertThat(all.text()).contains("GetFeatureById", ID);
    }

    @Test
    void kvpAndPostAnswerTheOccurrencesThePublicCanPlaceInTheCommune() throws Exception {
        // the commune and taxon with the most occurrences shown exactly to the public
        String[] pick = row("SELECT cd_ref || ' ' || code_commune FROM sinp.occurrence "
                + "WHERE diffusion_level = 0 AND code_commune IS NOT NULL "
                + "GROUP BY cd_ref, code_commune ORDER BY count(*) DESC, cd_ref, code_commune LIMIT 1");
        String cdRef = pick[0];
        String insee = pick[1];
        List<String> expected = expected("diffusion_geom", cdRef, insee, "o.diffusion_level < 4");
        assertThat(expected).isNotEmpty();
        WfsHarness.Answer byKvp = kvp(PUBLIC, cdRef, insee);
        assertThat(ids(byKvp)).containsExactlyInAnyOrderElementsOf(expected);
        XmlAssertions.assertValidWithFeatureSchemas(wfs, byKvp);
        assertThat(ids(post(PUBLIC, cdRef, insee))).containsExactlyInAnyOrderElementsOf(expected);
        // a collection, paged like any GetFeature
        WfsHarness.Answer hits = kvp(PUBLIC, cdRef, insee, "resultType", "hits");
        assertThat(XmlAssertions.parse(hits.body()).getDocumentElement().getAttribute("numberMatched"))
                .isEqualTo(Integer.toString(expected.size()));
        assertThat(ids(kvp(PUBLIC, cdRef, insee, "count", "1"))).hasSize(1);
    }

    @Test
    void anOccurrenceBlurredToTheDepartementIsInNoCommuneForThePublic() throws Exception {
        String[] blurred = row("SELECT id_sinp_occtax || ' ' || cd_ref || ' ' || code_commune FROM sinp.occurrence "
                + "WHERE diffusion_level = 3 AND code_commune IS NOT NULL ORDER BY id LIMIT 1");
        String id = "occurrences." + blurred[0];
        String cdRef = blurred[1];
        String insee = blurred[2];
        // the instructor sees the exact geometry: the occurrence is in its commune
        List<String> exact = ids(kvp(INSTRUCTOR, cdRef, insee));
        assertThat(exact).contains(id).containsExactlyInAnyOrderElementsOf(expected("geom", cdRef, insee, "TRUE"));
        // the public sees the département: the occurrence is in no commune's answer, its own included
        List<String> seen = ids(kvp(PUBLIC, cdRef, insee));
        assertThat(seen).doesNotContain(id)
                .containsExactlyInAnyOrderElementsOf(expected("diffusion_geom", cdRef, insee, "o.diffusion_level < 4"));
        assertThat(ids(post(PUBLIC, cdRef, insee))).doesNotContain(id);
    }

    @Test
    void badParametersAnswerExceptionReports() throws Exception {
        WfsHarness.Answer missing = wfs.storedQuery(PUBLIC, ID, "CD_REF", "60612");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text()).contains("exceptionCode=\"MissingParameterValue\"", "locator=\"INSEE\"");
        WfsHarness.Answer notANumber = kvp(PUBLIC, "abc", "62765");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.text()).contains("exceptionCode=\"InvalidParameterValue\"", "locator=\"CD_REF\"");
        WfsHarness.Answer noCommune = kvp(PUBLIC, "60612", "99999");
        assertThat(noCommune.status()).isEqualTo(400);
        assertThat(noCommune.text()).contains("exceptionCode=\"InvalidParameterValue\"", "locator=\"INSEE\"");
        WfsHarness.Answer injection = kvp(PUBLIC, "60612", "62765' OR '1'='1");
        assertThat(injection.status()).isEqualTo(400);
        assertThat(injection.text()).contains("locator=\"INSEE\"");
    }
}
