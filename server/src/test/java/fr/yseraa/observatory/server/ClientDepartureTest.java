package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.wps.ExecutionLimits;
import fr.yseraa.observatory.wps.process.ProcessContext;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import fr.yseraa.observatory.wps.process.ProcessResult;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A synchronous request whose client closes its connection stops its work: over a raw socket, an Execute whose
 * process sleeps in a PostgreSQL statement (or computes in Java) is sent, the socket closed while it runs; the
 * statement disappears from {@code pg_stat_activity} within seconds (long before its time limit of 2 minutes) and the
 * WPS's running count drops, so the public's one place is free again. A process that computes in parallel tasks (on
 * the common pool, as the corridor processes do) stops on every thread, not only on the request's; an OGC API -
 * Processes execution stops as a WPS one does. Clients that wait, by GET or by an XML POST,
 * still get their answers though their connection is probed several times a second.
 */
@SpringBootTest(classes = ObservatoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"obs.wps.max-running=2", "obs.wps.max-running-anonymous=1", "obs.wps.queue-wait=PT0S",
                "obs.client-watch-interval=PT0.2S", "spring.datasource.hikari.maximum-pool-size=4"})
@Import(ClientDepartureTest.Processes.class)
@DirtiesContext // its own context (its processes): closed after it, its connections with it
class ClientDepartureTest {

