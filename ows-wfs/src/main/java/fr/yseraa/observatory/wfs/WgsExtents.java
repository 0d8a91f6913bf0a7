package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Envelope;

/**
 * WGS 84 extents of what each access level sees of each layer, computed by the feature repository (so the access
 * policy applies) once per catalog version and access level.
 */
public final class WgsExtents {

    private static final Envelope WORLD = new Envelope(-180, 180, -90, 90);
    private static final int MAX_ENTRIES = 10_000;
    private final Map<String, Envelope> cache = new ConcurrentHashMap<>();

    /** Longitude/latitude extent of the layer for the caller; the whole world when the caller sees nothing. */
    public Envelope of(FeatureTypes types, LayerInfo layer) {
        String level = types.repository().access(types.catalog(), layer, types.caller()).accessLevel();
        String key = types.catalog().updateSequence() + "|" + layer.qualifiedName() + "|" + level;
        if (cache.size() > MAX_ENTRIES) {
            cache.clear();
        }
        return cache.computeIfAbsent(key, k -> {
            Envelope e = types.repository().extent(types.catalog(), layer, 4326, types.caller());
            return e.isNull() ? WORLD : e;
        });
    }
}
