package fr.yseraa.observatory.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tile URLs the capabilities give for the URL a request reached. */
class TileEndpointUrlTest {

    @Test
    void theTilePortReplacesTheRequestsPortOnTheSameHost() {
        TileEndpoint endpoint = new TileEndpoint(0, "");
        assertThat(endpoint.baseFor("http://example.org:8080")).as("not started yet: the main port")
                .isEqualTo("http://example.org:8080");
        endpoint.bound(8081);
        assertThat(endpoint.baseFor("http://example.org:8080")).isEqualTo("http://example.org:8081");
        assertThat(endpoint.baseFor("https://example.org")).isEqualTo("https://example.org:8081");
        assertThat(endpoint.baseFor("http://[::1]:8080/ows-root")).isEqualTo("http://[::1]:8081/ows-root");
    }

    @Test
    void aPublicUrlWinsForServersBehindAProxy() {
        TileEndpoint endpoint = new TileEndpoint(8081, " https://tuiles.example.org/ ");
        endpoint.bound(8081);
        assertThat(endpoint.baseFor("http://localhost:8080")).isEqualTo("https://tuiles.example.org");
    }

    @Test
    void withoutATilePortTilesStayOnTheMainPort() {
        TileEndpoint endpoint = new TileEndpoint(-1, "");
        assertThat(endpoint.enabled()).isFalse();
        assertThat(endpoint.baseFor("http://example.org:8080")).isEqualTo("http://example.org:8080");
    }
}
