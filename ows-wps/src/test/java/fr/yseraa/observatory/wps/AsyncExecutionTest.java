package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.testing.CapturedResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerRules;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.ServiceMetadata;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.ows.OwsRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** storeExecuteResponse + status: accepted at once, then started with its progress, then succeeded or failed. */
class AsyncExecutionTest {

    private static final String URL = "http://h/wps";
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    private final Catalog catalog = new Catalog(ServiceMetadata.defaults(), List.of(), List.of(), Map.of(),
            LayerRules.openToAll(), 1);
    private final TestProcesses.Gated gated = new TestProcesses.Gated();
    private final ExecutionStore store = new ExecutionStore(2, 2, Duration.ofMinutes(30), clock);
    private final WpsService wps = new WpsService(new ProcessRegistry(List.of(gated, new TestProcesses.Broken(),
            new TestProcesses.Stats())), () -> catalog, TestProcesses.runner(catalog), store);

    @AfterEach
    void stop() {
        gated.gate.countDown();
        store.close();
    }

    private CapturedResponse kvp(String operation, String... keyValues) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("service", "WPS");
        params.put("request", operation);
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        CapturedResponse r = new CapturedResponse();
        wps.handle(new OwsRequest("WPS", operation, "1.0.0", KvpParameters.of(params), null, Caller.anonymous(), URL), r);
        return r;
    }

    private static String executionId(String document) {
        Matcher m = Pattern.compile("statusLocation=\"[^\"]*executionId=([0-9a-f-]+)\"").matcher(document);
        assertThat(m.find()).as(document).isTrue();
        return m.group(1);
    }

    /** The stored document once the execution reached a final state (polled: the worker thread decides when). */
    private String finalStatus(String id) throws Exception {
        for (int i = 0; i < 2000; i++) {
            String doc = kvp("GetExecutionStatus", "executionId", id).text();
            if (doc.contains("ProcessSucceeded") || doc.contains("ProcessFailed")) {
                return doc;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("execution " + id + " never finished");
    }

    @Test
    void anExecutionIsAcceptedThenStartedThenSucceeded() throws Exception {
        CapturedResponse accepted = kvp("Execute", "identifier", "test:Gated", "storeExecuteResponse", "true",
                "status", "true", "lineage", "true");
        WpsServiceTest.assertValid("wpsExecute_response.xsd", accepted.bytes());
        assertThat(accepted.text()).contains("<wps:ProcessAccepted>").doesNotContain("<wps:ProcessOutputs>");
        String id = executionId(accepted.text());
        assertThat(gated.halfway.await(30, TimeUnit.SECONDS)).isTrue();
        CapturedResponse started = kvp("GetExecutionStatus", "executionId", id);
        WpsServiceTest.assertValid("wpsExecute_response.xsd", started.bytes());
        assertThat(started.text()).contains("<wps:ProcessStarted percentCompleted=\"50\">à mi-chemin</wps:ProcessStarted>");
        gated.gate.countDown();
        String done = finalStatus(id);
        WpsServiceTest.assertValid("wpsExecute_response.xsd", done.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(done).contains("<wps:ProcessSucceeded>", ">done</wps:LiteralData>", "statusLocation=");
    }

    /** Two run, two wait their turn: a fifth is refused with ServerBusy and Retry-After, and leaves nothing behind. */
    @Test
    void beyondTheQueueAnExecutionIsRefusedWithServerBusy() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(executionId(kvp("Execute", "identifier", "test:Gated", "storeExecuteResponse", "true",
                    "status", "true").text()));
        }
        assertThatThrownBy(() -> kvp("Execute", "identifier", "test:Gated", "storeExecuteResponse", "true",
                "status", "true")).isInstanceOfSatisfying(OwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(OwsExceptionCode.SERVER_BUSY);
                    assertThat(e.retryAfterSeconds()).isEqualTo(ExecutionLimits.RETRY_AFTER_SECONDS);
                    assertThat(e.getMessage()).contains("asynchronous executions waiting", "(2)");
                });
        gated.gate.countDown();
        for (String id : ids) {
            assertThat(finalStatus(id)).contains("<wps:ProcessSucceeded>");
        }
        // the queue has room again
        assertThat(finalStatus(executionId(kvp("Execute", "identifier", "test:Gated", "storeExecuteResponse", "true",
                "status", "true").text()))).contains("<wps:ProcessSucceeded>");
    }

    @Test
    void aFailedExecutionReportsItWithoutDetails() throws Exception {
        String id = executionId(kvp("Execute", "identifier", "test:Broken", "storeExecuteResponse", "true",
                "status", "true").text());
        String failed = finalStatus(id);
        WpsServiceTest.assertValid("wpsExecute_response.xsd", failed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(failed).contains("<wps:ProcessFailed>", "exceptionCode=\"NoApplicableCode\"")
                .doesNotContain("secret-internal-detail");
    }

    @Test
    void inputsAreCheckedBeforeAnythingIsAccepted() {
        assertThatThrownBy(() -> kvp("Execute", "identifier", "test:Stats", "storeExecuteResponse", "true", "status", "true"))
                .isInstanceOfSatisfying(OwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(OwsExceptionCode.MISSING_PARAMETER_VALUE);
                    assertThat(e.locator()).isEqualTo("value");
                });
    }

    @Test
    void finishedResultsExpireAfterTheConfiguredTime() throws Exception {
        String id = executionId(kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=1",
                "storeExecuteResponse", "true", "status", "true").text());
        assertThat(finalStatus(id)).contains("ProcessSucceeded");
        now.set(now.get().plus(Duration.ofMinutes(29)));
        assertThat(kvp("GetExecutionStatus", "executionId", id).text()).contains("ProcessSucceeded");
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThatThrownBy(() -> kvp("GetExecutionStatus", "executionId", id)).isInstanceOfSatisfying(OwsException.class,
                e -> assertThat(e.locator()).isEqualTo("executionId"));
    }

    @Test
    void describeProcessSaysStoreAndStatusAreSupported() throws Exception {
        assertThat(kvp("DescribeProcess", "identifier", "test:Gated").text())
                .contains("storeSupported=\"true\" statusSupported=\"true\"");
    }

    @Test
    void anOutputAsReferenceIsStoredAndReadableUntilItsRetentionEnds() throws Exception {
        CapturedResponse r = kvp("Execute", "identifier", "test:Stats", "DataInputs", "value=2;value=5",
                "ResponseDocument", "table@mimeType=text/csv@asReference=true;result@asReference=true", "lineage", "true");
        WpsServiceTest.assertValid("wpsExecute_response.xsd", r.bytes());
        assertThat(r.text()).contains("asReference=\"true\"").doesNotContain("<wps:ComplexData");
        Matcher m = Pattern.compile("<wps:Reference href=\"[^\"]*outputId=([0-9a-f-]+\\.\\w+)\" mimeType=\"text/csv\"").matcher(r.text());
        assertThat(m.find()).as(r.text()).isTrue();
        CapturedResponse csv = kvp("GetExecutionOutput", "outputId", m.group(1));
        assertThat(csv.text()).isEqualTo("value\n2.0\n5.0\n");
        assertThat(csv.contentType).startsWith("text/csv");
        Matcher literal = Pattern.compile("<wps:Reference href=\"[^\"]*outputId=([0-9a-f-]+\\.\\w+)\" mimeType=\"text/plain\"").matcher(r.text());
        assertThat(literal.find()).as(r.text()).isTrue();
        assertThat(kvp("GetExecutionOutput", "outputId", literal.group(1)).text()).isEqualTo("7.0");
        now.set(now.get().plus(Duration.ofMinutes(31)));
        assertThatThrownBy(() -> kvp("GetExecutionOutput", "outputId", m.group(1)))
                .isInstanceOfSatisfying(OwsException.class, e -> assertThat(e.locator()).isEqualTo("outputId"));
        assertThatThrownBy(() -> kvp("GetExecutionStatus", "executionId", literal.group(1)))
                .isInstanceOf(OwsException.class);
    }
}
