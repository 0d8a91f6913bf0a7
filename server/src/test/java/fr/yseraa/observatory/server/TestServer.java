package fr.yseraa.observatory.server;

import fr.yseraa.observatory.devdb.DatabaseSettings;
import fr.yseraa.observatory.core.testing.TestPostgis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Settings for a server under test: a fresh PostGIS database, the project's catalog, a small demo. */
public final class TestServer {

    public static final Path ROOT = Path.of(System.getProperty("obs.project.root", "..")).toAbsolutePath().normalize();

    private TestServer() {
    }

    /** Registers a fresh database named after {@code name}, filled at start with a demo of that many occurrences. */
    public static void register(DynamicPropertyRegistry registry, String name, int occurrences) {
        DatabaseSettings db = TestPostgis.freshDatabase(name);
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("obs.data-dir", () -> ROOT.resolve("data-dir").toString());
        registry.add("obs.styles-dir", () -> ROOT.resolve("styles").toString());
        registry.add("obs.demo.occurrences", () -> Integer.toString(occurrences));
        registry.add("obs.demo.indicators", () -> "false"); // the tests of indicators turn it on: it takes seconds
        // Spring keeps every test class's server alive for reuse: idle, each keeps 2 connections, not its whole pool,
        // so that a dozen of them stay under the test cluster's max_connections
        registry.add("spring.datasource.hikari.minimum-idle", () -> "2");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
        registry.add("obs.tiles.port", () -> "0");
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
