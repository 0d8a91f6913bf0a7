package fr.yseraa.observatory.core.access;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who may read and who may write which layers ({@code data-dir/security/layers.yaml}): rules of a
 * {@code workspace:layer} pattern ({@code *} matches any run of characters) and the roles allowed; the first rule
 * whose pattern matches decides. A layer no rule matches is readable (writable) by nobody. The role {@code *} is
 * everybody, the public included. Writing also needs reading: a write rule never opens a layer its caller cannot read.
 *
 * @param rules who may read
 * @param writeRules who may write (insert, update, replace, delete through a WFS Transaction)
 */
public record LayerRules(List<Rule> rules, List<Rule> writeRules) {

    public static final String EVERYBODY = "*";

    /** One rule; its pattern is compiled once, as it is matched on every request. */
    public static final class Rule {

        private final String layerPattern;
        private final Set<String> roles;
        private final Pattern regex;

        public Rule(String layerPattern, Set<String> roles) {
            this.layerPattern = layerPattern;
            this.roles = Set.copyOf(roles);
            this.regex = Pattern.compile(Arrays.stream(layerPattern.split("\\*", -1)).map(Pattern::quote)
                    .collect(Collectors.joining(".*")));
        }

        public String layerPattern() {
            return layerPattern;
        }

        public Set<String> roles() {
            return roles;
        }

        boolean matches(String qualifiedLayer) {
            return regex.matcher(qualifiedLayer).matches();
        }
    }

    public LayerRules {
        rules = List.copyOf(rules);
        writeRules = List.copyOf(writeRules);
    }

    /** Read rules only: nobody may write. */
    public LayerRules(List<Rule> rules) {
        this(rules, List.of());
    }

    /** Everybody reads every layer: the rule of a data directory without security rules. */
    public static LayerRules openToAll() {
        return new LayerRules(List.of(new Rule("*", Set.of(EVERYBODY))));
    }

    public boolean mayRead(String qualifiedLayer, Caller caller) {
        return allowed(rules, qualifiedLayer, caller);
    }

    /** Whether the caller may write the layer: a write rule lets it, and it may read the layer. */
    public boolean mayWrite(String qualifiedLayer, Caller caller) {
        return allowed(writeRules, qualifiedLayer, caller) && mayRead(qualifiedLayer, caller);
    }

    private static boolean allowed(List<Rule> rules, String qualifiedLayer, Caller caller) {
        for (Rule rule : rules) {
            if (rule.matches(qualifiedLayer)) {
                return rule.roles().contains(EVERYBODY) || rule.roles().stream().anyMatch(caller::hasRole);
            }
        }
        return false;
    }
}
