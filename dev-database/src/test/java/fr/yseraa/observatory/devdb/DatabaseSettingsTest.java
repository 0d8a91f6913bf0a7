package fr.yseraa.observatory.devdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void noDatabaseNamedMeansEmpty() {
        assertThat(DatabaseSettings.fromEnvironment(Map.of("HOME", "/root"))).isEmpty();
    }

    @Test
    void libpqStyleUrlBecomesJdbc() {
        DatabaseSettings s = DatabaseSettings.fromEnvironment(
                Map.of("DATABASE_URL", "postgres://alice:s%40cret@db.example:6543/obs?sslmode=require")).orElseThrow();
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/obs?sslmode=require");
        assertThat(s.user()).isEqualTo("alice");
        assertThat(s.password()).isEqualTo("s@cret");
        assertThat(s.toString()).doesNotContain("s@cret");
    }

    @Test
    void jdbcUrlTakesCredentialsFromPgVariables() {
        DatabaseSettings s = DatabaseSettings.fromEnvironment(Map.of("OBS_DATABASE_URL", "jdbc:postgresql://h/db",
                "PGUSER", "bob", "PGPASSWORD", "pw")).orElseThrow();
        assertThat(s).isEqualTo(new DatabaseSettings("jdbc:postgresql://h/db", "bob", "pw"));
    }

    @Test
    void pgVariablesWithDefaults() {
        DatabaseSettings s = DatabaseSettings.fromEnvironment(Map.of("PGHOST", "/var/run/postgresql",
                "PGDATABASE", "obs", "PGUSER", "carol")).orElseThrow();
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/obs");
        assertThat(s.user()).isEqualTo("carol");
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> DatabaseSettings.fromUrl("mysql://h/db", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("postgres");
    }
}
