package fr.yseraa.observatory.core.access;

import java.util.Set;

/**
 * Who is asking. Every feature query carries one, so no service can read data without its access policy.
 *
 * @param user the user name, or null for the public
 * @param roles the roles granted to the user
 */
public record Caller(String user, Set<String> roles) {

    public static final String ANONYMOUS_ROLE = "anonymous";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public static Caller anonymous() {
        return new Caller(null, Set.of(ANONYMOUS_ROLE));
    }

    public boolean isAnonymous() {
        return user == null;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
