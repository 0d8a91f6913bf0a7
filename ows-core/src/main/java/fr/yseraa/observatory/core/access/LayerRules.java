package fr.yseraa.observatory.core.access;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who may read which layers ({@code data-dir/security/layers.yaml}): rules of a {@code workspace:layer} pattern
 * ({@code *} matches any run of characters) and the roles allowed; the first rule whose pattern matches decides.
 * A layer no rule matches is readable by nobody. The role {@code *} is everybody, the public included.
 */
public record LayerRules(List<Rule> rules) {

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
    }

    /** Everybody reads every layer: the rule of a data directory without security rules. */
    public static LayerRules openToAll() {
        return new LayerRules(List.of(new Rule("*", Set.of(EVERYBODY))));
    }

    public boolean mayRead(String qualifiedLayer, Caller caller) {
        for (Rule rule : rules) {
            if (rule.matches(qualifiedLayer)) {
                return rule.roles().contains(EVERYBODY) || rule.roles().stream().anyMatch(caller::hasRole);
            }
        }
        return false;
    }
}
