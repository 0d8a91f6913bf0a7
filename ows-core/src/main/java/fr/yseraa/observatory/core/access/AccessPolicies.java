package fr.yseraa.observatory.core.access;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The access policies known to the server, by name: the open policy plus those extensions bring. */
public final class AccessPolicies {

    private final Map<String, AccessPolicy> byName = new LinkedHashMap<>();

    public AccessPolicies(Collection<? extends AccessPolicy> policies) {
        register(new OpenAccessPolicy());
        policies.forEach(this::register);
    }

    private void register(AccessPolicy policy) {
        AccessPolicy previous = byName.putIfAbsent(policy.name(), policy);
        if (previous != null && previous.getClass() != policy.getClass()) {
            throw new IllegalStateException("two access policies are named " + policy.name() + ": "
                    + previous.getClass().getName() + " and " + policy.getClass().getName());
        }
    }

    /** The policy of that name; null or blank names the open policy. */
    public Optional<AccessPolicy> find(String name) {
        return Optional.ofNullable(byName.get(name == null || name.isBlank() ? OpenAccessPolicy.NAME : name));
    }

    public Collection<String> names() {
        return byName.keySet();
    }
}
