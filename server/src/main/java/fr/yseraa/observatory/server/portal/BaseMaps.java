package fr.yseraa.observatory.server.portal;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The external base maps the portal's map may offer ({@code data-dir/portal/basemaps.yaml}): XYZ tile URLs in Web
 * Mercator, each off unless {@code enabled: true}, since the portal must work without internet access.
 *
 * @param enabled the base maps to offer, in the file's order
 */
public record BaseMaps(List<BaseMap> enabled) {

    /** One base map: its id, French title, XYZ URL template ({z}, {x}, {y}) and attribution. */
    public record BaseMap(String id, String title, String url, String attribution) {
    }

    public BaseMaps {
        enabled = List.copyOf(enabled);
    }

    /** The enabled base maps of a data directory (none when it has no {@code portal/basemaps.yaml}). */
    public static BaseMaps load(Path dataDir) {
        Path file = dataDir.resolve("portal/basemaps.yaml");
        if (!Files.exists(file)) {
            return new BaseMaps(List.of());
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            Object list = root instanceof Map<?, ?> map ? map.get("basemaps") : null;
            if (!(list instanceof List<?> entries)) {
                throw new IllegalArgumentException("expected 'basemaps:' followed by a list of base maps");
            }
            List<BaseMap> enabled = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Object entry : entries) {
                if (!(entry instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("a base map is a map of id, title, url, attribution, enabled");
                }
                BaseMap b = new BaseMap(text(m, "id"), text(m, "title"), text(m, "url"), text(m, "attribution"));
                check(b);
                if (!ids.add(b.id())) {
                    throw new IllegalArgumentException("base map " + b.id() + " listed twice");
                }
                if (Boolean.TRUE.equals(m.get("enabled"))) {
                    enabled.add(b);
                }
            }
            return new BaseMaps(enabled);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new IllegalArgumentException("a base map needs " + key);
        }
        return String.valueOf(v);
    }

    private static void check(BaseMap b) {
        if (!b.id().matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("base map id " + b.id() + ": lower-case letters, digits and '-' only");
        }
        String scheme = URI.create(b.url().replaceAll("[{}]", "")).getScheme();
        if (!("https".equals(scheme) || "http".equals(scheme))
                || !(b.url().contains("{z}") && b.url().contains("{x}") && b.url().contains("{y}"))) {
            throw new IllegalArgumentException("base map " + b.id() + ": url must be http(s) with {z}, {x} and {y}");
        }
    }
}
