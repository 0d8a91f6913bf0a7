package fr.yseraa.observatory.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.server.CatalogService;
import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Authentication over HTTP: Basic and API keys, one answer for every kind of wrong credentials, admin-only API. */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityTest {

    static final String PASSWORD = "correct horse battery staple";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "security", 3000);
    }

    @LocalServerPort
    int port;

    @Autowired
    UserStore users;

    private final HttpClient http = HttpClient.newHttpClient();
    private static boolean usersCreated;

    @BeforeAll
    static void reset() {
        usersCreated = false;
    }

    private void users() {
        if (!usersCreated) {
            users.saveUser("alice", PASSWORD, null, Set.of("instructor"));
            users.saveUser("bob", PASSWORD, null, Set.of("naturaliste"));
            users.saveUser("root", PASSWORD, null, Set.of("admin"));
            usersCreated = true;
        }
    }

    private HttpResponse<String> get(String path, String login, String password) throws Exception {
        users();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, password));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long occurrencesCount(HttpResponse<String> layers) throws Exception {
        assertThat(layers.statusCode()).isEqualTo(200);
        for (JsonNode l : new ObjectMapper().readTree(layers.body())) {
            if (l.path("name").asText().equals("sinp:occurrences")) {
                return l.path("featureCount").asLong();
            }
        }
        throw new AssertionError("no sinp:occurrences in " + layers.body());
    }

    @Test
    void callersSeeWhatTheirRolesAllow() throws Exception {
        long anonymous = occurrencesCount(get("/rest/layers", null, null));
        long instructor = occurrencesCount(get("/rest/layers", "alice", PASSWORD));
        long partnerByAlias = occurrencesCount(get("/rest/layers", "bob", PASSWORD));
        assertThat(instructor).isEqualTo(3000);
        assertThat(anonymous).isLessThan(instructor);
        assertThat(partnerByAlias).isBetween(anonymous, instructor);
    }

    @Autowired
    FeatureRepository features;

    @Autowired
    CatalogService catalogs;

    @Autowired
    DataSource dataSource;

    @Test
    void preciseReadsOfSensitiveDataAreAudited() throws Exception {
        var catalog = catalogs.catalog();
        var occurrences = catalog.layer("sinp:occurrences").orElseThrow();
        var area = new Envelope(600000, 700000, 7000000, 7100000);
        var query = FeatureQuery.all(2154).withBbox(area, 2154);
        long[] seen = {0};
        features.forCaller(catalog, new Caller("alice", Set.of("instructor"))).stream(occurrences, query,
                f -> seen[0]++);
        features.forCaller(catalog, Caller.anonymous()).stream(occurrences, query, f -> { });
        try (var c = dataSource.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT login, layer, feature_count, ST_XMin(area) FROM security.audit_log")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("alice");
            assertThat(rs.getString(2)).isEqualTo("sinp:occurrences");
            assertThat(rs.getLong(3)).isEqualTo(seen[0]).isPositive();
            assertThat(rs.getDouble(4)).isEqualTo(600000.0);
            assertThat(rs.next()).as("the public's blurred view is not audited").isFalse();
        }
    }

    @Test
    void wrongCredentialsGetOneAnswerWhateverTheUser() throws Exception {
        HttpResponse<String> wrongPassword = get("/rest/layers", "alice", "not the password");
        HttpResponse<String> unknownUser = get("/rest/layers", "nobody-here", "not the password");
        for (HttpResponse<String> r : java.util.List.of(wrongPassword, unknownUser)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains(CallerFilter.CHALLENGE);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(r.body()).doesNotContain("sinp:")
                    .isEqualTo("{\"code\":\"AuthenticationRequired\",\"description\":\"" + Authenticator.FAILED + "\"}");
        }
        HttpResponse<String> ogc = get("/wms?service=WMS&request=GetCapabilities&key=forged-key", null, null);
        assertThat(ogc.statusCode()).isEqualTo(401);
        assertThat(ogc.headers().firstValue("WWW-Authenticate")).contains(CallerFilter.CHALLENGE);
        assertThat(ogc.body()).as("an OGC path answers an OWS exception report")
                .contains("<ows:ExceptionReport", "exceptionCode=\"AuthenticationRequired\"", Authenticator.FAILED);
    }

    @Test
    void apiKeysWorkUntilRevoked() throws Exception {
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/rest/users/alice/keys"))
                .header("Authorization", TestServer.basicAuthorization("root", PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        users();
        assertThat(issued.statusCode()).isEqualTo(201);
        String key = new ObjectMapper().readTree(issued.body()).path("key").asText();
        assertThat(occurrencesCount(get("/rest/layers?authkey=" + key, null, null))).isEqualTo(3000);
        int id = users.keys().stream().filter(k -> k.login().equals("alice")).findFirst().orElseThrow().id();
        assertThat(users.revokeKey(id)).isTrue();
        assertThat(get("/rest/layers?key=" + key, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void theUserApiIsForAdminsOnly() throws Exception {
        assertThat(get("/rest/users", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/rest/users", "alice", PASSWORD).statusCode()).isEqualTo(403);
        HttpResponse<String> list = get("/rest/users", "root", PASSWORD);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("alice").doesNotContain("$2a$"); // never a password hash
    }

    @Test
    void responsesCarrySecurityHeaders() throws Exception {
        HttpResponse<String> r = get("/rest/layers", null, null);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Content-Security-Policy")).contains("frame-ancestors 'self'");
    }
}
