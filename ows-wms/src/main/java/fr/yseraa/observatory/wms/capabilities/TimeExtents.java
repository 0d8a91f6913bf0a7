package fr.yseraa.observatory.wms.capabilities;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time extent of layers with a time column, computed from the data the caller may see through the feature
 * access layer, and cached per layer, access level and catalog version (the data of a catalog version is taken as
 * stable; a reload refreshes it).
 */
public final class TimeExtents {

    private final FeatureRepository features;
    private final Map<Key, Optional<TimeExtent>> cache = new ConcurrentHashMap<>();

    private record Key(String layer, String accessLevel, long updateSequence) {
    }

    public TimeExtents(FeatureRepository features) {
        this.features = features;
    }

    public Optional<TimeExtent> of(Catalog catalog, LayerInfo layer, Caller caller) {
        String column = layer.definition().timeColumn();
        if (column == null) {
            return Optional.empty();
        }
        LayerAccess access = features.forCaller(catalog, caller).access(layer);
        if (!access.attributeExpressions().containsKey(column)) {
            return Optional.empty();
        }
        Key key = new Key(layer.qualifiedName(), access.accessLevel(), catalog.updateSequence());
        return cache.computeIfAbsent(key, k -> compute(catalog, layer, caller, column));
    }

    private Optional<TimeExtent> compute(Catalog catalog, LayerInfo layer, Caller caller, String column) {
        LocalDateTime[] range = new LocalDateTime[2];
        FeatureQuery query = new FeatureQuery(null, layer.srid(), layer.srid(), List.of(column), List.of(), null, 0);
        features.forCaller(catalog, caller).stream(layer, query, f -> {
            LocalDateTime t = fr.yseraa.observatory.wms.map.TimeSelection.toDateTime(f.attributes().get(column));
            if (t != null) {
                range[0] = range[0] == null || t.isBefore(range[0]) ? t : range[0];
                range[1] = range[1] == null || t.isAfter(range[1]) ? t : range[1];
            }
        });
        return range[0] == null ? Optional.empty() : Optional.of(new TimeExtent(range[0], range[1]));
    }
}
