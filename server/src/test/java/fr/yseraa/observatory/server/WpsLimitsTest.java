package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.server.security.UserStore;
import fr.yseraa.observatory.wps.process.LiteralType;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessContext;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import fr.yseraa.observatory.wps.process.ProcessResult;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bounded WPS work over HTTP, with a small pool and small limits: executions beyond the limit answer ServerBusy at
 * once while health and GetMap keep answering; an execution computing in Java holds no connection; an execution
 * stops at its time limit, in Java or in a statement, with a report naming the limit.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"obs.wps.max-running=2", "obs.wps.max-running-anonymous=1", "obs.wps.queue-wait=PT0S",
                "obs.wps.time-limit=PT3S", "spring.datasource.hikari.maximum-pool-size=4",
                "obs.wps.async-threads=1", "obs.ogcapi.job-queue=1"})
@Import(WpsLimitsTest.Processes.class)
@DirtiesContext // its own context: closed after it, so that its connections do not add to those of the cached ones
class WpsLimitsTest {

    static final String PASSWORD = "a long enough test passphrase";
    static final String GET_MAP = "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&LAYERS=obs:departements,obs:communes"
            + "&STYLES=&CRS=EPSG:4326&BBOX=50.5,1.9,51.0,2.5&WIDTH=300&HEIGHT=200&FORMAT=image/png";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "wpslimits", 2000);
    }

    /** Processes that hold their place until the test lets them go, or never end. */
    @TestConfiguration
    static class Processes {
        @Bean
        Hold hold() {
            return new Hold();
        }

        @Bean
        WpsProcess spin() {
            return new Probe("test:Spin", context -> {
                while (true) {
                    context.checkpoint(); // the time limit stops it here
                    sleep(20);
                }
            });
        }

        @Bean
        WpsProcess sleepInDatabase() {
            return new Probe("test:SleepInDatabase", context -> context.read(sql -> {
                try (Statement st = sql.connection().createStatement()) {
                    st.execute("SELECT pg_sleep(60)"); // the statement timeout, cut to the time left, stops it
                }
                return "slept";
            }));
        }
    }

    /** A process of the test: one literal output, the work's answer. */
    record Probe(String id, java.util.function.Function<ProcessContext, String> work) implements WpsProcess {
        @Override
        public ProcessDescription description() {
            return new ProcessDescription(id, "Test", null, "1.0.0", List.of(),
                    List.of(new OutputDescription.Literal("result", "Résultat", null, LiteralType.STRING, null)));
        }

        @Override
        public ProcessResult execute(ProcessInputs inputs, ProcessContext context) {
            return new ProcessResult.Builder().literal("result", work.apply(context)).build();
        }
    }

    /** Reads from the database, then "computes" in Java until the gate opens, checking its budget. */
    static final class Hold implements WpsProcess {
        final java.util.concurrent.atomic.AtomicInteger computing = new java.util.concurrent.atomic.AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public ProcessDescription description() {
            return new Probe("test:Hold", null).description();
        }

        @Override
        public ProcessResult execute(ProcessInputs inputs, ProcessContext context) {
            String read = context.read(sql -> {
                try (Statement st = sql.connection().createStatement(); var rs = st.executeQuery("SELECT 'read'")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            computing.incrementAndGet();
            while (gate.getCount() > 0) {
                context.checkpoint();
                sleep(20);
            }
            return new ProcessResult.Builder().literal("result", read).build();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Hold hold;

    @Autowired
    UserStore users;

    @Autowired
    DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpRequest execute(String process, String login) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/wps?service=WPS&version=1.0.0&request=Execute&identifier=" + process + "&RawDataOutput=result"));
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        return b.build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertBusy(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.body()).contains("exceptionCode=\"ServerBusy\"");
        assertThat(r.headers().firstValue("Retry-After")).hasValue("10");
    }

    @Test
    void beyondTheLimitExecutionsAreRefusedAtOnceWhileHealthAndMapsAnswer() throws Exception {
        users.saveUser("limits-alice", PASSWORD, null, Set.of("partner"));
        hold.gate = new CountDownLatch(1);
        int before = hold.computing.get();
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(execute("test:Hold", null),
                HttpResponse.BodyHandlers.ofString());
        awaitComputing(before + 1);

        // the public's one place is taken: the next anonymous execution is refused, an authenticated one runs
        assertBusy(http.send(execute("test:Hold", null), HttpResponse.BodyHandlers.ofString()));
        CompletableFuture<HttpResponse<String>> second = http.sendAsync(execute("test:Hold", "limits-alice"),
                HttpResponse.BodyHandlers.ofString());
        awaitComputing(before + 2);
        assertBusy(http.send(execute("test:Spin", "limits-alice"), HttpResponse.BodyHandlers.ofString()));

        // while the executions compute, they hold no connection, and the other services answer
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND state LIKE 'idle in transaction%'", Long.class)).isZero();
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        HttpResponse<byte[]> map = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + GET_MAP)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(map.statusCode()).isEqualTo(200);
        assertThat(map.headers().firstValue("Content-Type")).hasValue("image/png");

        hold.gate.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).body()).isEqualTo("read");
        assertThat(second.get(30, TimeUnit.SECONDS).body()).isEqualTo("read");
        // places are given back
        HttpResponse<String> again = http.send(execute("test:Hold", null), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    }

    /** Waits until that many executions of test:Hold have read their data and compute (at most 30 s). */
    private void awaitComputing(int count) {
        for (int i = 0; i < 1500 && hold.computing.get() < count; i++) {
            sleep(20);
        }
        assertThat(hold.computing.get()).as("executions computing").isGreaterThanOrEqualTo(count);
    }

    @Test
    void anExecutionStopsAtItsTimeLimitInJavaAndInTheDatabase() throws Exception {
        for (String process : List.of("test:Spin", "test:SleepInDatabase")) {
            HttpResponse<String> r = http.send(execute(process, null), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(process + ": " + r.body()).isEqualTo(503);
            assertThat(r.body()).contains("exceptionCode=\"NoApplicableCode\"", "time limit of 3 s")
                    .doesNotContain("ERROR:", "canceling statement");
            assertThat(r.headers().firstValue("Retry-After")).as("retrying will not help").isEmpty();
        }
        // the places and connections are back: another execution runs
        hold.gate = new CountDownLatch(0);
        assertThat(http.send(execute("test:Hold", null), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void sixConcurrentConnectivityExecutionsDoNotStarveTheOtherServices() throws Exception {
        String connectivity = "/wps?service=WPS&version=1.0.0&request=Execute&identifier=obs:Connectivity&DataInputs="
                + URLEncoder.encode("subNetwork=wetland", StandardCharsets.UTF_8) + "&RawDataOutput=summary";
        List<CompletableFuture<HttpResponse<String>>> executions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            executions.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + connectivity)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        HttpResponse<String> health = get("/actuator/health");
        HttpResponse<byte[]> map = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + GET_MAP)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        int succeeded = 0;
        int busy = 0;
        for (CompletableFuture<HttpResponse<String>> e : executions) {
            HttpResponse<String> r = e.get(120, TimeUnit.SECONDS);
            if (r.statusCode() == 200) {
                assertThat(r.body()).contains("\"PC\"");
                succeeded++;
            } else {
                assertBusy(r);
                busy++;
            }
        }
        assertThat(succeeded).as("one runs at a time for the public").isPositive();
        assertThat(busy).as("the others are refused at once rather than queued").isPositive();
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(map.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> ogcApi(String method, String path, String body, String login, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path
                : "http://localhost:" + port + path)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (login != null) {
            b.header("Authorization", TestServer.basicAuthorization(login, PASSWORD));
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Autowired
    fr.yseraa.observatory.ogcapi.processes.ProcessJobs jobs;

    /** OGC API - Processes takes its synchronous executions' places among the WPS's: beyond them, ServerBusy. */
    @Test
    void ogcApiExecutionsShareTheWpsPlaces() throws Exception {
        hold.gate = new CountDownLatch(1);
        int before = hold.computing.get();
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(execute("test:Hold", null),
                HttpResponse.BodyHandlers.ofString());
        awaitComputing(before + 1);
        HttpResponse<String> refused = ogcApi("POST", "/ogcapi/processes/test:Hold/execution", "{}", null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"type\":\"ServerBusy\"", "\"status\":503");
        hold.gate.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        HttpResponse<String> ran = ogcApi("POST", "/ogcapi/processes/test:Hold/execution", "{}", null);
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        assertThat(ran.body()).isEqualTo("{\"result\":\"read\"}");
    }

    /** A running job its caller dismisses stops at its next checkpoint, and stays dismissed. */
    @Test
    void aDismissedJobStops() throws Exception {
        users.saveUser("limits-carol", PASSWORD, null, Set.of("partner"));
        HttpResponse<String> started = ogcApi("POST", "/ogcapi/processes/test:Spin/execution", "{}", "limits-carol",
                "Prefer", "respond-async");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String job = started.headers().firstValue("Location").orElseThrow();
        for (int i = 0; i < 1500 && !ogcApi("GET", job, null, "limits-carol").body().contains("\"running\""); i++) {
            sleep(20);
        }
        assertThat(jobs.held()).isPositive();
        HttpResponse<String> dismissed = ogcApi("DELETE", job, null, "limits-carol");
        assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(200);
        assertThat(dismissed.body()).contains("\"status\":\"dismissed\"");
        for (int i = 0; i < 1500 && jobs.held() > 0; i++) { // the worker checks for a dismissal once a second
            sleep(20);
        }
        assertThat(jobs.held()).as("the spinning job stopped").isZero();
        assertThat(ogcApi("GET", job, null, "limits-carol").body()).contains("\"status\":\"dismissed\"");
        assertThat(ogcApi("GET", job + "/results", null, "limits-carol").statusCode()).isEqualTo(404);
    }

    /** One job runs and one waits (the settings of this server): a third is refused with ServerBusy, as a problem. */
    @Test
    void beyondTheJobQueueAJobIsRefused() throws Exception {
        users.saveUser("limits-dave", PASSWORD, null, Set.of("partner"));
        hold.gate = new CountDownLatch(1);
        int before = hold.computing.get();
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = ogcApi("POST", "/ogcapi/processes/test:Hold/execution", "{}", "limits-dave",
                    "Prefer", "respond-async");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            jobs.add(r.headers().firstValue("Location").orElseThrow());
            if (i == 0) {
                awaitComputing(before + 1); // the first runs: the second waits in the queue
            }
        }
        HttpResponse<String> refused = ogcApi("POST", "/ogcapi/processes/test:Hold/execution", "{}", "limits-dave",
                "Prefer", "respond-async");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(refused.body()).contains("\"type\":\"ServerBusy\"");
        assertThat(ogcApi("GET", jobs.get(1), null, "limits-dave").body()).contains("\"status\":\"accepted\"");
        hold.gate.countDown();
        for (String job : jobs) {
            String status = "";
            for (int i = 0; i < 1500 && !status.contains("\"successful\""); i++) {
                status = ogcApi("GET", job, null, "limits-dave").body();
                sleep(20);
            }
            assertThat(status).contains("\"successful\"");
            assertThat(ogcApi("GET", job + "/results", null, "limits-dave").body()).isEqualTo("{\"result\":\"read\"}");
        }
    }
}
