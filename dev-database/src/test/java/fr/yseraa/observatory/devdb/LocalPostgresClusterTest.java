package fr.yseraa.observatory.devdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The private cluster keeps its data across a stop and a start, on the port it remembered. */
class LocalPostgresClusterTest {

    @Test
    void dataSurvivesRestart() throws Exception {
        Path folder = Path.of("target/cluster-test").toAbsolutePath();
        LocalPostgresCluster cluster = new LocalPostgresCluster(folder, LocalPostgresCluster.defaultBinDir(),
                List.of("fsync=off"));
        try {
            DatabaseSettings first = cluster.start("restart_test");
            try (Connection c = DriverManager.getConnection(first.jdbcUrl(), first.user(), first.password());
                 Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS kept");
                st.execute("CREATE TABLE kept (v text)");
                st.execute("INSERT INTO kept VALUES ('still here')");
            }
            cluster.stop();
            DatabaseSettings second = cluster.start("restart_test");
            assertThat(second).isEqualTo(first);
            try (Connection c = DriverManager.getConnection(second.jdbcUrl(), second.user(), second.password());
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still here");
            }
            assertThat(Files.readString(cluster.folder().resolve("password")).trim()).hasSize(36);
        } finally {
            cluster.stop();
        }
    }
}
