package fr.yseraa.observatory.server;

import fr.yseraa.observatory.devdb.DatabaseSettings;
import fr.yseraa.observatory.core.testing.TestPostgis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Settings for a server under test: a fresh PostGIS database, the project's catalog, a small demo. */
public final class TestServer {

    public static final Path ROOT = Path.of(System.getProperty("obs.project.root", "..")).toAbsolutePath().normalize();

    private TestServer() {
    }

    /** Registers a fresh database named after {@code name}, filled at start with a demo of that many occurrences. */
    public static DatabaseSettings register(DynamicPropertyRegistry registry, String name, int occurrences) {
        return register(registry, name, occurrences, UnaryOperator.identity());
    }

    /**
     * As {@link #register(DynamicPropertyRegistry, String, int)}, the server reaching the database at the JDBC URL
     * {@code reach} makes of the database's own (e.g. through a relay the test controls).
     */
    public static DatabaseSettings register(DynamicPropertyRegistry registry, String name, int occurrences,
                                            UnaryOperator<String> reach) {
        DatabaseSettings db = TestPostgis.freshDatabase(name);
        String url = reach.apply(db.jdbcUrl());
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        // every test class's server stays cached until the JVM ends: keep idle connections few, so that the test
        // cluster's connections (max_connections=200) suffice for all of them
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
        registry.add("obs.data-dir", () -> ROOT.resolve("data-dir").toString());
        registry.add("obs.styles-dir", () -> ROOT.resolve("styles").toString());
        registry.add("obs.demo.occurrences", () -> Integer.toString(occurrences));
        registry.add("obs.demo.indicators", () -> "false"); // the tests of indicators turn it on: it takes seconds
        registry.add("obs.tiles.port", () -> "0");
        return db;
    }

    /** Copies a directory tree (e.g. the data directory, for a test that edits it). */
    public static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of an HTTP Basic {@code Authorization} header for this login and password. */
    public static String basicAuthorization(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
