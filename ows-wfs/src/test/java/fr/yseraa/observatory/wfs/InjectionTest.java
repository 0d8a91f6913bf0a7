package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SQL in PROPERTYNAME, SORTBY, RESOURCEID and the like answers an exception and touches nothing. */
class InjectionTest {

    static WfsHarness wfs;

    @BeforeAll
    static void setUp() throws Exception {
        wfs = WfsFixture.get();
    }

    private static WfsHarness.Answer getFeature(String key, String value) {
        return wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "base:zones", key, value);
    }

    @Test
    void injectionAttemptsAnswerExceptionsAndLeaveTheDataIntact() throws Exception {
        long zones = wfs.queryLong("SELECT count(*) FROM fixture.zone");
        String drop = "DROP TABLE fixture.zone";
        List<String[]> attempts = List.of(
                new String[] {"propertyName", "name; " + drop + "; --"},
                new String[] {"propertyName", "name\"); " + drop + "; --"},
                new String[] {"propertyName", "(SELECT 1)"},
                new String[] {"sortBy", "name; " + drop},
                new String[] {"sortBy", "name ASC; " + drop + " --"},
                new String[] {"sortBy", "(CASE WHEN 1=1 THEN name END)"},
                new String[] {"resourceId", "zones.10040'; " + drop + "; --"},
                new String[] {"resourceId", "zones.1 OR 1=1"},
                new String[] {"srsName", "EPSG:2154); " + drop + "; --"},
                new String[] {"bbox", "0,0,1,1); " + drop + "; --"},
                new String[] {"count", "1; " + drop},
                new String[] {"startIndex", "1; " + drop});
        for (String[] attempt : attempts) {
            WfsHarness.Answer a = getFeature(attempt[0], attempt[1]);
            assertThat(a.status()).as(attempt[0] + "=" + attempt[1]).isEqualTo(400);
            assertThat(a.text()).contains("InvalidParameterValue").doesNotContain("PSQLException", "\tat ");
        }
        WfsHarness.Answer typeName = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "base:zones; " + drop);
        assertThat(typeName.status()).isEqualTo(400);
        WfsHarness.Answer byId = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "storedQuery_id", "urn:ogc:def:query:OGC-WFS::GetFeatureById", "id", "zones.1'; " + drop);
        assertThat(byId.status()).isEqualTo(404); // GetFeatureById answers NotFound for any id it cannot find
        assertThat(byId.text()).contains("exceptionCode=\"NotFound\"").doesNotContain("DROP");
        WfsHarness.Answer value = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request",
                "GetPropertyValue", "typeNames", "base:zones", "valueReference", "name; " + drop);
        assertThat(value.status()).isEqualTo(400);
        assertThat(wfs.queryLong("SELECT count(*) FROM fixture.zone")).isEqualTo(zones);
    }
}
