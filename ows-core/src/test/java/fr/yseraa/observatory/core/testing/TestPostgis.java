package fr.yseraa.observatory.core.testing;

import fr.yseraa.observatory.devdb.DatabaseSettings;
import fr.yseraa.observatory.devdb.LocalPostgresCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real PostGIS the tests run against: the server the environment names (DATABASE_URL or PG* variables), or
 * else a private throw-away cluster under {@code .local/test-postgres} of the project, started on first use and
 * stopped when the JVM exits. Each call gives a new, empty database with PostGIS.
 */
public final class TestPostgis {

    private static LocalPostgresCluster cluster;
    private static DatabaseSettings admin;

    private TestPostgis() {
    }

    /** A fresh database named after the prefix, dropped when the JVM exits. */
    public static synchronized DatabaseSettings freshDatabase(String prefix) {
        String name = (prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36))
                .toLowerCase(Locale.ROOT);
        DatabaseSettings server = admin();
        execute(server, "CREATE DATABASE " + name);
        String url = server.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        DatabaseSettings db = new DatabaseSettings(url, server.user(), server.password());
        execute(db, "CREATE EXTENSION IF NOT EXISTS postgis");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException ignored) {
                // the cluster may already be stopping
            }
        }));
        return db;
    }

    public static DataSource dataSource(DatabaseSettings settings) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(settings.jdbcUrl());
        ds.setUser(settings.user());
        ds.setPassword(settings.password());
        return ds;
    }

    private static DatabaseSettings admin() {
        if (admin == null) {
            admin = DatabaseSettings.fromEnvironment(System.getenv()).orElseGet(TestPostgis::startCluster);
        }
        return admin;
    }

    private static DatabaseSettings startCluster() {
        Path root = Path.of(System.getProperty("obs.project.root", ".")).toAbsolutePath().normalize();
        cluster = new LocalPostgresCluster(root.resolve(".local/test-postgres"), LocalPostgresCluster.defaultBinDir(),
                List.of("fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=200"));
        DatabaseSettings settings = cluster.start("postgres");
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop));
        dropLeftovers(settings);
        return settings;
    }

    /** Databases earlier test runs left in the private test cluster (a killed JVM runs no shutdown hook). */
    private static void dropLeftovers(DatabaseSettings settings) {
        List<String> names = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
             Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(
                     "SELECT datname FROM pg_database WHERE datname NOT IN ('postgres') AND NOT datistemplate")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list test databases: " + e.getMessage(), e);
        }
        names.forEach(n -> execute(settings, "DROP DATABASE IF EXISTS \"" + n + "\" WITH (FORCE)"));
    }

    private static void execute(DatabaseSettings settings, String sql) {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
