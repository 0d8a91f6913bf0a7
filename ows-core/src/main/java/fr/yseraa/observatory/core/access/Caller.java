package fr.yseraa.observatory.core.access;

import java.util.Set;

/**
 * Who is asking. Every feature query carries one, so no service can read data without its access policy.
 *
 * @param user the user name, or null for the public
 * @param roles the roles granted to the user
 * @param organisationId the organisation the user belongs to, or null
 */
public record Caller(String user, Set<String> roles, Integer organisationId) {

    public static final String ANONYMOUS_ROLE = "anonymous";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public Caller(String user, Set<String> roles) {
        this(user, roles, null);
    }

    public static Caller anonymous() {
        return new Caller(null, Set.of(ANONYMOUS_ROLE), null);
    }

    public boolean isAnonymous() {
        return user == null;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
