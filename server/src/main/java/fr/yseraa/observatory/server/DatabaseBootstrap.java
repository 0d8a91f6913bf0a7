package fr.yseraa.observatory.server;

import fr.yseraa.observatory.devdb.DatabaseSettings;
import fr.yseraa.observatory.devdb.LocalPostgresCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Finds the database: the one the environment names, or a private cluster started in {@code .local/postgres}
 * (or {@code $OBS_HOME/postgres}) whose data stays there between runs.
 */
final class DatabaseBootstrap {

    static final String DATABASE = "observatory";

    private final DatabaseSettings settings;
    private final LocalPostgresCluster cluster;

    private DatabaseBootstrap(DatabaseSettings settings, LocalPostgresCluster cluster) {
        this.settings = settings;
        this.cluster = cluster;
    }

    static DatabaseBootstrap fromEnvironment(Map<String, String> env) {
        return DatabaseSettings.fromEnvironment(env)
                .map(s -> new DatabaseBootstrap(s, null))
                .orElseGet(() -> {
                    String home = env.getOrDefault("OBS_HOME", ".local");
                    LocalPostgresCluster cluster = new LocalPostgresCluster(Path.of(home, "postgres"),
                            LocalPostgresCluster.defaultBinDir(),
                            List.of("shared_buffers=256MB", "max_wal_size=4GB", "maintenance_work_mem=256MB"));
                    return new DatabaseBootstrap(cluster.start(DATABASE), cluster);
                });
    }

    DatabaseSettings settings() {
        return settings;
    }

    /** Stops the private cluster if this run started it; the data stays. */
    void stop() {
        if (cluster != null) {
            cluster.stop();
        }
    }

    /** Hands the settings to Spring Boot's data source. */
    void exportToSpring() {
        System.setProperty("spring.datasource.url", settings.jdbcUrl());
        if (settings.user() != null) {
            System.setProperty("spring.datasource.username", settings.user());
        }
        if (settings.password() != null) {
            System.setProperty("spring.datasource.password", settings.password());
        }
    }
}
