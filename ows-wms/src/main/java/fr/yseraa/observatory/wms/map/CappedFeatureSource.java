package fr.yseraa.observatory.wms.map;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsException;
import fr.yseraa.observatory.wms.WmsExceptionCode;
import fr.yseraa.observatory.wms.render.FeatureSource;
import fr.yseraa.observatory.wms.render.MapViewport;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;

/**
 * Features of a map's layers through the feature-access layer (so the caller's access policy applies): a bounding
 * box query in the map's CRS, reprojected by PostGIS, grown by a margin so that symbols of features just outside
 * the map still show their part inside. A layer that streams more than the cap aborts the map with a clear
 * exception rather than drawing for ever. TIME keeps the features whose time attribute it selects.
 */
public final class CappedFeatureSource implements FeatureSource {

    /** Pixels around the map in which features are still read, for symbols and labels across the edge. */
    static final int MARGIN_PIXELS = 32;

    private final MapRequest map;
    private final WmsContext context;
    private final Caller caller;

    public CappedFeatureSource(MapRequest map, WmsContext context, Caller caller) {
        this.map = map;
        this.context = context;
        this.caller = caller;
    }

    @Override
    public void features(LayerInfo layer, MapViewport viewport, Consumer<Feature> consumer) {
        stream(layer, viewport.worldWithMargin(MARGIN_PIXELS), consumer);
    }

    /** Streams the layer's features in an area of the map's CRS, capped and filtered on TIME. */
    public void stream(LayerInfo layer, Envelope area, Consumer<Feature> consumer) {
        int srid = map.crs().srid();
        FeatureQuery query = FeatureQuery.all(srid).withBbox(area, srid);
        String timeColumn = layer.definition().timeColumn();
        TimeSelection time = timeColumn == null ? null : map.time();
        int cap = context.settings().maxFeaturesPerLayer();
        int[] count = {0};
        context.features().stream(map.catalog(), layer, query, caller, feature -> {
            if (++count[0] > cap) {
                throw new WmsException(WmsExceptionCode.TOO_MANY_FEATURES, "layers", "Layer "
                        + layer.qualifiedName() + " has more than " + cap + " features in this area; zoom in"
                        + (timeColumn == null ? "" : " or narrow TIME"));
            }
            if (time == null || time.matches(feature.attributes().get(timeColumn))) {
                consumer.accept(feature);
            }
        });
    }
}
