package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.testing.CapturedResponse;
import fr.yseraa.observatory.core.access.AccessPolicies;
import fr.yseraa.observatory.core.access.AccessPolicy;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.CatalogLoader;
import fr.yseraa.observatory.core.catalog.CatalogValidator;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.ExceptionReportWriter;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsDispatcher;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.ext.db.ObservatoryMigrations;
import fr.yseraa.observatory.ext.demo.DemoLoader;
import fr.yseraa.observatory.ext.demo.DemoOptions;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One PostGIS database per test JVM holding the default demo observatory (100 000 occurrences), its catalog from
 * the project's data directory, and the WFS behind the OWS dispatcher as the server plugs it in.
 */
public final class WfsFixture {

    public static final long OCCURRENCES = 100_000;
    public static final int MAX_FEATURES = 1000;
    /** The server's default (application.yml): the demo's counts fit well within it. */
    public static final Duration COUNT_BUDGET = Duration.ofMillis(500);
    public static final String URL = "http://test.invalid/wfs";
    public static final Caller PUBLIC = Caller.anonymous();
    public static final Caller INSTRUCTOR = new Caller("instructeur", Set.of("instructor"));

    private static WfsFixture instance;

    public final DataSource dataSource;
    public final Catalog catalog;
    public final FeatureRepository repository;
    private final OwsDispatcher dispatcher;
    private final OwsDispatcher unbounded;
    private final OwsDispatcher uncounted;

    private WfsFixture() throws Exception {
        dataSource = TestPostgis.dataSource(TestPostgis.freshDatabase("wfs"));
        ObservatoryMigrations.migrate(dataSource);
        DemoLoader.load(dataSource, new DemoOptions(OCCURRENCES, DemoOptions.DEFAULT_SEED, null, null),
                new PrintStream(OutputStream.nullOutputStream()));
        Path root = Path.of(System.getProperty("obs.project.root", "..")).toAbsolutePath().normalize();
        List<AccessPolicy> policies = new ArrayList<>();
        ServiceLoader.load(AccessPolicy.class).forEach(policies::add);
        catalog = new CatalogValidator(dataSource, root.resolve("styles"), new AccessPolicies(policies))
                .validate(CatalogLoader.load(root.resolve("data-dir")), 42);
        repository = new FeatureRepository(dataSource, 120);
        dispatcher = new OwsDispatcher(List.of(new WfsService(() -> catalog, repository,
                new WfsSettings(MAX_FEATURES, COUNT_BUDGET))));
        unbounded = new OwsDispatcher(List.of(new WfsService(() -> catalog, repository,
                new WfsSettings(1_000_000, COUNT_BUDGET))));
        uncounted = new OwsDispatcher(List.of(new WfsService(() -> catalog, repository,
                new WfsSettings(MAX_FEATURES, Duration.ZERO))));
    }

    public static synchronized WfsFixture get() throws Exception {
        if (instance == null) {
            instance = new WfsFixture();
        }
        return instance;
    }

    /** What the service answered. */
    public record Answer(int status, String contentType, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A KVP request on /wfs, keys and values as a client sends them (pairs: key, value, key, value...). */
    public Answer kvp(Caller caller, String... pairs) {
        return run(dispatcher, caller, null, pairs);
    }

    /** A KVP request on a WFS whose maximum feature count is a million. */
    public Answer kvpUnbounded(Caller caller, String... pairs) {
        return run(unbounded, caller, null, pairs);
    }

    /** A KVP request on a WFS that never counts numberMatched for GetFeature results (a zero count budget). */
    public Answer kvpUncounted(Caller caller, String... pairs) {
        return run(uncounted, caller, null, pairs);
    }

    public Answer xml(Caller caller, String body) {
        return run(dispatcher, caller, body, new String[0]);
    }

    private static Answer run(OwsDispatcher d, Caller caller, String xml, String[] pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        CapturedResponse response = new CapturedResponse();
        try {
            if (xml != null) {
                d.dispatchXml("WFS", xml.getBytes(StandardCharsets.UTF_8), caller, URL, response);
            } else {
                d.dispatchKvp("WFS", KvpParameters.of(params), caller, URL, response);
            }
        } catch (OwsException e) { // what the server's controller does with the dispatcher's own refusals
            response = new CapturedResponse();
            response.setStatus(e.httpStatus());
            response.setContentType(ExceptionReportWriter.CONTENT_TYPE);
            ExceptionReportWriter.write(e, d.reportVersion("WFS"), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Answer(response.status, response.contentType, response.bytes());
    }


    public long queryLong(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Rows of two text columns, as a map from the first to the second. */
    public Map<String, String> queryMap(String sql) throws Exception {
        Map<String, String> map = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                map.put(rs.getString(1), rs.getString(2));
            }
        }
        return map;
    }
}
