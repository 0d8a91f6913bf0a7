package fr.yseraa.observatory.server.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Local role names ({@code data-dir/security/roles.yaml}) and the known role each stands for. */
public record RoleAliases(Map<String, String> aliases) {

    public static final Set<String> KNOWN = Set.of("partner", "instructor", "producer", "admin");

    public RoleAliases {
        aliases = Map.copyOf(aliases);
        aliases.forEach((local, known) -> {
            if (!KNOWN.contains(known)) {
                throw new IllegalArgumentException("role alias " + local + " stands for unknown role " + known
                        + " (known: " + String.join(", ", new TreeSet<>(KNOWN)) + ")");
            }
        });
    }

    /** The aliases of a data directory (none when it has no {@code security/roles.yaml}). */
    public static RoleAliases load(Path dataDir) {
        Path file = dataDir.resolve("security/roles.yaml");
        if (!Files.exists(file)) {
            return new RoleAliases(Map.of());
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            Map<String, String> aliases = new HashMap<>();
            if (root instanceof Map<?, ?> map && map.get("aliases") instanceof Map<?, ?> entries) {
                entries.forEach((k, v) -> aliases.put(String.valueOf(k), String.valueOf(v)));
            } else if (root != null) {
                throw new IllegalArgumentException("expected 'aliases:' followed by local-name: known-role lines");
            }
            return new RoleAliases(aliases);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    /** The stored roles plus the known roles they stand for. */
    public Set<String> expand(Set<String> stored) {
        Set<String> roles = new TreeSet<>(stored);
        stored.forEach(r -> {
            if (aliases.containsKey(r)) {
                roles.add(aliases.get(r));
            }
        });
        return roles;
    }
}
