package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.xml.OgcSchemas;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * WPS 1.0.0 asynchronous executions are jobs of the one job store in PostgreSQL: an execution accepted by replica A
 * (the processes' shared test server) is followed at its statusLocation through replica B (a second application
 * context on the same database) to ProcessSucceeded, and B serves its output asked as a reference; an execution whose
 * server stopped renewing its lease reads through B as the ProcessFailed document it was given for that case; OGC API
 * - Processes does not list WPS executions as its jobs. Every document valid against the WPS 1.0.0 schemas.
 */
class WpsExecutionsAcrossReplicasTest extends WpsTestServer {

    private static final String EXECUTE_RESPONSE = "http://schemas.opengis.net/wps/1.0.0/wpsExecute_response.xsd";
    private static ConfigurableApplicationContext b;
    private static int bPort;

    @Autowired
    DataSourceProperties database;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Replica B: the same database, its own port (so its own name among the servers holding jobs). */
    @BeforeEach
    void replicaB() throws Exception {
        if (b != null) {
            return;
        }
        try (ServerSocket s = new ServerSocket(0)) {
            bPort = s.getLocalPort();
        }
        Map<String, String> p = new TreeMap<>();
        p.put("server.port", Integer.toString(bPort));
        p.put("obs.tiles.port", "-1");
        p.put("spring.datasource.url", database.determineUrl());
        p.put("spring.datasource.username", database.determineUsername());
        p.put("spring.datasource.password", database.determinePassword());
        p.put("spring.datasource.hikari.minimum-idle", "1");
        p.put("obs.data-dir", TestServer.ROOT.resolve("data-dir").toString());
        p.put("obs.styles-dir", TestServer.ROOT.resolve("styles").toString());
        p.put("obs.demo.indicators", "false");
        p.put("obs.wmts.cache-dir", java.nio.file.Files.createTempDirectory("replica-b").toString());
        b = new SpringApplicationBuilder(ObservatoryApplication.class)
                .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @AfterAll
    static void stopB() {
        if (b != null) {
            b.close();
        }
    }

    @Test
    void anExecutionAcceptedByAIsFollowedThroughBToItsOutputs() throws Exception {
        HttpResponse<String> accepted = get(port, "/wps?service=WPS&version=1.0.0&request=Execute"
                + "&identifier=obs:CorridorIndicators&DataInputs=" + URLEncoder.encode("corridor=1", StandardCharsets.UTF_8)
                + "&ResponseDocument=" + URLEncoder.encode("report@asReference=true", StandardCharsets.UTF_8)
                + "&storeExecuteResponse=true&status=true&lineage=true");
        assertValid(accepted);
        assertThat(accepted.body()).contains("<wps:ProcessAccepted>");
        String executionId = find("executionId=([0-9a-f-]+)", accepted.body());
        URI throughB = onB(find("statusLocation=\"([^\"]+)\"", accepted.body()));

        HttpResponse<String> status = null;
        for (int i = 0; i < 3000; i++) { // polled through B: A's worker thread decides when it is done
            status = http.send(HttpRequest.newBuilder(throughB).build(), HttpResponse.BodyHandlers.ofString());
            if (status.body().contains("ProcessSucceeded") || status.body().contains("ProcessFailed")) {
                break;
            }
            Thread.sleep(20);
        }
        assertValid(status);
        assertThat(status.body()).contains("<wps:ProcessSucceeded>", "<wps:LiteralData>1</wps:LiteralData>",
                "asReference=\"true\"");
        URI reportThroughB = onB(find("<wps:Reference href=\"([^\"]+)\"", status.body()));
        HttpResponse<String> report = http.send(HttpRequest.newBuilder(reportThroughB).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).isNotBlank();
        // the same bytes through A: one stored output
        HttpResponse<String> reportThroughA = http.send(HttpRequest.newBuilder(URI.create(reportThroughB.toString()
                .replace(":" + bPort + "/", ":" + port + "/"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reportThroughA.body()).isEqualTo(report.body());

        JdbcTemplate db = new JdbcTemplate(dataSource);
        assertThat(db.queryForObject("SELECT api || ' ' || status || ' ' || node FROM security.process_job"
                + " WHERE id = ?::uuid", String.class, executionId)).as("run and held by A, started on port 0")
                .matches("wps successful .*:pid" + ProcessHandle.current().pid() + "-\\d+")
                .isNotEqualTo("wps successful " + ServerNode.name(bPort));
        // not a job of OGC API - Processes
        assertThat(get(bPort, "/ogcapi/jobs/" + executionId).statusCode()).isEqualTo(404);
    }

    @Test
    void anExecutionWhoseServerDiedReadsAsFailedThroughB() throws Exception {
        UUID id = UUID.randomUUID();
        byte[] started = ("<wps:ExecuteResponse xmlns:wps=\"http://www.opengis.net/wps/1.0.0\">started</wps:ExecuteResponse>")
                .getBytes(StandardCharsets.UTF_8);
        // what A would have stored: take the documents of a real execution, then make it A's server that died
        HttpResponse<String> accepted = get(port, "/wps?service=WPS&version=1.0.0&request=Execute"
                + "&identifier=obs:CorridorIndicators&DataInputs=corridor%3D1&storeExecuteResponse=true&status=true");
        String real = find("executionId=([0-9a-f-]+)", accepted.body());
        JdbcTemplate db = new JdbcTemplate(dataSource);
        byte[] interrupted = db.queryForObject("SELECT wps_interrupted FROM security.process_job WHERE id = ?::uuid",
                byte[].class, real);
        db.update("INSERT INTO security.process_job (id, process_id, status, node, lease_until, started, progress, api,"
                + " wps_document, wps_interrupted) VALUES (?, 'obs:CorridorIndicators', 'running', 'gone:8080',"
                + " now() - interval '1 second', now(), 50, 'wps', ?, ?)", id, started, interrupted);
        HttpResponse<String> status = get(bPort, "/wps?service=WPS&version=1.0.0&request=GetExecutionStatus"
                + "&executionId=" + id);
        assertValid(status);
        assertThat(status.body()).contains("<wps:ProcessFailed>", "the server running it stopped before it ended");
        assertThat(db.queryForObject("SELECT status FROM security.process_job WHERE id = ?", String.class, id))
                .isEqualTo("failed");
        // an unknown execution: the WPS's report, naming the parameter
        HttpResponse<String> unknown = get(bPort, "/wps?service=WPS&version=1.0.0&request=GetExecutionStatus"
                + "&executionId=" + UUID.randomUUID());
        WpsServerTest.assertReport(unknown, 400, "InvalidParameterValue", "executionId");
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The URL A gave, on B. */
    private URI onB(String fromA) {
        URI a = URI.create(fromA.replace("&amp;", "&"));
        assertThat(a.getPort()).isEqualTo(port);
        return URI.create("http://localhost:" + bPort + a.getRawPath() + "?" + a.getRawQuery());
    }

    private static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private static void assertValid(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(OgcSchemas.validate(EXECUTE_RESPONSE, new StreamSource(new ByteArrayInputStream(
                r.body().getBytes(StandardCharsets.UTF_8))))).as(r.body()).isEmpty();
    }
}
