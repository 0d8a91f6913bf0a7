package fr.yseraa.observatory.wmts.matrix;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tile matrix sets served, by identifier, in data-directory order. */
public final class TileMatrixSets {

    private final Map<String, TileMatrixSet> sets = new LinkedHashMap<>();

    public TileMatrixSets(Collection<TileMatrixSet> sets) {
        sets.forEach(s -> this.sets.put(s.id(), s));
    }

    public Optional<TileMatrixSet> get(String id) {
        return Optional.ofNullable(sets.get(id));
    }

    public List<TileMatrixSet> all() {
        return List.copyOf(sets.values());
    }
}
