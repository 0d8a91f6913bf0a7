package fr.yseraa.observatory.wps;

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
import fr.yseraa.observatory.core.testing.CapturedResponse;
import fr.yseraa.observatory.wps.process.InputValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Complex inputs by reference reach the server's resolver, with the request, and nothing else reads them. */
class ReferenceInputTest {

    private static final String URL = "http://h/wps";
    private static final String HREF = "http://h/wfs?service=WFS&request=GetFeature&typeNames=a:b&resourceId=b.1";

    private final Catalog catalog = new Catalog(ServiceMetadata.defaults(), List.of(), List.of(), Map.of(),
            LayerRules.openToAll(), 1);
    private final List<String> calls = new ArrayList<>();
    private final ReferenceResolver resolver = (inputId, reference, formats, request) -> {
        calls.add(inputId + " " + reference.href() + " " + formats + " " + request.caller().isAnonymous());
        return new InputValue.Complex("POINT (3 4)", "application/wkt");
    };

    private WpsService wps(ReferenceResolver references) {
        return new WpsService(new ProcessRegistry(List.of(new TestProcesses.Stats())), () -> catalog,
                TestProcesses.runner(catalog), null, references);
    }

    private CapturedResponse kvp(WpsService wps, String dataInputs) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("identifier", "test:Stats");
        params.put("DataInputs", dataInputs);
        params.put("lineage", "true");
        CapturedResponse r = new CapturedResponse();
        wps.handle(new OwsRequest("WPS", "Execute", "1.0.0", KvpParameters.of(params), null, Caller.anonymous(), URL), r);
        return r;
    }

    @Test
    void aKvpReferenceIsResolvedForTheRequestAndEchoedAsAReference() throws Exception {
        String encoded = java.net.URLEncoder.encode(HREF, StandardCharsets.UTF_8);
        CapturedResponse r = kvp(wps(resolver), "value=1;note=@xlink:href=" + encoded + "@mimeType=application/wkt");
        assertThat(calls).containsExactly("note " + HREF + " [application/wkt] true");
        WpsServiceTest.assertValid("wpsExecute_response.xsd", r.bytes());
        assertThat(r.text()).contains("application/wkt:POINT (3 4)")
                .contains("<wps:Reference xlink:href=\"" + HREF.replace("&", "&amp;") + "\" mimeType=\"application/wkt\"");
    }

    @Test
    void anXmlReferenceIsResolvedWithTheFormatsTheInputAccepts() throws Exception {
        String body = """
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0"
                    xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xlink="http://www.w3.org/1999/xlink">
                  <ows:Identifier>test:Stats</ows:Identifier>
                  <wps:DataInputs>
                    <wps:Input><ows:Identifier>value</ows:Identifier><wps:Data><wps:LiteralData>1</wps:LiteralData></wps:Data></wps:Input>
                    <wps:Input><ows:Identifier>note</ows:Identifier><wps:Reference xlink:href="%s"/></wps:Input>
                  </wps:DataInputs>
                </wps:Execute>""".formatted(HREF.replace("&", "&amp;"));
        CapturedResponse r = new CapturedResponse();
        wps(resolver).handle(new OwsRequest("WPS", "Execute", "1.0.0", KvpParameters.of(Map.of()),
                body.getBytes(StandardCharsets.UTF_8), Caller.anonymous(), URL), r);
        assertThat(calls).containsExactly("note " + HREF + " [application/json, application/wkt, application/gml+xml] true");
        assertThat(r.text()).contains("application/wkt:POINT (3 4)");
    }

    @Test
    void referencesToLiteralsPostReferencesAndUnacceptedFormatsAreRefusedBeforeTheResolver() {
        assertInvalid(() -> kvp(wps(resolver), "value=@xlink:href=" + java.net.URLEncoder.encode(HREF, StandardCharsets.UTF_8)), "value");
        assertInvalid(() -> kvp(wps(resolver), "value=1;note=@xlink:href=x@mimeType=text/html"), "note");
        String post = """
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0"
                    xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xlink="http://www.w3.org/1999/xlink">
                  <ows:Identifier>test:Stats</ows:Identifier>
                  <wps:DataInputs><wps:Input><ows:Identifier>note</ows:Identifier>
                    <wps:Reference xlink:href="http://h/wfs" method="POST"><wps:Body>x</wps:Body></wps:Reference></wps:Input>
                  </wps:DataInputs>
                </wps:Execute>""";
        assertInvalid(() -> wps(resolver).handle(new OwsRequest("WPS", "Execute", "1.0.0", KvpParameters.of(Map.of()),
                post.getBytes(StandardCharsets.UTF_8), Caller.anonymous(), URL), new CapturedResponse()), "note");
        assertThat(calls).isEmpty();
    }

    @Test
    void withoutAResolverReferencesAreRefusedNamingTheInput() {
        assertInvalid(() -> kvp(wps(ReferenceResolver.NONE), "value=1;note=@xlink:href=http://h/wfs"), "note");
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String locator) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OwsException.class, e -> {
            assertThat(e.code()).isEqualTo(OwsExceptionCode.INVALID_PARAMETER_VALUE);
            assertThat(e.locator()).isEqualTo(locator);
        });
    }
}