    /** Marks the test's statements in pg_stat_activity. */
    static final String MARK = "client_departure_test";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "departure", 500);
    }

    @TestConfiguration
    static class Processes {
        @Bean
        Computing computing() {
            return new Computing();
        }

        @Bean
        ParallelComputing parallelComputing() {
            return new ParallelComputing();
        }

        @Bean
        WpsProcess sleepInDatabase() {
            return sleeping("test:SleepInDatabase", 60);
        }

        @Bean
        WpsProcess sleepBriefly() {
            return sleeping("test:SleepBriefly", 2);
        }

        private static WpsProcess sleeping(String id, int seconds) {
            return new WpsLimitsTest.Probe(id, context -> context.read(sql -> {
                try (Statement st = sql.connection().createStatement()) {
                    st.execute("SELECT pg_sleep(" + seconds + ") AS " + MARK);
                }
                return "slept";
            }));
        }
    }

    /** Computes in Java, checking its budget, until its client leaves; counts the executions under way. */
    static final class Computing implements WpsProcess {
        final AtomicInteger running = new AtomicInteger();

        @Override
        public ProcessDescription description() {
            return new WpsLimitsTest.Probe("test:Compute", null).description();
        }

        @Override
        public ProcessResult execute(ProcessInputs inputs, ProcessContext context) {
            running.incrementAndGet();
            try {
                for (int i = 0; i < 6000; i++) { // 2 minutes at most
                    context.checkpoint();
                    WpsLimitsTest.sleep(20);
                }
                return new ProcessResult.Builder().literal("result", "computed").build();
            } finally {
                running.decrementAndGet();
            }
        }
    }

    /**
     * Computes in parallel tasks on the common pool, each step after a checkpoint of its budget, until its client
     * leaves; counts the steps the common pool's threads take (the request's thread takes some too).
     */
    static final class ParallelComputing implements WpsProcess {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger pooledSteps = new AtomicInteger();
        final AtomicInteger stepsUnderWay = new AtomicInteger();

        @Override
        public ProcessDescription description() {
            return new WpsLimitsTest.Probe("test:ComputeInParallel", null).description();
        }

        @Override
        public ProcessResult execute(ProcessInputs inputs, ProcessContext context) {
            running.incrementAndGet();
            try {
                IntStream.range(0, 6000).parallel().forEach(i -> { // 1 to 2 minutes on two threads
                    context.checkpoint();
                    stepsUnderWay.incrementAndGet();
                    WpsLimitsTest.sleep(20);
                    if (Thread.currentThread() instanceof ForkJoinWorkerThread) {
                        pooledSteps.incrementAndGet();
                    }
                    stepsUnderWay.decrementAndGet();
                });
                return new ProcessResult.Builder().literal("result", "computed").build();
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    ExecutionLimits limits;

    @Autowired
    Computing computing;

    @Autowired
    ParallelComputing parallel;

    private long sleepingStatements() {
        return new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                + " AND query LIKE '%pg_sleep%" + MARK + "%' AND pid <> pg_backend_pid()", Long.class);
    }

    private static String executeGet(String process) {
        return "GET /wps?service=WPS&version=1.0.0&request=Execute&identifier=" + process + "&RawDataOutput=result"
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }

    private Socket send(String request) throws IOException {
        Socket socket = new Socket("localhost", port);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return socket;
    }

    private static String answer(Socket socket) throws IOException {
        socket.setSoTimeout(60_000);
        try (InputStream in = socket.getInputStream()) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits up to that many milliseconds for the condition; how long it took, or -1 if it never held. */
    private static long await(BooleanSupplier condition, long millis) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if ((System.nanoTime() - start) / 1_000_000 > millis) {
                return -1;
            }
            WpsLimitsTest.sleep(50);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aStatementWhoseClientLeftIsCancelledAndItsPlaceFreed() throws Exception {
        Socket client = send(executeGet("test:SleepInDatabase"));
        assertThat(await(() -> sleepingStatements() == 1, 20_000)).as("the statement runs").isNotNegative();
        assertThat(limits.running()).isEqualTo(1);
        client.close();

        long cancelled = await(() -> sleepingStatements() == 0, 10_000);
        assertThat(cancelled).as("the statement is cancelled within seconds, not at its 60 s").isNotNegative();
        assertThat(await(() -> limits.running() == 0, 5_000)).as("the execution's place is given back").isNotNegative();
        System.out.println("client-departure: statement gone " + cancelled + " ms after the client left");

        // the public's one place is free: the next anonymous execution runs to its end
        try (Socket next = send(executeGet("test:SleepBriefly"))) {
            String answer = answer(next);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("slept");
        }
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND state LIKE 'idle in transaction%'", Long.class)).isZero();
    }

    @Test
    void anExecutionComputingInJavaStopsWhenItsClientLeaves() throws Exception {
        Socket client = send(executeGet("test:Compute"));
        assertThat(await(() -> computing.running.get() == 1, 20_000)).as("the execution computes").isNotNegative();
        client.close();
        assertThat(await(() -> computing.running.get() == 0 && limits.running() == 0, 10_000))
                .as("it stops at its next checkpoint after the watch sees the client gone").isNotNegative();
    }

    @Test
    void anExecutionComputingInParallelStopsOnEveryThreadWhenItsClientLeaves() throws Exception {
        Socket client = send(executeGet("test:ComputeInParallel"));
        assertThat(await(() -> parallel.pooledSteps.get() > 0, 20_000))
                .as("the common pool's threads compute a share of the execution").isNotNegative();
        client.close();
        assertThat(await(() -> parallel.running.get() == 0 && limits.running() == 0, 10_000))
                .as("the request's thread stops at its next checkpoint").isNotNegative();
        // the tasks on the common pool see the departure too: once the step under way ends, none starts
        assertThat(await(() -> parallel.stepsUnderWay.get() == 0, 5_000)).isNotNegative();
        int steps = parallel.pooledSteps.get();
        WpsLimitsTest.sleep(1_000); // fifty steps' time
        assertThat(parallel.pooledSteps.get()).as("steps the common pool took after the execution stopped")
                .isEqualTo(steps);
        assertThat(parallel.stepsUnderWay.get()).isZero();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anOgcApiExecutionStopsWhenItsClientLeaves(CapturedOutput output) throws Exception {
        String body = "{}";
        Socket client = send("POST /ogcapi/processes/test:Compute/execution HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                + body);
        assertThat(await(() -> computing.running.get() == 1, 20_000)).as("the execution computes").isNotNegative();
        client.close();
        assertThat(await(() -> computing.running.get() == 0 && limits.running() == 0, 10_000))
                .as("it stops at its next checkpoint after the watch sees the client gone").isNotNegative();
        String logged = "POST /ogcapi/processes/test:Compute/execution";
        assertThat(await(() -> output.getOut().contains(logged), 5_000)).as("the access log's line").isNotNegative();
        assertThat(output.getOut().lines().filter(l -> l.contains(logged)))
                .as("a departure, not a server fault").singleElement().asString().contains(" 499 ");
        assertThat(output.getOut()).doesNotContain("ClientGoneException");
    }

    @Test
    void clientsThatWaitGetTheirAnswersByGetAndByXmlPost() throws Exception {
        try (Socket get = send(executeGet("test:SleepBriefly"))) {
            assertThat(answer(get)).startsWith("HTTP/1.1 200").contains("slept");
        }
        String xml = """
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0"
                    xmlns:ows="http://www.opengis.net/ows/1.1">
                  <ows:Identifier>test:SleepBriefly</ows:Identifier>
                  <wps:ResponseForm><wps:RawDataOutput><ows:Identifier>result</ows:Identifier></wps:RawDataOutput></wps:ResponseForm>
                </wps:Execute>""";
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        try (Socket post = send("POST /wps HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/xml\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n" + xml)) {
            assertThat(answer(post)).startsWith("HTTP/1.1 200").contains("slept");
        }
    }
}
