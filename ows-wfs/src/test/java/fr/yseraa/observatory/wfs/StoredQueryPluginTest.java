package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.INSTRUCTOR;
import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stored query plug-in ({@link SightingsInProtectedZoneQuery}): listed, described with its bundle's texts, called
 * by KVP and XML POST, paged like any GetFeature, offered only to the callers it describes itself to.
 */
class StoredQueryPluginTest {

    static final String ID = SightingsInProtectedZoneQuery.ID;
    static final String WFS_SCHEMA = "http://schemas.opengis.net/wfs/2.0/wfs.xsd";
    static WfsHarness wfs;

    @BeforeAll
    static void setUp() throws Exception {
        wfs = WfsFixture.get();
    }

    private static WfsHarness.Answer kvp(Caller caller, String species, String zone, String... more) {
        List<String> pairs = new ArrayList<>(List.of("SPECIES", species, "ZONE", zone));
        pairs.addAll(List.of(more));
        return wfs.storedQuery(caller, ID, pairs.toArray(String[]::new));
    }

    private static List<String> ids(WfsHarness.Answer a) throws Exception {
        return XmlAssertions.featureIds(a, WfsFixture.SURVEY_NS, "sightings");
    }

    /** The ids of the sightings of the species whose exact geometry lies within the zone. */
    private static List<String> expected(String species, String zone) throws Exception {
        String ids = wfs.queryMap("SELECT 'ids', coalesce(string_agg('sightings.' || s.sid, ','), '') "
                + "FROM fixture.sighting s JOIN fixture.zone z ON z.code = '" + zone + "' WHERE s.species = '"
                + species + "' AND ST_Within(s.geom, z.geom)").get("ids");
        return ids.isEmpty() ? List.of() : List.of(ids.split(","));
    }

    @Test
    void listedAndDescribedWithItsParametersToTheCallersItIsFor() throws Exception {
        WfsHarness.Answer list = wfs.kvp(INSTRUCTOR, "service", "WFS", "version", "2.0.0", "request",
                "ListStoredQueries");
        XmlAssertions.assertValid(WFS_SCHEMA, list);
        assertThat(list.text()).contains("<wfs:StoredQuery id=\"" + ID + "\">",
                "<wfs:Title xml:lang=\"fr\">Observations d'une espèce dans une zone protégée</wfs:Title>",
                "<wfs:ReturnFeatureType>survey:sightings</wfs:ReturnFeatureType>");
        WfsHarness.Answer describe = wfs.kvp(INSTRUCTOR, "service", "WFS", "version", "2.0.0",
                "request", "DescribeStoredQueries", "storedQuery_id", ID);
        XmlAssertions.assertValid(WFS_SCHEMA, describe);
        assertThat(describe.text()).contains("<wfs:Parameter name=\"SPECIES\" type=\"xs:string\">",
                "<wfs:Parameter name=\"ZONE\" type=\"xs:integer\"><wfs:Title xml:lang=\"fr\">Code de la zone "
                        + "protégée</wfs:Title>", "returnFeatureTypes=\"survey:sightings\"");
        assertThat(describe.text()).doesNotContain("GetFeatureById");
        WfsHarness.Answer all = wfs.kvp(INSTRUCTOR, "service", "WFS", "version", "2.0.0",
                "request", "DescribeStoredQueries");
        XmlAssertions.assertValid(WFS_SCHEMA, all);
        assertThat(all.text()).contains("GetFeatureById", "<wfs:Title xml:lang=\"fr\">Objet par identifiant", ID);
        // the public may not read the protected zones: the query does not exist for it
        WfsHarness.Answer publicList = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request",
                "ListStoredQueries");
        assertThat(publicList.text()).contains("GetFeatureById").doesNotContain(ID);
        WfsHarness.Answer publicDescribe = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0",
                "request", "DescribeStoredQueries", "storedQuery_id", ID);
        assertThat(publicDescribe.status()).isEqualTo(400);
        assertThat(publicDescribe.text()).contains("InvalidParameterValue");
        WfsHarness.Answer publicCall = kvp(PUBLIC, "Bufo bufo", "10040");
        assertThat(publicCall.status()).isEqualTo(400);
        assertThat(publicCall.text()).contains("InvalidParameterValue", "locator=\"storedQuery_Id\"");
    }

    @Test
    void kvpAndPostAnswerTheSightingsInTheZone() throws Exception {
        List<String> expected = expected("Bufo bufo", "10040");
        assertThat(expected).isNotEmpty();
        WfsHarness.Answer byKvp = kvp(INSTRUCTOR, "Bufo bufo", "10040");
        assertThat(ids(byKvp)).containsExactlyInAnyOrderElementsOf(expected);
        XmlAssertions.assertValidWithFeatureSchemas(wfs, byKvp, INSTRUCTOR);
        // parameter names are case-insensitive
        assertThat(ids(wfs.storedQueryPost(INSTRUCTOR, ID, "SPECIES", "Bufo bufo", "zone", "10040")))
                .containsExactlyInAnyOrderElementsOf(expected);
        // a collection, paged like any GetFeature
        WfsHarness.Answer hits = kvp(INSTRUCTOR, "Bufo bufo", "10040", "resultType", "hits");
        assertThat(XmlAssertions.parse(hits.body()).getDocumentElement().getAttribute("numberMatched"))
                .isEqualTo(Integer.toString(expected.size()));
        assertThat(ids(kvp(INSTRUCTOR, "Bufo bufo", "10040", "count", "1"))).hasSize(1);
    }

    @Test
    void badParametersAnswerExceptionReports() throws Exception {
        WfsHarness.Answer missing = wfs.storedQuery(INSTRUCTOR, ID, "SPECIES", "Bufo bufo");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text()).contains("exceptionCode=\"MissingParameterValue\"", "locator=\"ZONE\"");
        WfsHarness.Answer notANumber = kvp(INSTRUCTOR, "Bufo bufo", "abc");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.text()).contains("exceptionCode=\"InvalidParameterValue\"", "locator=\"ZONE\"");
        WfsHarness.Answer noZone = kvp(INSTRUCTOR, "Bufo bufo", "99999");
        assertThat(noZone.status()).isEqualTo(400);
        assertThat(noZone.text()).contains("exceptionCode=\"InvalidParameterValue\"", "locator=\"ZONE\"");
        WfsHarness.Answer injection = kvp(INSTRUCTOR, "Bufo bufo' OR '1'='1", "10040");
        assertThat(ids(injection)).isEmpty();
    }
}
