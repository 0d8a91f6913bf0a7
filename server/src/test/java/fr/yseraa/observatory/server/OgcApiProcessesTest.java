package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.wps.ProcessRegistry;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * OGC API - Processes at /ogcapi over real HTTP, on the server of the WPS's tests: the processes and their
 * descriptions are the WPS's, an asynchronous job gives the results WPS Execute gives for the same inputs and caller,
 * jobs are their callers' own, live in the database (a job whose server died reads as failed), and every mistake is
 * an RFC 7807 problem naming the input.
 */
class OgcApiProcessesTest extends WpsTestServer {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TYPES = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";

    @Autowired
    ProcessRegistry registry;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String body, String login, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path
                : "http://localhost:" + port + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private JsonNode get(String path, String login) throws Exception {
        return json(send("GET", path, null, login), 200);
    }

    /** The problem document of a refusal: its status, type and locator. */
    private static JsonNode assertProblem(HttpResponse<String> r, int status, String type, String locator)
            throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("type").asText()).as(r.body()).isEqualTo(type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank().doesNotContain("Exception", "\tat ");
        if (locator != null) {
            assertThat(problem.path("locator").asText()).isEqualTo(locator);
        }
        return problem;
    }

    private static String execution(String processId) {
        return "/ogcapi/processes/" + processId + "/execution";
    }

    private HttpResponse<String> wps(String query, String login) throws Exception {
        return send("GET", "/wps?service=WPS&version=1.0.0&request=Execute&" + query, null, login);
    }

    /** Polls a job until it has finished; returns its last status. */
    private JsonNode finished(String jobUrl, String login) throws Exception {
        JsonNode status = null;
        for (int i = 0; i < 3000; i++) { // the worker thread decides when it is done
            status = get(jobUrl, login);
            if (Set.of("successful", "failed", "dismissed").contains(status.path("status").asText())) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + jobUrl + " did not finish: " + status);
    }

    /** Starts a job with respond-async: 201, the job's Location, its status. Returns the Location. */
    private String startJob(String processId, String body, String login) throws Exception {
        HttpResponse<String> r = send("POST", execution(processId), body, login, "Prefer", "respond-async");
        JsonNode status = json(r, 201);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("http://localhost:" + port + "/ogcapi/jobs/" + status.path("jobID").asText());
        assertThat(status.path("processID").asText()).isEqualTo(processId);
        assertThat(status.path("type").asText()).isEqualTo("process");
        assertThat(status.path("status").asText()).isIn("accepted", "running", "successful", "failed"); // as far as it got
        return location;
    }

    /**
     * The same document, numbers equal to the last few bits: two executions of a process may add the same floating
     * point numbers in another order (PostGIS aggregates), e.g. 0.17181395504751798 and 0.171813955047518.
     */
    static void assertSameFigures(JsonNode actual, JsonNode expected, String where) {
        if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(where + ": " + actual).isTrue();
            assertThat(actual.asDouble()).as(where).isCloseTo(expected.asDouble(),
                    org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, Math.abs(expected.asDouble()))));
        } else if (expected.isContainerNode()) {
            assertThat(actual.getNodeType()).as(where).isEqualTo(expected.getNodeType());
            assertThat(actual.size()).as(where + " size").isEqualTo(expected.size());
            if (expected.isArray()) {
                for (int i = 0; i < expected.size(); i++) {
                    assertSameFigures(actual.get(i), expected.get(i), where + "[" + i + "]");
                }
            } else {
                expected.fieldNames().forEachRemaining(f -> assertSameFigures(actual.path(f), expected.get(f),
                        where + "." + f));
            }
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }

    @Test
    void theLandingPageConformanceAndOpenApiDefinitionDeclareTheProcesses() throws Exception {
        JsonNode landing = get("/ogcapi", null);
        assertThat(landing.path("links").toString()).contains(
                "\"href\":\"http://localhost:" + port + "/ogcapi/processes\",\"rel\":\"http://www.opengis.net/def/rel/ogc/1.0/processes\"",
                "\"href\":\"http://localhost:" + port + "/ogcapi/jobs\",\"rel\":\"http://www.opengis.net/def/rel/ogc/1.0/job-list\"");
        List<String> classes = new ArrayList<>();
        get("/ogcapi/conformance", null).path("conformsTo").forEach(c -> classes.add(c.asText()));
        assertThat(classes).contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/ogc-process-description",
                "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/json",
                "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/oas30",
                "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/job-list",
                "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/dismiss")
                .doesNotContain("http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/html",
                        "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/callback");
        HttpResponse<String> api = send("GET", "/ogcapi/api", null, null);
        io.swagger.v3.parser.core.models.SwaggerParseResult parsed = new io.swagger.v3.parser.OpenAPIV3Parser()
                .readContents(api.body());
        assertThat(parsed.getMessages()).as("OpenAPI validation").isEmpty();
        var paths = parsed.getOpenAPI().getPaths();
        assertThat(paths.get("/processes/{processId}/execution").getPost().getParameters())
                .extracting(p -> p.getName()).containsExactly("processId", "Prefer");
        assertThat(paths.get("/jobs/{jobId}").getDelete()).isNotNull();
        assertThat(paths).containsKeys("/processes", "/processes/{processId}", "/jobs", "/jobs/{jobId}/results");
    }

    @Test
    void theProcessesAndTheirDescriptionsAreTheWps() throws Exception {
        JsonNode list = get("/ogcapi/processes", null);
        List<String> ids = new ArrayList<>();
        list.path("processes").forEach(p -> ids.add(p.path("id").asText()));
        assertThat(ids).isEqualTo(registry.descriptions(Caller.anonymous()).stream()
                .map(ProcessDescription::identifier).toList())
                .contains("obs:CorridorIndicators", "obs:Connectivity", "obs:Fragmentation")
                .doesNotContain("obs:ComputeIndicators"); // administrators only, as in the WPS capabilities
        assertProblem(send("GET", "/ogcapi/processes/obs:ComputeIndicators", null, null), 404,
                TYPES + "no-such-process", "processId");
        users.saveUser("ogc-admin", PASSWORD, null, Set.of("admin"));
        assertThat(get("/ogcapi/processes/obs:ComputeIndicators", "ogc-admin").path("id").asText())
                .isEqualTo("obs:ComputeIndicators");
        assertProblem(send("GET", "/ogcapi/processes/obs:Nothing", null, null), 404, TYPES + "no-such-process", null);

        for (ProcessDescription d : registry.descriptions(Caller.anonymous())) {
            JsonNode doc = get("/ogcapi/processes/" + d.identifier(), null);
            assertThat(doc.path("title").asText()).isEqualTo(d.title());
            assertThat(doc.path("jobControlOptions").toString()).contains("async-execute", "sync-execute", "dismiss");
            assertThat(doc.path("links").toString()).contains("/ogcapi/processes/" + d.identifier() + "/execution");
            List<String> inputs = new ArrayList<>();
            doc.path("inputs").fieldNames().forEachRemaining(inputs::add);
            assertThat(inputs).isEqualTo(d.inputs().stream().map(InputDescription::identifier).toList());
            for (InputDescription i : d.inputs()) {
                JsonNode input = doc.path("inputs").path(i.identifier());
                assertThat(input.path("minOccurs").asInt()).isEqualTo(i.minOccurs());
                assertThat(input.path("maxOccurs").asInt()).isEqualTo(i.maxOccurs());
                JsonNode schema = input.path("schema");
                if (i instanceof InputDescription.Literal l) {
                    assertThat(schema.path("type").asText()).isEqualTo(switch (l.type()) {
                        case STRING -> "string";
                        case INTEGER -> "integer";
                        case DOUBLE -> "number";
                        case BOOLEAN -> "boolean";
                    });
                    List<String> allowed = new ArrayList<>();
                    schema.path("enum").forEach(v -> allowed.add(v.asText()));
                    assertThat(allowed).isEqualTo(l.allowedValues());
                    if (l.minimum() != null) {
                        assertThat(schema.path("minimum").asDouble()).isEqualTo(l.minimum());
                    }
                    if (l.maximum() != null) {
                        assertThat(schema.path("maximum").asDouble()).isEqualTo(l.maximum());
                    }
                    if (l.defaultValue() != null) {
                        assertThat(schema.path("default").asText()).isEqualTo(l.type().parse(l.defaultValue()).toString());
                    }
                } else if (i instanceof InputDescription.Complex c) {
                    assertThat(schema.toString()).contains(c.formats().stream()
                            .map(f -> "\"contentMediaType\":\"" + f.mimeType() + "\"").toList());
                }
            }
            for (OutputDescription o : d.outputs()) {
                JsonNode schema = doc.path("outputs").path(o.identifier()).path("schema");
                assertThat(schema.isObject()).as(d.identifier() + " output " + o.identifier()).isTrue();
                if (o instanceof OutputDescription.Complex c) {
                    assertThat(schema.toString()).contains(c.formats().stream()
                            .map(f -> "\"contentMediaType\":\"" + f.mimeType() + "\"").toList());
                }
            }
        }
        JsonNode width = get("/ogcapi/processes/obs:CorridorIndicators", null).path("inputs").path("width");
        assertThat(width.path("schema").toString()).isEqualTo("{\"type\":\"number\",\"minimum\":1.0,\"maximum\":"
                + width.path("schema").path("maximum").asDouble() + ",\"default\":50.0}");
        assertThat(width.path("metadata").toString()).contains("\"uom\"", "\"m\"");
    }

    @Test
    void anAsynchronousJobGivesWhatWpsExecuteGivesForTheSameInputsAndCaller() throws Exception {
        users.saveUser("ogc-instructor", PASSWORD, null, Set.of("instructor"));
        Integer corridor = new JdbcTemplate(dataSource).queryForObject(
                "SELECT c.id FROM landscape.corridor c JOIN sinp.occurrence o ON ST_CoveredBy(o.geom, c.geom)"
                        + " WHERE o.diffusion_level > 0 GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1", Integer.class);
        String body = "{\"inputs\": {\"corridor\": " + corridor + "}}";
        List<Long> occurrences = new ArrayList<>();
        for (String login : new String[] {null, "ogc-instructor"}) {
            String job = startJob("obs:CorridorIndicators", body, login);
            JsonNode status = finished(job, login);
            assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("successful");
            assertThat(status.path("progress").asInt()).isEqualTo(100);
            assertThat(status.has("created") && status.has("started") && status.has("finished")).isTrue();
            assertThat(status.path("links").toString()).contains(job + "/results");
            JsonNode results = get(job + "/results", login);

            HttpResponse<String> report = wps("identifier=obs:CorridorIndicators&DataInputs=corridor%3D" + corridor
                    + "&RawDataOutput=report", login);
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(results.path("report").path("mediaType").asText()).isEqualTo("application/json");
            assertSameFigures(results.path("report").path("value"), JSON.readTree(report.body()), "report");
            HttpResponse<String> crossings = wps("identifier=obs:CorridorIndicators&DataInputs=corridor%3D" + corridor
                    + "&RawDataOutput=crossings", login);
            assertThat(results.path("crossings").path("mediaType").asText()).isEqualTo("application/geo+json");
            assertSameFigures(results.path("crossings").path("value"), JSON.readTree(crossings.body()), "crossings");
            HttpResponse<String> dpc = wps("identifier=obs:CorridorIndicators&DataInputs=corridor%3D" + corridor
                    + "&RawDataOutput=dPC", login);
            assertThat(results.path("dPC").isNumber()).isTrue();
            assertSameFigures(results.path("dPC"), JSON.readTree(dpc.body()), "dPC");
            occurrences.add(results.path("report").path("value").path("biodiversity").path("occurrences").asLong());

            // synchronously, the same; a raw response gives the one output asked, in the format asked
            JsonNode sync = json(send("POST", execution("obs:CorridorIndicators"), body, login), 200);
            assertSameFigures(sync, results, "synchronous results");
            HttpResponse<String> csv = send("POST", execution("obs:CorridorIndicators"), "{\"inputs\": {\"corridor\": "
                    + corridor + "}, \"outputs\": {\"crossings\": {\"format\": {\"mediaType\": \"text/csv\"}}},"
                    + " \"response\": \"raw\"}", login);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
            assertThat(csv.body()).isEqualTo(wps("identifier=obs:CorridorIndicators&DataInputs=corridor%3D" + corridor
                    + "&RawDataOutput=" + URLEncoder.encode("crossings@mimeType=text/csv", StandardCharsets.UTF_8),
                    login).body());
        }
        // the public's job counted what the public sees: fewer occurrences than the instructor's (the corridor holds
        // sensitive ones, blurred or hidden for the public)
        assertThat(occurrences.get(0)).isLessThan(occurrences.get(1));
    }

    @Test
    void aCallerSeesItsOwnJobsOnly() throws Exception {
        users.saveUser("ogc-alice", PASSWORD, null, Set.of("partner"));
        users.saveUser("ogc-bob", PASSWORD, null, Set.of("partner"));
        String body = "{\"inputs\": {\"unitType\": \"maille_10km\"}, \"outputs\": {\"meff\": {}}}";
        String alices = startJob("obs:Fragmentation", body, "ogc-alice");
        String publics = startJob("obs:Fragmentation", body, null);
        assertThat(finished(alices, "ogc-alice").path("status").asText()).isEqualTo("successful");
        assertThat(finished(publics, null).path("status").asText()).isEqualTo("successful");
        String alicesId = alices.substring(alices.lastIndexOf('/') + 1);

        assertThat(get("/ogcapi/jobs", "ogc-alice").path("jobs").toString()).contains(alicesId)
                .doesNotContain(publics.substring(publics.lastIndexOf('/') + 1));
        assertThat(get("/ogcapi/jobs", "ogc-bob").path("jobs").toString()).doesNotContain(alicesId);
        assertThat(get("/ogcapi/jobs?processID=obs:Fragmentation&status=successful,failed&limit=1", "ogc-alice")
                .path("jobs").get(0).path("jobID").asText()).isEqualTo(alicesId);
        assertThat(get("/ogcapi/jobs?status=running&status=accepted", "ogc-alice").path("jobs").size()).isZero();
        assertThat(get("/ogcapi/jobs?processID=obs:Connectivity", "ogc-alice").path("jobs").size()).isZero();
        assertProblem(send("GET", "/ogcapi/jobs?status=finished", null, "ogc-alice"), 400, "InvalidParameterValue",
                "status");
        assertProblem(send("GET", "/ogcapi/jobs?limit=0", null, "ogc-alice"), 400, "InvalidParameterValue", "limit");
        assertThat(get("/ogcapi/jobs", null).path("jobs").size()).isZero(); // the public's jobs are listed to nobody
        for (String path : List.of(alices, alices + "/results")) {
            assertProblem(send("GET", path, null, "ogc-bob"), 404, TYPES + "no-such-job", "jobId");
            assertProblem(send("GET", path, null, null), 404, TYPES + "no-such-job", "jobId");
        }
        assertProblem(send("DELETE", alices, null, "ogc-bob"), 404, TYPES + "no-such-job", "jobId");
        assertProblem(send("GET", publics, null, "ogc-alice"), 404, TYPES + "no-such-job", "jobId");
        assertThat(get(alices + "/results", "ogc-alice").path("meff").isNumber()).isTrue();
        assertThat(get(publics + "/results", null).path("meff").asDouble())
                .isEqualTo(get(alices + "/results", "ogc-alice").path("meff").asDouble());

        // dismissed: the job stays as dismissed, its results are gone
        JsonNode dismissed = json(send("DELETE", alices, null, "ogc-alice"), 200);
        assertThat(dismissed.path("status").asText()).isEqualTo("dismissed");
        assertThat(get(alices, "ogc-alice").path("status").asText()).isEqualTo("dismissed");
        assertProblem(send("GET", alices + "/results", null, "ogc-alice"), 404, TYPES + "no-such-job", null);
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT results IS NULL FROM security.process_job"
                + " WHERE id = ?::uuid", Boolean.class, alicesId)).isTrue();
    }

    @Test
    void jobsLiveInTheDatabaseAndAJobWhoseServerDiedReadsAsFailed() throws Exception {
        JdbcTemplate db = new JdbcTemplate(dataSource);
        UUID died = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        // a job another replica runs, whose lease it keeps renewing, and one whose server stopped renewing it
        db.update("INSERT INTO security.process_job (id, process_id, status, node, lease_until, started, progress)"
                + " VALUES (?, 'obs:Connectivity', 'running', 'replica-b:8080', now() + interval '1 hour', now(), 40),"
                + " (?, 'obs:Connectivity', 'running', 'replica-c:8080', now() - interval '1 second', now(), 10)",
                elsewhere, died);
        JsonNode running = get("/ogcapi/jobs/" + elsewhere, null);
        assertThat(running.path("status").asText()).isEqualTo("running");
        assertThat(running.path("progress").asInt()).isEqualTo(40);
        assertProblem(send("GET", "/ogcapi/jobs/" + elsewhere + "/results", null, null), 404,
                TYPES + "result-not-ready", null);

        JsonNode failed = get("/ogcapi/jobs/" + died, null);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("message").asText()).contains("stopped");
        assertThat(failed.has("finished")).isTrue();
        JsonNode problem = assertProblem(send("GET", "/ogcapi/jobs/" + died + "/results", null, null), 500,
                "NoApplicableCode", null);
        assertThat(problem.path("detail").asText()).contains("run it again");

        // a job this server runs is held under a lease it renews
        String job = startJob("obs:Fragmentation", "{\"outputs\": {\"meff\": {}}}", null);
        String id = job.substring(job.lastIndexOf('/') + 1);
        assertThat(db.queryForObject("SELECT node FROM security.process_job WHERE id = ?::uuid", String.class, id))
                .isNotBlank();
        assertThat(finished(job, null).path("status").asText()).isEqualTo("successful");
        assertThat(db.queryForObject("SELECT results::text FROM security.process_job WHERE id = ?::uuid",
                String.class, id)).contains("\"meff\"");
        assertProblem(send("GET", "/ogcapi/jobs/not-a-uuid", null, null), 404, TYPES + "no-such-job", "jobId");
        assertProblem(send("GET", "/ogcapi/jobs/" + UUID.randomUUID(), null, null), 404, TYPES + "no-such-job", null);
    }

    @Test
    void mistakesAreProblemsNamingTheInput() throws Exception {
        String corridor = execution("obs:CorridorIndicators");
        assertProblem(send("POST", corridor, "{\"inputs\": {\"corridor\": 1, \"dispersalDistance\": -10}}", null),
                400, "InvalidParameterValue", "dispersalDistance");
        assertProblem(send("POST", corridor, "{\"inputs\": {}}", null), 400, "MissingParameterValue", "corridor");
        // a mistake only the process finds (no such corridor): at once when synchronous, as the job's results else
        assertProblem(send("POST", corridor, "{\"inputs\": {\"corridor\": 987654}}", null),
                400, "InvalidParameterValue", "corridor");
        String job = startJob("obs:CorridorIndicators", "{\"inputs\": {\"corridor\": 987654}}", null);
        assertThat(finished(job, null).path("status").asText()).isEqualTo("failed");
        assertProblem(send("GET", job + "/results", null, null), 400, "InvalidParameterValue", "corridor");
        assertProblem(send("POST", corridor, "{\"inputs\": {\"corridor\": \"un\"}}", null),
                400, "InvalidParameterValue", "corridor");
        assertProblem(send("POST", corridor, "{\"inputs\": {\"nothing\": 1}}", null),
                400, "InvalidParameterValue", "nothing");
        assertProblem(send("POST", corridor, "{\"inputs\": {\"corridor\": 1}, \"outputs\": {\"crossings\":"
                + " {\"format\": {\"mediaType\": \"image/png\"}}}}", null), 400, "InvalidParameterValue", "crossings");
        assertProblem(send("POST", corridor, "{\"inputs\": {\"corridor\": 1}, \"response\": \"raw\"}", null),
                400, "InvalidParameterValue", "outputs");
        assertProblem(send("POST", corridor, "{\"inputs\": ", null), 400, "InvalidParameterValue", "body");
        assertProblem(send("POST", corridor, "[1, 2]", null), 400, "InvalidParameterValue", "body");
        assertProblem(send("POST", corridor, "{\"inputs\": {\"geometry\": {\"href\": \"file:///etc/passwd\"}}}", null),
                400, "InvalidParameterValue", "geometry");
        assertProblem(send("POST", execution("obs:Nothing"), "{}", null), 404, TYPES + "no-such-process", "processId");
        assertProblem(send("GET", "/ogcapi/processes?f=html", null, null), 400, "InvalidParameterValue", "f");
    }
}
