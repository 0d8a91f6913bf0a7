package fr.yseraa.observatory.server.security.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import fr.yseraa.observatory.server.security.UserStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The leak suite's server: one Spring context (shared by every service's class, as their configuration is this one),
 * a demo of {@link #OCCURRENCES} occurrences in a fresh PostGIS database, real HTTP on a random port. The callers are
 * the demo accounts as the demo loader made them (roles, organisation), with a known password; the targets are
 * sensitive occurrences chosen by query.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class LeakTestBase {

    static final int OCCURRENCES = 4000;
    static final String PASSWORD = "leak suite password, long enough";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "leaks", OCCURRENCES);
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    UserStore users;

    private static Fixture fixture;
    private final HttpClient http = HttpClient.newHttpClient();
    LeakAssertions check;

    /** The callers and targets, read once per server. */
    record Fixture(int port, Map<Who, UserStore.StoredUser> accounts, Map<String, Target> targets) {
    }

    @BeforeEach
    void fixture() {
        if (fixture == null || fixture.port() != port) {
            Map<Who, UserStore.StoredUser> accounts = new EnumMap<>(Who.class);
            for (Who who : Who.values()) {
                if (who.login != null) {
                    UserStore.StoredUser demo = users.findByLogin(who.login).orElseThrow(
                            () -> new AssertionError("the demo loader did not create " + who.login));
                    users.saveUser(who.login, PASSWORD, demo.organisationId(), demo.roles());
                    accounts.put(who, demo);
                }
            }
            Integer own = accounts.get(Who.PRODUCER).organisationId();
            assertThat(own).as("the demo producer belongs to an organisation").isNotNull();
            fixture = new Fixture(port, accounts, targets(own));
        }
        check = new LeakAssertions(new JdbcTemplate(dataSource), fixture.accounts());
    }

    /** One sensitive occurrence per kind of case, the farthest from the edge of its diffusion geometry. */
    private Map<String, Target> targets(int own) {
        Map<String, String> cases = new LinkedHashMap<>();
        String notOwn = " AND d.producer_id <> " + own;
        cases.put("commune", "o.diffusion_level = 1 AND o.sensi_niveau <> '0'" + notOwn);
        cases.put("10 km cell", "o.diffusion_level = 2 AND o.sensi_niveau <> '0'" + notOwn);
        cases.put("département", "o.diffusion_level = 3 AND o.sensi_niveau <> '0'" + notOwn);
        cases.put("not diffused", "o.diffusion_level = 4 AND o.sensi_niveau = '4'" + notOwn);
        cases.put("producer's own, blurred", "o.diffusion_level BETWEEN 1 AND 3 AND o.sensi_niveau <> '0' AND d.producer_id = " + own);
        cases.put("producer's own, not diffused", "o.diffusion_level = 4 AND d.producer_id = " + own);
        cases.put("blurred by the producer's wish only", "o.diffusion_level BETWEEN 1 AND 2 AND o.sensi_niveau = '0'" + notOwn);
        cases.put("exact", "o.diffusion_level = 0" + notOwn);
        JdbcTemplate db = new JdbcTemplate(dataSource);
        Map<String, Target> targets = new LinkedHashMap<>();
        cases.forEach((name, condition) -> {
            List<Target> found = db.query("""
                    SELECT o.id_sinp_occtax::text, o.diffusion_level, o.sensi_niveau, d.producer_id, o.observateur,
                           o.date_debut::text, ST_X(o.geom), ST_Y(o.geom), ST_X(ST_Transform(o.geom, 3857)),
                           ST_Y(ST_Transform(o.geom, 3857)),
                           coalesce(ST_Distance(o.geom, ST_Boundary(o.diffusion_geom)), 0) AS margin
                    FROM sinp.occurrence o JOIN ref.dataset d ON d.uuid = o.jdd_metadonnee_dee_id
                    WHERE GeometryType(o.geom) = 'POINT' AND o.statut_observation = 'Pr' AND o.observateur IS NOT NULL
                    """ + " AND " + condition + " ORDER BY margin DESC, o.id LIMIT 1",
                    (rs, i) -> new Target(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                            rs.getString(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10),
                            rs.getDouble(11)));
            assertThat(found).as("the demo has an occurrence of the case " + name).hasSize(1);
            Target t = found.get(0);
            if (t.level() >= 1 && t.level() <= 3) {
                assertThat(t.margin()).as(name + ": far enough inside its diffusion geometry to test").isGreaterThan(400);
            }
            targets.put(name, t);
        });
        return targets;
    }

    Map<String, Target> targets() {
        return fixture.targets();
    }

    /** One dynamic test per caller and target, named after both. */
    Stream<DynamicTest> perCallerAndTarget(String what, CallerTargetCheck check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Who who : Who.values()) {
            targets().forEach((name, target) -> tests.add(DynamicTest.dynamicTest(what + ", " + who + ", " + name
                    + " (" + target + ")", () -> check.run(who, target))));
        }
        return tests.stream();
    }

    @FunctionalInterface
    interface CallerTargetCheck {
        void run(Who who, Target target) throws Exception;
    }

    HttpResponse<byte[]> get(Who who, String pathAndQuery) throws Exception {
        return getAs(who.login, pathAndQuery);
    }

    /** A GET as a user (password {@link #PASSWORD}), or the public when login is null. */
    HttpResponse<byte[]> getAs(String login, String pathAndQuery) throws Exception {
        return http.send(request(port, login, pathAndQuery).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A GET on another port of the server (the tile endpoint's). */
    HttpResponse<byte[]> getOnPort(int otherPort, Who who, String pathAndQuery) throws Exception {
        return http.send(request(otherPort, who.login, pathAndQuery).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A POST as a user (or the public when login is null), with more headers as name, value pairs. */
    HttpResponse<byte[]> postAs(String login, String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = request(port, login, path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(int toPort, String login, String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + toPort + pathAndQuery));
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        return b;
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A square around a point, Lambert-93, as "minx,miny,maxx,maxy". */
    static String box(double x, double y, double half) {
        return (x - half) + "," + (y - half) + "," + (x + half) + "," + (y + half);
    }
}
