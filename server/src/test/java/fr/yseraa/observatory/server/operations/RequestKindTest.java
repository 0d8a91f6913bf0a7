package fr.yseraa.observatory.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The kind of a request, for the access log and the metrics: a bounded set of values whatever the client sent. */
class RequestKindTest {

    @Test
    void servicesOperationsAndResources() {
        assertThat(RequestKind.of(get("/wms", "REQUEST", "GetMap"))).isEqualTo(new RequestKind("WMS", "GetMap"));
        assertThat(RequestKind.of(get("/ows", "SERVICE", "WFS"))).extracting(RequestKind::service).isEqualTo("WFS");
        assertThat(RequestKind.of(get("/ows", "SERVICE", "<junk>"))).extracting(RequestKind::service).isEqualTo("OWS");
        assertThat(RequestKind.of(get("/wmts/1.0.0/obs:communes/default/WebMercatorQuad/1/0/0.png", "a", "b")))
                .isEqualTo(new RequestKind("WMTS", "GetTile"));
        assertThat(RequestKind.of(get("/ogcapi/collections/x/items", "a", "b")))
                .isEqualTo(new RequestKind("ogcapi", "collections"));
        assertThat(RequestKind.of(get("/rest/anything", "a", "b"))).isEqualTo(new RequestKind("rest", "other"));
    }

    /** Tomcat rejects a request line it cannot read before it sets the URI: the access log still gets a kind. */
    @Test
    void aRequestWithoutUriIsOther() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRequestURI(null);
        assertThat(RequestKind.of(request)).isEqualTo(new RequestKind("other", "none"));
    }

    private static MockHttpServletRequest get(String path, String name, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.addParameter(name, value);
        return request;
    }
}
