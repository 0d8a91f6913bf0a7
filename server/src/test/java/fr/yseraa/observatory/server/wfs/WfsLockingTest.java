package fr.yseraa.observatory.server.wfs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.xml.OgcSchemas;
import fr.yseraa.observatory.core.xml.ProblemCollector;
import fr.yseraa.observatory.server.ObservatoryApplication;
import fr.yseraa.observatory.server.TestServer;
import fr.yseraa.observatory.server.security.UserStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.ls.LSInput;

/**
 * LockFeature and GetFeatureWithLock over HTTP on the demo, WFS 2.0.0 and 1.1.0, KVP and XML: every answer valid
 * against the official schemas (collections also against the server's application schemas), the locks seen in the
 * database, and every refusal with its code and HTTP status.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WfsLockingTest {

    static final String PASSWORD = "locking test password, long enough";
    static final String WFS20 = "http://schemas.opengis.net/wfs/2.0/wfs.xsd";
    static final String WFS11 = "http://schemas.opengis.net/wfs/1.1.0/wfs.xsd";
    static final String OWS11 = "http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd";
    static final String NS = " xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" xmlns:fes=\"http://www.opengis.net/fes/2.0\""
            + " xmlns:obs=\"https://observatoire.yseraa.fr/obs\"";
    private static final Pattern GML_ID = Pattern.compile("gml:id=\"(obstacles\\.[^\".]+)\"");
    private static final Pattern LOCK_ID = Pattern.compile("lockId=\"([^\"]+)\"");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "wfslocks", 300);
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    UserStore users;

    private final HttpClient http = HttpClient.newHttpClient();
    private JdbcTemplate db;

    @BeforeEach
    void accounts() {
        for (String login : List.of("admin", "producteur", "partenaire", "instructeur")) {
            UserStore.StoredUser u = users.findByLogin(login).orElseThrow();
            users.saveUser(login, PASSWORD, u.organisationId(), u.roles());
        }
        db = new JdbcTemplate(dataSource);
        db.update("DELETE FROM security.wfs_lock"); // each test starts with no lock
    }

    record Answer(int status, String body) {
    }

    private Answer get(String login, String query) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/wfs?" + query));
        return send(login, b);
    }

    private Answer post(String login, String xml) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/wfs"))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(xml));
        return send(login, b);
    }

    private Answer send(String login, HttpRequest.Builder b) throws Exception {
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Some obstacle ids, in the layer's order. */
    private List<String> obstacles(int n) throws Exception {
        Answer a = get(null, "service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:obstacles&count=" + n);
        assertThat(a.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        Matcher m = GML_ID.matcher(a.body());
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertThat(ids).hasSize(n);
        return ids;
    }

    private static String lockIdOf(Answer a) {
        Matcher m = LOCK_ID.matcher(a.body());
        assertThat(m.find()).as(a.body()).isTrue();
        return m.group(1);
    }

    private List<String> lockedIds(String lockId) {
        return db.queryForList("SELECT feature_id FROM security.wfs_locked_feature WHERE lock_id = ? "
                + "AND expires_at > now() ORDER BY feature_id", String.class, lockId);
    }

    private static void valid(String schema, Answer a) throws Exception {
        assertThat(OgcSchemas.validate(schema, new StreamSource(new ByteArrayInputStream(
                a.body().getBytes(StandardCharsets.UTF_8))))).as(a.body()).isEmpty();
    }

    private static void refused(Answer a, int status, String code, String locator) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.body()).contains("exceptionCode=\"" + code + "\"");
        if (locator != null) {
            assertThat(a.body()).contains("locator=\"" + locator + "\"");
        }
    }

    @Test
    void capabilitiesListTheLockingOperationsInBothVersions() throws Exception {
        Answer v2 = get(null, "service=WFS&request=GetCapabilities&version=2.0.0");
        valid(WFS20, v2);
        assertThat(v2.body()).contains("<ows:Operation name=\"LockFeature\">", "<ows:Operation name=\"GetFeatureWithLock\">")
                .containsPattern("<ows:Constraint name=\"ImplementsLockingWFS\">\\s*<ows:NoValues/>\\s*"
                        + "<ows:DefaultValue>TRUE</ows:DefaultValue>");
        Answer v1 = get(null, "service=WFS&request=GetCapabilities&version=1.1.0");
        valid(WFS11, v1);
        assertThat(v1.body()).contains("<ows:Operation name=\"LockFeature\">", "<ows:Operation name=\"GetFeatureWithLock\">");
    }

    @Test
    void lockFeatureByResourceIdThenAllRefusesAndSomeListsWhatItCouldNotLock() throws Exception {
        List<String> ids = obstacles(3);
        Answer first = get("admin", "service=WFS&version=2.0.0&request=LockFeature&typeNames=obs:obstacles"
                + "&resourceId=" + ids.get(0) + "&expiry=120");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        valid(WFS20, first);
        String lockId = lockIdOf(first);
        assertThat(first.body()).contains("<fes:ResourceId rid=\"" + ids.get(0) + "\"/>").doesNotContain("FeaturesNotLocked");
        assertThat(lockedIds(lockId)).containsExactly(ids.get(0));

        Answer all = get("admin", "service=WFS&version=2.0.0&request=LockFeature&typeNames=obs:obstacles"
                + "&resourceId=" + ids.get(0) + "," + ids.get(1));
        refused(all, 400, "CannotLockAllFeatures", null);
        valid(OWS11, all);
        assertThat(db.queryForObject("SELECT count(*) FROM security.wfs_locked_feature WHERE feature_id = ?",
                Long.class, ids.get(1))).as("ALL locked none").isZero();

        Answer some = post("admin", "<wfs:LockFeature service=\"WFS\" version=\"2.0.0\" lockAction=\"SOME\"" + NS + ">"
                + "<wfs:Query typeNames=\"obs:obstacles\"><fes:Filter><fes:ResourceId rid=\"" + ids.get(0) + "\"/>"
                + "<fes:ResourceId rid=\"" + ids.get(1) + "\"/></fes:Filter></wfs:Query></wfs:LockFeature>");
        assertThat(some.status()).as(some.body()).isEqualTo(200);
        valid(WFS20, some);
        assertThat(some.body()).containsPattern("<wfs:FeaturesLocked><fes:ResourceId rid=\"" + ids.get(1) + "\"/>"
                + "</wfs:FeaturesLocked><wfs:FeaturesNotLocked><fes:ResourceId rid=\"" + ids.get(0) + "\"/>");
        assertThat(lockedIds(lockIdOf(some))).containsExactly(ids.get(1));
    }

    @Test
    void lockFeatureByFilterAndByStoredQuery() throws Exception {
        Answer byFilter = post("admin", "<wfs:LockFeature service=\"WFS\" version=\"2.0.0\" expiry=\"60\"" + NS + ">"
                + "<wfs:Query typeNames=\"obs:obstacles\"><fes:Filter><fes:Not><fes:PropertyIsNull>"
                + "<fes:ValueReference>name</fes:ValueReference></fes:PropertyIsNull></fes:Not></fes:Filter></wfs:Query>"
                + "</wfs:LockFeature>");
        assertThat(byFilter.status()).as(byFilter.body()).isEqualTo(200);
        valid(WFS20, byFilter);
        long named = db.queryForObject("SELECT count(*) FROM landscape.obstacle WHERE name IS NOT NULL", Long.class);
        assertThat(named).isPositive();
        assertThat(lockedIds(lockIdOf(byFilter))).hasSize((int) named);

        db.update("DELETE FROM security.wfs_lock");
        String id = obstacles(1).get(0);
        Answer byStoredQuery = post("admin", "<wfs:LockFeature service=\"WFS\" version=\"2.0.0\"" + NS + ">"
                + "<wfs:StoredQuery id=\"urn:ogc:def:query:OGC-WFS::GetFeatureById\"><wfs:Parameter name=\"id\">" + id
                + "</wfs:Parameter></wfs:StoredQuery></wfs:LockFeature>");
        assertThat(byStoredQuery.status()).as(byStoredQuery.body()).isEqualTo(200);
        assertThat(lockedIds(lockIdOf(byStoredQuery))).containsExactly(id);
        assertThat(db.queryForObject("SELECT round(extract(epoch FROM duration)) FROM security.wfs_lock", Long.class))
                .as("2.0 default expiry: 300 s").isEqualTo(300);
    }

    @Test
    void wfs11LocksInMinutesWithItsOwnResponse() throws Exception {
        List<String> ids = obstacles(2);
        Answer xml = post("admin", "<wfs:LockFeature service=\"WFS\" version=\"1.1.0\" expiry=\"2\""
                + " xmlns:wfs=\"http://www.opengis.net/wfs\" xmlns:ogc=\"http://www.opengis.net/ogc\""
                + " xmlns:obs=\"https://observatoire.yseraa.fr/obs\"><wfs:Lock typeName=\"obs:obstacles\"><ogc:Filter>"
                + "<ogc:GmlObjectId xmlns:gml=\"http://www.opengis.net/gml\" gml:id=\"" + ids.get(0) + "\"/>"
                + "</ogc:Filter></wfs:Lock></wfs:LockFeature>");
        assertThat(xml.status()).as(xml.body()).isEqualTo(200);
        valid(WFS11, xml);
        Matcher m = Pattern.compile("<wfs:LockId>([^<]+)</wfs:LockId>").matcher(xml.body());
        assertThat(m.find()).as(xml.body()).isTrue();
        assertThat(xml.body()).contains("<ogc:FeatureId fid=\"" + ids.get(0) + "\"/>");
        assertThat(lockedIds(m.group(1))).containsExactly(ids.get(0));
        assertThat(db.queryForObject("SELECT round(extract(epoch FROM duration)) FROM security.wfs_lock WHERE lock_id = ?",
                Long.class, m.group(1))).as("expiry in minutes").isEqualTo(120);

        Answer kvp = get("admin", "service=WFS&version=1.1.0&request=LockFeature&typeName=obs:obstacles&featureId="
                + ids.get(1) + "&lockAction=SOME");
        assertThat(kvp.status()).as(kvp.body()).isEqualTo(200);
        valid(WFS11, kvp);
        Answer taken = get("admin", "service=WFS&version=1.1.0&request=LockFeature&typeName=obs:obstacles&featureId="
                + ids.get(1));
        refused(taken, 400, "CannotLockAllFeatures", null);
        valid(OWS11, taken); // the reports of this server are OWS 1.1 in both versions
    }

    @Test
    void aLockIdRenewsTheLockUntilItExpires() throws Exception {
        String id = obstacles(1).get(0);
        String lock = "service=WFS&version=2.0.0&request=LockFeature&typeNames=obs:obstacles&resourceId=" + id;
        Answer first = get("admin", lock + "&expiry=1");
        String lockId = lockIdOf(first);
        Answer renewed = get("admin", lock + "&expiry=600&lockId=" + lockId);
        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        assertThat(lockIdOf(renewed)).isEqualTo(lockId);
        assertThat(db.queryForObject("SELECT expires_at > now() + interval '500 seconds' FROM security.wfs_locked_feature "
                + "WHERE lock_id = ?", Boolean.class, lockId)).isTrue();

        Answer unknown = get("admin", lock + "&lockId=no-such-lock");
        refused(unknown, 403, "LockHasExpired", "lockId");
        valid(OWS11, unknown);
    }

    @Test
    void aShortLockIsGoneAfterItsExpiry() throws Exception {
        String id = obstacles(1).get(0);
        String lock = "service=WFS&version=2.0.0&request=LockFeature&typeNames=obs:obstacles&resourceId=" + id;
        String lockId = lockIdOf(get("admin", lock + "&expiry=1"));
        refused(get("admin", lock), 400, "CannotLockAllFeatures", null);
        awaitExpiry(lockId);
        refused(get("admin", lock + "&lockId=" + lockId), 403, "LockHasExpired", "lockId");
        Answer again = get("admin", lock);
        assertThat(again.status()).as("the expired lock holds nothing: " + again.body()).isEqualTo(200);
        assertThat(lockedIds(lockIdOf(again))).containsExactly(id);
        assertThat(lockedIds(lockId)).isEmpty();
    }

    /** A Transaction naming a lock that has expired is refused whole: the feature it deletes is still there. */
    @Test
    void aTransactionWithAnExpiredLockChangesNothing() throws Exception {
        String id = obstacles(1).get(0);
        String lockId = lockIdOf(get("admin", "service=WFS&version=2.0.0&request=LockFeature&typeNames=obs:obstacles"
                + "&expiry=1&resourceId=" + id));
        long before = db.queryForObject("SELECT count(*) FROM landscape.obstacle", Long.class);
        awaitExpiry(lockId);
        Answer delete = post("admin", "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" lockId=\"" + lockId
                + "\"" + NS + "><wfs:Delete typeName=\"obs:obstacles\"><fes:Filter><fes:ResourceId rid=\"" + id
                + "\"/></fes:Filter></wfs:Delete></wfs:Transaction>");
        refused(delete, 403, "LockHasExpired", "lockId");
        valid(OWS11, delete);
        assertThat(db.queryForObject("SELECT count(*) FROM landscape.obstacle", Long.class)).isEqualTo(before);
        assertThat(obstacles(1)).containsExactly(id);
    }

    /** Waits (3 s at most) until the lock's expiry has passed. */
    private void awaitExpiry(String lockId) throws InterruptedException {
        for (int i = 0; i < 30 && Boolean.TRUE.equals(db.queryForObject(
                "SELECT expires_at > now() FROM security.wfs_lock WHERE lock_id = ?", Boolean.class, lockId)); i++) {
            Thread.sleep(100);
        }
    }

    @Test
    void getFeatureWithLockLocksThePageItReturns() throws Exception {
        Answer kvp = get("admin", "service=WFS&version=2.0.0&request=GetFeatureWithLock&typeNames=obs:obstacles"
                + "&count=5&expiry=60");
        assertThat(kvp.status()).as(kvp.body()).isEqualTo(200);
        validCollection(kvp, "admin");
        String lockId = lockIdOf(kvp);
        assertThat(kvp.body()).contains("numberReturned=\"5\"");
        List<String> returned = new ArrayList<>();
        Matcher m = GML_ID.matcher(kvp.body());
        while (m.find()) {
            returned.add(m.group(1));
        }
        assertThat(lockedIds(lockId)).containsExactlyInAnyOrderElementsOf(returned).hasSize(5);

        // SOME: the features another lock holds are left out of the answer
        Answer some = post("admin", "<wfs:GetFeatureWithLock service=\"WFS\" version=\"2.0.0\" count=\"8\""
                + " lockAction=\"SOME\"" + NS + "><wfs:Query typeNames=\"obs:obstacles\"/></wfs:GetFeatureWithLock>");
        assertThat(some.status()).as(some.body()).isEqualTo(200);
        validCollection(some, "admin");
        assertThat(some.body()).contains("numberReturned=\"3\"");
        returned.forEach(id -> assertThat(some.body()).doesNotContain("gml:id=\"" + id + "\""));
        assertThat(lockedIds(lockIdOf(some))).hasSize(3);

        Answer all = get("admin", "service=WFS&version=2.0.0&request=GetFeatureWithLock&typeNames=obs:obstacles&count=8");
        refused(all, 400, "CannotLockAllFeatures", null);

        Answer v11 = post("admin", "<wfs:GetFeatureWithLock service=\"WFS\" version=\"1.1.0\" maxFeatures=\"2\" expiry=\"1\""
                + " xmlns:wfs=\"http://www.opengis.net/wfs\" xmlns:obs=\"https://observatoire.yseraa.fr/obs\">"
                + "<wfs:Query typeName=\"obs:corridors\"/></wfs:GetFeatureWithLock>");
        assertThat(v11.status()).as(v11.body()).isEqualTo(200);
        validCollection(v11, "admin");
        assertThat(lockedIds(lockIdOf(v11))).hasSize(2);
    }

    @Test
    void getFeatureWithLockRefusesHitsAndFormatsWithoutALockId() throws Exception {
        String q = "service=WFS&version=2.0.0&request=GetFeatureWithLock&typeNames=obs:obstacles&count=2";
        refused(get("admin", q + "&resultType=hits"), 400, "InvalidParameterValue", "resultType");
        refused(get("admin", q + "&outputFormat=application/json"), 400, "InvalidParameterValue", "outputFormat");
        assertThat(db.queryForObject("SELECT count(*) FROM security.wfs_lock", Long.class)).isZero();
    }

    @Test
    void onlyWritersLockAndBadParametersAreRefused() throws Exception {
        String id = obstacles(1).get(0);
        String lock = "service=WFS&version=2.0.0&request=LockFeature&typeNames=obs:obstacles&resourceId=" + id;
        refused(get(null, lock), 403, "OperationProcessingFailed", "typeNames");
        refused(get("instructeur", lock), 403, "OperationProcessingFailed", "typeNames");
        refused(get("partenaire", "service=WFS&version=2.0.0&request=LockFeature&typeNames=obs:communes"),
                403, "OperationProcessingFailed", "typeNames");
        refused(get("instructeur", "service=WFS&version=2.0.0&request=GetFeatureWithLock&typeNames=sinp:occurrences"),
                403, "OperationProcessingFailed", "typeNames");
        refused(get("admin", lock + "&expiry=0"), 400, "InvalidParameterValue", "expiry");
        refused(get("admin", lock + "&expiry=soon"), 400, "InvalidParameterValue", "expiry");
        refused(get("admin", lock + "&expiry=86400"), 400, "InvalidParameterValue", "expiry");
        refused(get("admin", lock + "&lockAction=MOST"), 400, "InvalidParameterValue", "lockAction");
        refused(get("admin", "service=WFS&version=2.0.0&request=LockFeature"), 400, "MissingParameterValue", "typeNames");
        assertThat(db.queryForObject("SELECT count(*) FROM security.wfs_lock", Long.class)).isZero();
        // the partner may lock obstacles, the producer occurrences (their write rules), which they read
        Answer obstacles = get("partenaire", lock);
        assertThat(obstacles.status()).as(obstacles.body()).isEqualTo(200);
        assertThat(lockedIds(lockIdOf(obstacles))).containsExactly(id);
        List<String> own = occurrences("=", 3);
        Answer occurrences = get("producteur", "service=WFS&version=2.0.0&request=GetFeatureWithLock"
                + "&typeNames=sinp:occurrences&resourceId=" + String.join(",", own));
        assertThat(occurrences.status()).as(occurrences.body()).isEqualTo(200);
        assertThat(lockedIds(lockIdOf(occurrences))).containsExactlyInAnyOrderElementsOf(own);
    }

    /** Ids (occurrences.uuid) of public, exact occurrences whose dataset is (=) or is not (<>) the producer's. */
    private List<String> occurrences(String ofTheProducer, int n) {
        Integer organisation = users.findByLogin("producteur").orElseThrow().organisationId();
        return db.queryForList("SELECT 'occurrences.' || o.id_sinp_occtax FROM sinp.occurrence o JOIN ref.dataset d "
                + "ON d.uuid = o.jdd_metadonnee_dee_id WHERE o.diffusion_level = 0 AND d.producer_id " + ofTheProducer
                + " ? ORDER BY o.id LIMIT " + n, String.class, organisation);
    }

    /**
     * A producer locks only occurrences it may change: another producer's, which it reads, are never locked (ALL:
     * CannotLockAllFeatures; SOME: listed as not locked, and left out of GetFeatureWithLock's answer).
     */
    @Test
    void aProducerLocksOnlyTheOccurrencesItMayChange() throws Exception {
        String own = occurrences("=", 1).get(0);
        String others = occurrences("<>", 1).get(0);
        String lock = "service=WFS&version=2.0.0&request=LockFeature&typeNames=sinp:occurrences&resourceId="
                + own + "," + others;
        Answer all = get("producteur", lock);
        refused(all, 400, "CannotLockAllFeatures", null);
        assertThat(db.queryForObject("SELECT count(*) FROM security.wfs_locked_feature", Long.class)).isZero();

        Answer some = get("producteur", lock + "&lockAction=SOME");
        assertThat(some.status()).as(some.body()).isEqualTo(200);
        valid(WFS20, some);
        assertThat(lockedIds(lockIdOf(some))).containsExactly(own);
        assertThat(some.body()).containsPattern("<wfs:FeaturesNotLocked>\\s*<fes:ResourceId rid=\"" + others + "\"/>");

        Answer withLock = get("producteur", "service=WFS&version=2.0.0&request=GetFeatureWithLock"
                + "&typeNames=sinp:occurrences&lockAction=SOME&resourceId=" + others);
        assertThat(withLock.status()).as(withLock.body()).isEqualTo(200);
        assertThat(withLock.body()).contains("numberReturned=\"0\"").doesNotContain(others);
        assertThat(db.queryForObject("SELECT count(*) FROM security.wfs_locked_feature WHERE feature_id = ?",
                Long.class, others)).as("nobody holds the other producer's occurrence").isZero();
    }

    /** A lock is its owner's: another account that may write the layer can neither use, renew nor release it. */
    @Test
    void anotherAccountCanNeitherUseNorRenewNorReleaseALock() throws Exception {
        String id = obstacles(1).get(0);
        Answer taken = get("partenaire", "service=WFS&version=2.0.0&request=LockFeature&typeNames=obs:obstacles"
                + "&expiry=600&resourceId=" + id);
        String lockId = lockIdOf(taken);
        Answer release = post("admin", "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" lockId=\"" + lockId
                + "\" releaseAction=\"ALL\"" + NS + "/>");
        refused(release, 400, "InvalidLockId", "lockId");
        valid(OWS11, release);
        Answer delete = post("admin", "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" lockId=\"" + lockId
                + "\"" + NS + "><wfs:Delete typeName=\"obs:obstacles\"><fes:Filter><fes:ResourceId rid=\"" + id
                + "\"/></fes:Filter></wfs:Delete></wfs:Transaction>");
        refused(delete, 400, "InvalidLockId", "lockId");
        refused(get("admin", "service=WFS&version=2.0.0&request=LockFeature&typeNames=obs:obstacles&expiry=5"
                + "&resourceId=" + id + "&lockId=" + lockId), 403, "LockHasExpired", "lockId");
        assertThat(lockedIds(lockId)).as("the partner's lock holds its feature still").containsExactly(id);
        assertThat(db.queryForObject("SELECT expires_at > now() + interval '500 seconds' FROM security.wfs_lock "
                + "WHERE lock_id = ?", Boolean.class, lockId)).as("its expiry unchanged").isTrue();
        Answer byOwner = post("partenaire", "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" lockId=\"" + lockId
                + "\" releaseAction=\"ALL\"" + NS + "/>");
        assertThat(byOwner.status()).as(byOwner.body()).isEqualTo(200);
        assertThat(lockedIds(lockId)).isEmpty();
    }

    /** Validates a feature collection against its schema locations: official schemas offline, ours from the server. */
    private void validCollection(Answer a, String login) throws Exception {
        String prefix = "http://localhost:" + port + "/";
        Matcher m = Pattern.compile("xsi:schemaLocation=\"([^\"]+)\"").matcher(a.body());
        assertThat(m.find()).isTrue();
        String[] locations = m.group(1).replace("&amp;", "&").trim().split("\\s+");
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setResourceResolver((type, ns, publicId, systemId, baseUri) -> {
            if (systemId == null) {
                return null;
            }
            String absolute = baseUri == null || systemId.startsWith("http") ? systemId
                    : URI.create(baseUri).resolve(systemId).toString();
            return input(absolute, open(absolute, prefix, login));
        });
        List<Source> sources = new ArrayList<>();
        for (int i = 1; i < locations.length; i += 2) {
            sources.add(new StreamSource(open(locations[i], prefix, login), locations[i]));
        }
        Validator validator = factory.newSchema(sources.toArray(new Source[0])).newValidator();
        ProblemCollector problems = new ProblemCollector();
        validator.setErrorHandler(problems);
        validator.validate(new StreamSource(new ByteArrayInputStream(a.body().getBytes(StandardCharsets.UTF_8))));
        assertThat(problems.problems()).as(a.body().substring(0, Math.min(2000, a.body().length()))).isEmpty();
    }

    private InputStream open(String url, String prefix, String login) {
        try {
            if (url.startsWith(prefix)) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
                b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
                return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()).body();
            }
            return OgcSchemas.localCopy(url).openStream();
        } catch (Exception e) {
            throw new IllegalStateException("cannot open " + url, e);
        }
    }

    private static LSInput input(String systemId, InputStream in) {
        return new fr.yseraa.observatory.core.xml.StreamInput(null, systemId, () -> in);
    }

}
