package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.catalog.Workspace;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsException;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The feature types one caller may read: layers the caller may not read answer as if they did not exist.
 */
public final class FeatureTypes {

    private final Catalog catalog;
    private final FeatureRepository repository;
    private final Caller caller;

    public FeatureTypes(Catalog catalog, FeatureRepository repository, Caller caller) {
        this.catalog = catalog;
        this.repository = repository;
        this.caller = caller;
    }

    public Catalog catalog() {
        return catalog;
    }

    public FeatureRepository repository() {
        return repository;
    }

    public Caller caller() {
        return caller;
    }

    /** Every layer the caller may read, in catalog order. */
    public List<LayerInfo> readable() {
        return catalog.layers().stream().filter(this::isReadable).toList();
    }

    private boolean isReadable(LayerInfo layer) {
        return repository.access(catalog, layer, caller).readable();
    }

    /**
     * The layer a type name names: {@code prefix:name} (the prefix is the workspace, or a prefix the request binds
     * to a workspace's namespace URI) or a bare name when unambiguous.
     *
     * @param namespaceOfPrefix the namespace URI the request binds a prefix to, or null when it binds none
     */
    public LayerInfo resolve(String typeName, UnaryOperator<String> namespaceOfPrefix, String locator) {
        String name = typeName.trim();
        Optional<LayerInfo> layer;
        int colon = name.indexOf(':');
        if (colon > 0) {
            String prefix = name.substring(0, colon);
            String local = name.substring(colon + 1);
            String uri = namespaceOfPrefix.apply(prefix);
            String workspace = uri == null ? prefix : catalog.workspaces().stream()
                    .filter(w -> w.namespaceUri().equals(uri)).map(Workspace::name).findFirst().orElse(prefix);
            layer = catalog.layer(workspace + ":" + local);
        } else {
            layer = catalog.layer(name);
        }
        return layer.filter(this::isReadable).orElseThrow(() -> OwsException.invalidParameter(locator,
                "Feature type " + name + " is not defined"));
    }

    /** The layer whose (bare) name is the prefix of a feature id, if the caller may read it. */
    public Optional<LayerInfo> byFeatureIdPrefix(String layerName) {
        return readable().stream().filter(l -> l.name().equals(layerName)).findFirst();
    }
}
