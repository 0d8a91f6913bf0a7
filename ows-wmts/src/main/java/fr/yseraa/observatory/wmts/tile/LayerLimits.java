package fr.yseraa.observatory.wmts.tile;

import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.crs.EnvelopeTransformer;
import fr.yseraa.observatory.wmts.matrix.TileMatrix;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSet;
import fr.yseraa.observatory.wmts.matrix.TileRange;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Envelope;

/**
 * Where a layer has tiles in a tile matrix set: its extent grown by its own size on every side (room for what an
 * access policy shows coarser than the data, such as a whole département), in the set's CRS. Tiles outside are
 * TileOutOfRange, and the capabilities announce the same limits. Computed once per catalog version.
 */
public final class LayerLimits {

    private record Key(String layer, String matrixSet, long catalogVersion) {
    }

    private final EnvelopeTransformer envelopes;
    private final Map<Key, Envelope> areas = new ConcurrentHashMap<>();

    public LayerLimits(EnvelopeTransformer envelopes) {
        this.envelopes = envelopes;
    }

    /** The layer's area in the set's CRS, clipped to the matrices' extent. */
    public Envelope area(Catalog catalog, LayerInfo layer, TileMatrixSet set) {
        return areas.computeIfAbsent(new Key(layer.qualifiedName(), set.id(), catalog.updateSequence()), k -> {
            Envelope grown = new Envelope(layer.nativeBbox());
            grown.expandBy(Math.max(grown.getWidth(), grown.getHeight()) + 1000);
            Envelope world = set.matrices().get(0).extent();
            return envelopes.transform(grown, layer.srid(), set.srid()).intersection(world);
        });
    }

    /** The tiles of a matrix the layer has; null when none. */
    public TileRange range(Catalog catalog, LayerInfo layer, TileMatrixSet set, TileMatrix matrix) {
        return matrix.range(area(catalog, layer, set));
    }
}
