package fr.yseraa.observatory.core.ows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.access.Caller;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class OwsDispatcherTest {

    /** A service that records what reaches it. */
    static class RecordingService implements OwsService {
        final List<OwsRequest> received = new ArrayList<>();

        @Override
        public String name() {
            return "WFS";
        }

        @Override
        public List<String> versions() {
            return List.of("2.0.0", "1.1.0");
        }

        @Override
        public Set<String> operations() {
            return Set.of("GetCapabilities", "GetFeature");
        }

        @Override
        public void handle(OwsRequest request, OwsResponse response) {
            received.add(request);
        }
    }

    static final class NullResponse implements OwsResponse {
        @Override public void setStatus(int status) { }
        @Override public void setContentType(String contentType) { }
        @Override public void setHeader(String name, String value) { }
        @Override public OutputStream body() { return new ByteArrayOutputStream(); }
    }

    private final RecordingService wfs = new RecordingService();
    private final OwsDispatcher dispatcher = new OwsDispatcher(List.of(wfs));

    private void kvp(String endpoint, Map<String, String> params) throws Exception {
        dispatcher.dispatchKvp(endpoint, KvpParameters.of(params), Caller.anonymous(), "http://h/ows", new NullResponse());
    }

    private static void assertOws(ThrowingCallable call, OwsExceptionCode code, String locator) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.locator()).isEqualTo(locator);
        });
    }

    @Test
    void routesOnCaseInsensitiveKeysAndValues() throws Exception {
        kvp(null, Map.of("service", "wfs", "Request", "getfeature", "VERSION", "2.0.0", "typeNames", "obs:communes"));
        assertThat(wfs.received).hasSize(1);
        OwsRequest r = wfs.received.get(0);
        assertThat(r.operation()).isEqualTo("GetFeature");
        assertThat(r.version()).isEqualTo("2.0.0");
        assertThat(r.kvp().get("TYPENAMES")).contains("obs:communes");
        assertThat(r.caller().isAnonymous()).isTrue();
    }

    @Test
    void kvpRequestsNameTheirServiceEvenAtTheServiceEndpoint() throws Exception {
        assertOws(() -> kvp("WFS", Map.of("request", "GetCapabilities")), OwsExceptionCode.MISSING_PARAMETER_VALUE,
                "service");
        kvp("WFS", Map.of("service", "WFS", "request", "GetCapabilities"));
        assertThat(wfs.received).hasSize(1);
        assertThat(dispatcher.reportVersion("WFS")).isEqualTo("2.0.0");
        assertThat(dispatcher.reportVersion(null)).isEqualTo("1.1.0");
    }

    @Test
    void clientMistakesGetTheirCodeAndLocator() {
        assertOws(() -> kvp(null, Map.of("request", "GetFeature")), OwsExceptionCode.MISSING_PARAMETER_VALUE, "service");
        assertOws(() -> kvp(null, Map.of("service", "WCS", "request", "GetCoverage")),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "service");
        assertOws(() -> kvp(null, Map.of("service", "WFS")), OwsExceptionCode.MISSING_PARAMETER_VALUE, "request");
        assertOws(() -> kvp(null, Map.of("service", "WFS", "request", "Transaction")),
                OwsExceptionCode.OPERATION_NOT_SUPPORTED, "Transaction");
        assertOws(() -> kvp(null, Map.of("service", "WFS", "request", "GetFeature", "version", "3.0.0")),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "version");
        assertOws(() -> kvp("WFS", Map.of("service", "WMS", "request", "GetMap")),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "service");
        assertThat(wfs.received).isEmpty();
        assertThat(OwsExceptionCode.OPERATION_NOT_SUPPORTED.httpStatus()).isEqualTo(501);
        assertThat(OwsExceptionCode.MISSING_PARAMETER_VALUE.httpStatus()).isEqualTo(400);
    }

    @Test
    void xmlPostIsRoutedOnItsRootElement() throws Exception {
        String xml = "<?xml version=\"1.0\"?><wfs:GetFeature xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" "
                + "service=\"WFS\" version=\"2.0.0\"><wfs:Query typeNames=\"obs:communes\"/></wfs:GetFeature>";
        dispatcher.dispatchXml(null, xml.getBytes(StandardCharsets.UTF_8), Caller.anonymous(), "http://h/ows",
                new NullResponse());
        assertThat(wfs.received).singleElement().satisfies(r -> {
            assertThat(r.operation()).isEqualTo("GetFeature");
            assertThat(r.isXml()).isTrue();
        });
    }

    @Test
    void malformedOrHostileXmlIsRefused() {
        assertOws(() -> dispatcher.dispatchXml(null, "<GetFeature service=".getBytes(StandardCharsets.UTF_8),
                Caller.anonymous(), "u", new NullResponse()), OwsExceptionCode.OPERATION_PARSING_FAILED, null);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<GetFeature service=\"WFS\" version=\"2.0.0\">&x;</GetFeature>";
        assertOws(() -> dispatcher.dispatchXml(null, xxe.getBytes(StandardCharsets.UTF_8), Caller.anonymous(), "u",
                new NullResponse()), OwsExceptionCode.OPERATION_PARSING_FAILED, null);
        assertThat(wfs.received).isEmpty();
    }

    @Test
    void aWorkspacesEndpointReachesOnlyServicesThatServeWorkspacesAndTellsThemTheWorkspace() throws Exception {
        assertOws(() -> dispatcher.dispatchKvp("WFS", "obs", KvpParameters.of(Map.of("service", "WFS",
                "request", "GetCapabilities")), Caller.anonymous(), "http://h/obs/wfs", Map.of(), new NullResponse()),
                OwsExceptionCode.INVALID_PARAMETER_VALUE, "service");
        assertThat(wfs.received).isEmpty();
        RecordingService scoped = new RecordingService() {
            @Override
            public boolean servesWorkspaces() {
                return true;
            }
        };
        OwsDispatcher withWorkspaces = new OwsDispatcher(List.of(scoped));
        withWorkspaces.dispatchKvp(null, "obs", KvpParameters.of(Map.of("service", "WFS", "request", "GetCapabilities")),
                Caller.anonymous(), "http://h/obs/ows", Map.of(), new NullResponse());
        withWorkspaces.dispatchXml("WFS", "obs", "<GetCapabilities service=\"WFS\"/>".getBytes(StandardCharsets.UTF_8),
                Caller.anonymous(), "http://h/obs/wfs", new NullResponse());
        kvp(null, Map.of("service", "WFS", "request", "GetCapabilities"));
        assertThat(scoped.received).extracting(OwsRequest::workspace).containsExactly("obs", "obs");
        assertThat(wfs.received).extracting(OwsRequest::workspace).containsOnlyNulls();
    }
}
