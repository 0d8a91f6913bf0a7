package fr.yseraa.observatory.server.security;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Which web pages of other origins may read our answers (CORS, Fetch standard, 3.2), the same for the main port
 * ({@link CorsFilter}) and the tile endpoint:
 * <ul>
 * <li>an anonymous request to a public endpoint (anything but the admin API) gets {@code Access-Control-Allow-Origin: *}:
 * a page elsewhere may read what anybody may read, nothing more;</li>
 * <li>a request that carries credentials (Authorization, an API key) gets an allowance only from an origin listed in
 * {@code data-dir/security/cors.yaml}: {@code Access-Control-Allow-Origin: <that origin>} and
 * {@code Access-Control-Allow-Credentials: true}, never {@code *}; from any other origin it is answered as usual
 * but with no allowance, so the browser keeps the answer from the page;</li>
 * <li>a listed origin gets its own name and the credentials allowance on every answer (the admin API included),
 * so {@code fetch(..., {credentials: "include"})} works from there;</li>
 * <li>a preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered 204 whatever it asks,
 * before any credentials are checked; it allows the credential headers only to listed origins;</li>
 * <li>{@code Vary: Origin} whenever origins are listed, since the answer then depends on the origin.</li>
 * </ul>
 */
public final class CorsPolicy {

    /** The request headers a page may send: the credential headers only from listed origins. */
    static final List<String> HEADERS = List.of("Accept", "Accept-Language", "Content-Type", "If-Modified-Since",
            "If-None-Match");
    static final List<String> CREDENTIAL_HEADERS = List.of("Authorization", "X-API-Key");
    /** The answer headers a page may read beyond the safelisted ones. */
    static final String EXPOSED = "ETag, Last-Modified, X-Tile-Cache, Content-Disposition, Retry-After, "
            + "WWW-Authenticate";
    static final int MAX_AGE_SECONDS = 3600;

    /** The admin API: no allowance but to listed origins. */
    private static final List<String> ADMIN_PREFIXES = List.of("/rest/users/", "/rest/tiles/");

    private final Set<String> allowedOrigins;

    public CorsPolicy(Set<String> allowedOrigins) {
        allowedOrigins.forEach(CorsPolicy::checkOrigin);
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** The policy of a data directory: {@code security/cors.yaml}, no listed origin when absent. */
    public static CorsPolicy load(Path dataDir) {
        Path file = dataDir.resolve("security/cors.yaml");
        if (!Files.exists(file)) {
            return new CorsPolicy(Set.of());
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            Object list = root instanceof Map<?, ?> map ? map.get("credentialed-origins") : root;
            Set<String> origins = new LinkedHashSet<>();
            if (list instanceof List<?> entries) {
                entries.forEach(o -> origins.add(String.valueOf(o)));
            } else if (list != null) {
                throw new IllegalArgumentException("expected 'credentialed-origins:' followed by a list of origins");
            }
            return new CorsPolicy(origins);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    /** An origin is scheme://host[:port], as browsers send it in the Origin header. */
    private static void checkOrigin(String origin) {
        URI u = URI.create(origin);
        if (u.getScheme() == null || u.getHost() == null || !(u.getPath() == null || u.getPath().isEmpty())
                || u.getQuery() != null || !origin.equals(origin.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not an origin (scheme://host[:port], lower case, no path): " + origin);
        }
    }

    /** Whether a request is a CORS preflight (Fetch standard, 3.2.2). */
    public static boolean isPreflight(String method, String origin, String requestMethod) {
        return "OPTIONS".equals(method) && origin != null && requestMethod != null;
    }

    /**
     * The CORS headers of an answer.
     *
     * @param origin the Origin header, or null
     * @param credentialed whether the request carries credentials (Authorization, an API key)
     */
    public Map<String, String> answerHeaders(String path, String origin, boolean credentialed) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (listed(origin)) {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Access-Control-Allow-Credentials", "true");
        } else if (!credentialed && !admin(path)) {
            headers.put("Access-Control-Allow-Origin", "*");
        }
        if (headers.containsKey("Access-Control-Allow-Origin")) {
            headers.put("Access-Control-Expose-Headers", EXPOSED);
        }
        if (!allowedOrigins.isEmpty()) {
            headers.put("Vary", "Origin");
        }
        return headers;
    }

    /**
     * The headers of the 204 answer to a preflight.
     *
     * @param methods the methods the endpoint answers ("GET, HEAD, POST")
     */
    public Map<String, String> preflightHeaders(String path, String origin, String methods) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (listed(origin)) {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Access-Control-Allow-Credentials", "true");
            headers.put("Access-Control-Allow-Headers", String.join(", ", CREDENTIAL_HEADERS) + ", "
                    + String.join(", ", HEADERS));
        } else if (!admin(path)) {
            headers.put("Access-Control-Allow-Origin", "*");
            headers.put("Access-Control-Allow-Headers", String.join(", ", HEADERS));
        }
        if (headers.containsKey("Access-Control-Allow-Origin")) {
            headers.put("Access-Control-Allow-Methods", methods);
            headers.put("Access-Control-Max-Age", Integer.toString(MAX_AGE_SECONDS));
        }
        if (!allowedOrigins.isEmpty()) {
            headers.put("Vary", "Origin");
        }
        return headers;
    }

    private boolean listed(String origin) {
        return origin != null && allowedOrigins.contains(origin.toLowerCase(Locale.ROOT));
    }

    /** The admin API: users and keys, the tile cache's controls, the change notices. */
    static boolean admin(String path) {
        String p = path.endsWith("/") ? path : path + "/";
        return ADMIN_PREFIXES.stream().anyMatch(p::startsWith)
                || p.startsWith("/rest/layers/") && p.endsWith("/changed/");
    }

    /** A Vary header's value with the tokens of another added, each once. */
    public static String mergeVary(String existing, String added) {
        if (existing == null || existing.isBlank()) {
            return added;
        }
        Set<String> tokens = new LinkedHashSet<>();
        for (String t : (existing + "," + added).split(",")) {
            if (!t.isBlank() && tokens.stream().noneMatch(t.strip()::equalsIgnoreCase)) {
                tokens.add(t.strip());
            }
        }
        return String.join(", ", tokens);
    }
}
