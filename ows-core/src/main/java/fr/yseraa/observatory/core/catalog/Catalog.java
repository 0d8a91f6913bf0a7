package fr.yseraa.observatory.core.catalog;

import fr.yseraa.observatory.core.access.AccessPolicy;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The single source of truth of what the server publishes: workspaces and checked layers, each with its access
 * policy. Immutable; a new catalog (with a greater update sequence) replaces it when the data directory changes.
 */
public final class Catalog {

    private final ServiceMetadata service;
    private final LayerRules rules;
    private final Map<String, Workspace> workspaces = new LinkedHashMap<>();
    private final Map<String, LayerInfo> layers = new LinkedHashMap<>();
    private final Map<String, AccessPolicy> policies;
    private final long updateSequence;

    public Catalog(ServiceMetadata service, Collection<Workspace> workspaces, Collection<LayerInfo> layers,
                   Map<String, AccessPolicy> policies, LayerRules rules, long updateSequence) {
        this.service = service;
        this.rules = rules;
        workspaces.forEach(w -> this.workspaces.put(w.name(), w));
        layers.forEach(l -> this.layers.put(l.qualifiedName(), l));
        this.policies = Map.copyOf(policies);
        this.updateSequence = updateSequence;
    }

    /** What capabilities documents say of the service provider. */
    public ServiceMetadata service() {
        return service;
    }

    public List<Workspace> workspaces() {
        return List.copyOf(workspaces.values());
    }

    public List<LayerInfo> layers() {
        return List.copyOf(layers.values());
    }

    /**
     * A layer by qualified name ({@code ws:name}) or, when unambiguous, by its bare name.
     */
    public Optional<LayerInfo> layer(String name) {
        LayerInfo qualified = layers.get(name);
        if (qualified != null || name.contains(":")) {
            return Optional.ofNullable(qualified);
        }
        List<LayerInfo> matches = new ArrayList<>();
        for (LayerInfo l : layers.values()) {
            if (l.name().equals(name)) {
                matches.add(l);
            }
        }
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** What a layer's metadata record says beyond what the catalog computes, service.yaml's defaults included. */
    public ResourceMetadata metadata(LayerInfo layer) {
        return layer.definition().metadata().orElse(service.metadata());
    }

    /** Whether the security rules let the caller read the layer (its policy then decides what the caller sees). */
    public boolean mayRead(LayerInfo layer, Caller caller) {
        return rules.mayRead(layer.qualifiedName(), caller);
    }

    /** Whether the security rules let the caller change (and lock) the layer's features. */
    public boolean mayWrite(LayerInfo layer, Caller caller) {
        return rules.mayWrite(layer.qualifiedName(), caller);
    }

    /** The access policy that governs a layer of this catalog. */
    public AccessPolicy policy(LayerInfo layer) {
        AccessPolicy policy = policies.get(layer.qualifiedName());
        if (policy == null) {
            throw new IllegalArgumentException("layer " + layer.qualifiedName() + " is not in the catalog");
        }
        return policy;
    }

    /**
     * The same catalog at another update sequence: what the server publishes is unchanged, but what is computed from
     * the data per catalog version (extents, time extents) is computed again.
     */
    public Catalog withUpdateSequence(long sequence) {
        return new Catalog(service, workspaces.values(), layers.values(), policies, rules, sequence);
    }

    /**
     * The catalog of one workspace's virtual service ({@code /{workspace}/wfs}): that workspace and its layers only,
     * under the same rules, policies and update sequence; empty when the catalog has no such workspace.
     */
    public Optional<Catalog> narrowedTo(String workspace) {
        Workspace kept = workspaces.get(workspace);
        if (kept == null) {
            return Optional.empty();
        }
        return Optional.of(new Catalog(service, List.of(kept),
                layers.values().stream().filter(l -> l.workspace().name().equals(workspace)).toList(), policies,
                rules, updateSequence));
    }

    /** Grows each time the catalog is reloaded with changes: the capabilities' UpdateSequence. */
    public long updateSequence() {
        return updateSequence;
    }
}
