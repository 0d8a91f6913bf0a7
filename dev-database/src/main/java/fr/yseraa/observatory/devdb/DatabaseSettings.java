package fr.yseraa.observatory.devdb;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Where the PostGIS database is: a JDBC URL with its credentials.
 *
 * <p>Resolved from the environment the way PostgreSQL users expect: {@code OBS_DATABASE_URL} or
 * {@code DATABASE_URL} (either {@code jdbc:postgresql://...} or {@code postgres://user:pass@host:port/db}),
 * otherwise the libpq variables {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER},
 * {@code PGPASSWORD}. When none is set the caller is expected to start a private cluster.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    public DatabaseSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
    }

    /** The settings named by the environment, or empty when it names no database. */
    public static Optional<DatabaseSettings> fromEnvironment(Map<String, String> env) {
        String url = firstNonBlank(env.get("OBS_DATABASE_URL"), env.get("DATABASE_URL"));
        if (url != null) {
            return Optional.of(fromUrl(url, env.get("PGUSER"), env.get("PGPASSWORD")));
        }
        if (isBlank(env.get("PGHOST")) && isBlank(env.get("PGDATABASE"))) {
            return Optional.empty();
        }
        String host = env.getOrDefault("PGHOST", "localhost");
        if (isBlank(host) || host.startsWith("/")) {
            host = "localhost"; // a Unix socket directory: the JDBC driver speaks TCP only
        }
        String port = firstNonBlank(env.get("PGPORT"), "5432");
        String user = firstNonBlank(env.get("PGUSER"), System.getProperty("user.name"));
        String database = firstNonBlank(env.get("PGDATABASE"), user);
        return Optional.of(new DatabaseSettings(
                "jdbc:postgresql://" + host + ":" + port + "/" + database, user, env.get("PGPASSWORD")));
    }

    /** Parses a JDBC URL or a libpq-style {@code postgres://} URL. */
    public static DatabaseSettings fromUrl(String url, String defaultUser, String defaultPassword) {
        if (url.startsWith("jdbc:")) {
            return new DatabaseSettings(url, defaultUser, defaultPassword);
        }
        URI uri = URI.create(url);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("database URL must start with jdbc:postgresql:, postgres: or postgresql:");
        }
        String user = defaultUser;
        String password = defaultPassword;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : defaultPassword;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseSettings("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query,
                user, password);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + ", user=" + user + "]"; // never print the password
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstNonBlank(String a, String b) {
        return isBlank(a) ? (isBlank(b) ? null : b) : a;
    }
}
