package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.testing.CapturedResponse;
import fr.yseraa.observatory.core.access.AccessPolicies;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.CatalogLoader;
import fr.yseraa.observatory.core.catalog.CatalogValidator;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.ExceptionReports;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsDispatcher;
import fr.yseraa.observatory.core.ows.OwsResponse;
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
import java.util.Set;
import javax.sql.DataSource;

/**
 * The WFS behind the OWS dispatcher as the server plugs it in, over a catalog of a test database: three services
 * (capped at {@link #MAX_FEATURES}, capped at a million, never counting numberMatched) and the requests a client
 * sends them. The engine's tests use it on their fixture layers ({@code WfsFixture}), the extensions' tests on
 * their own data.
 */
public final class WfsHarness {

    public static final int MAX_FEATURES = 1000;
    /** The server's default (application.yml): the test data's counts fit well within it. */
    public static final Duration COUNT_BUDGET = Duration.ofMillis(500);
    public static final String URL = "http://test.invalid/wfs";
    public static final Caller PUBLIC = Caller.anonymous();
    public static final Caller INSTRUCTOR = new Caller("instructeur", Set.of("instructor"));

    public final DataSource dataSource;
    public final Catalog catalog;
    public final FeatureRepository repository;
    /** Where the services build their file answers (GeoPackage, zipped Shapefile): empty between requests. */
    public final Path spool;
    private final OwsDispatcher dispatcher;
    private final OwsDispatcher unbounded;
    private final OwsDispatcher uncounted;

    /**
     * @param dataDirectory the catalog's data directory, read and checked against the database
     * @param styles the folder of its style files
     */
    public WfsHarness(DataSource dataSource, Path dataDirectory, Path styles, AccessPolicies policies,
                      StoredQueries storedQueries) {
        this.dataSource = dataSource;
        catalog = new CatalogValidator(dataSource, styles, policies).validate(CatalogLoader.load(dataDirectory), 42);
        repository = new FeatureRepository(dataSource, 120);
        try {
            spool = java.nio.file.Files.createTempDirectory("wfs-harness-spool-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        dispatcher = new OwsDispatcher(List.of(new WfsService(() -> catalog, repository,
                new WfsSettings(MAX_FEATURES, COUNT_BUDGET, spool), storedQueries)));
        unbounded = new OwsDispatcher(List.of(new WfsService(() -> catalog, repository,
                new WfsSettings(1_000_000, COUNT_BUDGET), storedQueries)));
        uncounted = new OwsDispatcher(List.of(new WfsService(() -> catalog, repository,
                new WfsSettings(MAX_FEATURES, Duration.ZERO), storedQueries)));
    }

    /** What the service answered. */
    public record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
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

    /** A KVP request on /wfs answered into the given response (pairs: key, value, key, value...). */
    public void kvpInto(Caller caller, OwsResponse response, String... pairs) throws java.io.IOException {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        ExceptionReports.answer(dispatcher.exceptionReporter("WFS"), response, () -> "test request",
                () -> dispatcher.dispatchKvp("WFS", KvpParameters.of(params), caller, URL, response));
    }

    /** An XML POST request on /wfs. */
    public Answer xml(Caller caller, String body) {
        return run(dispatcher, caller, body, new String[0]);
    }

    private static Answer run(OwsDispatcher d, Caller caller, String xml, String[] pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        CapturedResponse response = new CapturedResponse();
        try { // as the server's controller answers
            ExceptionReports.answer(d.exceptionReporter("WFS"), response, () -> "test request", () -> {
                if (xml != null) {
                    d.dispatchXml("WFS", xml.getBytes(StandardCharsets.UTF_8), caller, URL, response);
                } else {
                    d.dispatchKvp("WFS", KvpParameters.of(params), caller, URL, response);
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Answer(response.status, response.contentType, response.bytes(), Map.copyOf(response.headers));
    }


    /** The numberMatched of a WFS 2.0.0 GetFeature of hits on one type, with further parameters (pairs). */
    public long hits(Caller caller, String typeName, String... pairs) throws Exception {
        List<String> all = new ArrayList<>(List.of("service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "typeNames", typeName, "resultType", "hits"));
        all.addAll(List.of(pairs));
        Answer a = kvp(caller, all.toArray(new String[0]));
        if (a.status() != 200) {
            throw new AssertionError(a.text());
        }
        return Long.parseLong(XmlAssertions.parse(a.body()).getDocumentElement().getAttribute("numberMatched"));
    }

    /** A WFS 2.0.0 GetFeature calling a stored query by KVP, with its parameters and further parameters (pairs). */
    public Answer storedQuery(Caller caller, String id, String... pairs) {
        List<String> all = new ArrayList<>(List.of("service", "WFS", "version", "2.0.0", "request", "GetFeature",
                "storedQuery_id", id));
        all.addAll(List.of(pairs));
        return kvp(caller, all.toArray(new String[0]));
    }

    /** A WFS 2.0.0 GetFeature calling a stored query by XML POST, with its parameters (name, value pairs). */
    public Answer storedQueryPost(Caller caller, String id, String... parameters) {
        StringBuilder xml = new StringBuilder("<wfs:GetFeature service=\"WFS\" version=\"2.0.0\" "
                + "xmlns:wfs=\"http://www.opengis.net/wfs/2.0\"><wfs:StoredQuery id=\"" + id + "\">");
        for (int i = 0; i < parameters.length; i += 2) {
            xml.append("<wfs:Parameter name=\"").append(parameters[i]).append("\">").append(parameters[i + 1])
                    .append("</wfs:Parameter>");
        }
        return xml(caller, xml.append("</wfs:StoredQuery></wfs:GetFeature>").toString());
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
