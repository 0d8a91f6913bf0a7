package fr.yseraa.observatory.wmts.cache;

import fr.yseraa.observatory.core.crs.EnvelopeTransformer;
import fr.yseraa.observatory.wmts.matrix.TileMatrix;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSet;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSets;
import java.util.HashMap;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/**
 * Forgets the cached tiles of a layer over an area, in every style, time, format, access level and tile matrix
 * set. A tile goes when its extent grown by the metatile gutter meets the area: symbols of a changed feature can
 * spill that far into a neighbouring tile.
 */
public final class TileInvalidator {

    private final TileCache cache;
    private final TileMatrixSets sets;
    private final EnvelopeTransformer envelopes;
    private final int gutter;

    public TileInvalidator(TileCache cache, TileMatrixSets sets, EnvelopeTransformer envelopes, int gutter) {
        this.cache = cache;
        this.sets = sets;
        this.envelopes = envelopes;
        this.gutter = gutter;
    }

    /** Every cached tile of the layer; returns how many files went. */
    public long truncate(String layer) {
        return cache.invalidate(layer, k -> true);
    }

    /**
     * The cached tiles of the layer over an area given in {@code srid}; returns how many files went.
     */
    public long invalidate(String layer, Envelope area, int srid) {
        Map<String, Envelope> inSet = new HashMap<>();
        for (TileMatrixSet set : sets.all()) {
            inSet.put(set.id(), envelopes.transform(area, srid, set.srid()));
        }
        return cache.invalidate(layer, key -> {
            TileMatrixSet set = sets.get(key.matrixSet()).orElse(null);
            TileMatrix m = set == null ? null : set.matrix(key.matrix()).orElse(null);
            if (m == null) {
                return true; // a set or level no longer defined: nothing can serve it, let it go
            }
            Envelope tile = m.tileEnvelope(key.row(), key.col());
            tile.expandBy(gutter * m.cellSize());
            return tile.intersects(inSet.get(set.id()));
        });
    }
}
