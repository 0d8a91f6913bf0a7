package fr.yseraa.observatory.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CORS policy on its own: its file, which paths are the admin API's, Vary. */
class CorsPolicyTest {

    @Test
    void theProjectsDataDirectoryListsNoOrigin() {
        CorsPolicy policy = CorsPolicy.load(TestServer.ROOT.resolve("data-dir"));
        assertThat(policy.answerHeaders("/wfs", "https://portail.example.org", false))
                .containsEntry("Access-Control-Allow-Origin", "*").doesNotContainKey("Vary");
        assertThat(policy.answerHeaders("/wfs", "https://portail.example.org", true)).isEmpty();
    }

    @Test
    void theFileIsCheckedAtStart(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("security"));
        assertThat(CorsPolicy.load(dir).answerHeaders("/wms", null, false))
                .containsEntry("Access-Control-Allow-Origin", "*");
        Files.writeString(dir.resolve("security/cors.yaml"), "credentialed-origins:\n  - https://a.example.org:8443\n");
        assertThat(CorsPolicy.load(dir).answerHeaders("/wms", "https://a.example.org:8443", true))
                .containsEntry("Access-Control-Allow-Origin", "https://a.example.org:8443")
                .containsEntry("Access-Control-Allow-Credentials", "true").containsEntry("Vary", "Origin");
        for (String wrong : new String[] {"credentialed-origins: https://a.example.org\n",
                "credentialed-origins: [\"https://a.example.org/portal\"]\n",
                "credentialed-origins: [\"a.example.org\"]\n", "credentialed-origins: [\"https://A.example.org\"]\n"}) {
            Files.writeString(dir.resolve("security/cors.yaml"), wrong);
            assertThatThrownBy(() -> CorsPolicy.load(dir)).as(wrong).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cors.yaml");
        }
    }

    @Test
    void theAdminApiIsTold() {
        for (String admin : new String[] {"/rest/users", "/rest/users/keys/3", "/rest/tiles/seed",
                "/rest/tiles/obs:communes", "/rest/layers/obs:communes/changed"}) {
            assertThat(CorsPolicy.admin(admin)).as(admin).isTrue();
        }
        for (String open : new String[] {"/rest/layers", "/rest/usersguide", "/wfs", "/ogcapi/collections",
                "/rest/layers/obs:changed"}) {
            assertThat(CorsPolicy.admin(open)).as(open).isFalse();
        }
        CorsPolicy policy = new CorsPolicy(Set.of());
        assertThat(policy.answerHeaders("/rest/users", null, false)).isEmpty();
        assertThat(policy.preflightHeaders("/rest/users", "https://x.example.org", "GET")).isEmpty();
    }

    @Test
    void varyTokensAreMergedOnce() {
        assertThat(CorsPolicy.mergeVary(null, "Origin")).isEqualTo("Origin");
        assertThat(CorsPolicy.mergeVary("Authorization, X-API-Key", "Origin"))
                .isEqualTo("Authorization, X-API-Key, Origin");
        assertThat(CorsPolicy.mergeVary("Origin", "origin")).isEqualTo("Origin");
    }
}
