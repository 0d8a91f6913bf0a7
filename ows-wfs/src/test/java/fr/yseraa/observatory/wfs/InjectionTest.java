package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsFixture.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SQL in PROPERTYNAME, SORTBY, RESOURCEID and the like answers an exception and touches nothing. */
class InjectionTest {

    static WfsFixture wfs;

    @BeforeAll
    static void setUp() throws Exception {
        wfs = WfsFixture.get();
    }

    private static WfsFixture.Answer getFeature(String key, String value) {
        return wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "obs:communes", key, value);
    }

    @Test
    void injectionAttemptsAnswerExceptionsAndLeaveTheDataIntact() throws Exception {
        long communes = wfs.queryLong("SELECT count(*) FROM territory.commune");
        String drop = "DROP TABLE territory.commune";
        List<String[]> attempts = List.of(
                new String[] {"propertyName", "name; " + drop + "; --"},
                new String[] {"propertyName", "name\"); " + drop + "; --"},
                new String[] {"propertyName", "(SELECT 1)"},
                new String[] {"sortBy", "name; " + drop},
                new String[] {"sortBy", "name ASC; " + drop + " --"},
                new String[] {"sortBy", "(CASE WHEN 1=1 THEN name END)"},
                new String[] {"resourceId", "communes.62765'; " + drop + "; --"},
                new String[] {"resourceId", "communes.1 OR 1=1"},
                new String[] {"srsName", "EPSG:2154); " + drop + "; --"},
                new String[] {"bbox", "0,0,1,1); " + drop + "; --"},
                new String[] {"count", "1; " + drop},
                new String[] {"startIndex", "1; " + drop});
        for (String[] attempt : attempts) {
            WfsFixture.Answer a = getFeature(attempt[0], attempt[1]);
            assertThat(a.status()).as(attempt[0] + "=" + attempt[1]).isEqualTo(400);
            assertThat(a.text()).contains("InvalidParameterValue").doesNotContain("PSQLException", "\tat ");
        }
        WfsFixture.Answer typeName = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", "obs:communes; " + drop);
        assertThat(typeName.status()).isEqualTo(400);
        WfsFixture.Answer byId = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "storedQuery_id", "urn:ogc:def:query:OGC-WFS::GetFeatureById", "id", "communes.1'; " + drop);
        assertThat(byId.status()).isEqualTo(404); // GetFeatureById answers NotFound for any id it cannot find
        assertThat(byId.text()).contains("exceptionCode=\"NotFound\"").doesNotContain("DROP");
        WfsFixture.Answer value = wfs.kvp(PUBLIC, "service", "WFS", "version", "2.0.0", "request",
                "GetPropertyValue", "typeNames", "obs:communes", "valueReference", "name; " + drop);
        assertThat(value.status()).isEqualTo(400);
        assertThat(wfs.queryLong("SELECT count(*) FROM territory.commune")).isEqualTo(communes);
    }
}
