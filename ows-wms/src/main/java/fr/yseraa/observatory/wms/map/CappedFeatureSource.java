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
import fr.yseraa.observatory.wms.render.StyledLayer;
import fr.yseraa.observatory.wms.style.StyleProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    /**
     * Where the layer's features can be, in the map's CRS: its extent grown by its own size on every side (room for
     * geometries an access policy shows coarser than the data, such as a whole département). Clipping the query to it
     * keeps PostGIS from reprojecting boxes its projections cannot hold (a world map in Lambert-93).
     */
    private Envelope reach(LayerInfo layer) {
        Envelope grown = new Envelope(layer.nativeBbox());
        grown.expandBy(Math.max(grown.getWidth(), grown.getHeight()) + 1000);
        return context.envelopes().transform(grown, layer.srid(), map.crs().srid());
    }

    /** Only the attributes the style reads (and the time column) travel from the database. */
    @Override
    public void features(StyledLayer styled, MapViewport viewport, Consumer<Feature> consumer) {
        LayerInfo layer = styled.layer();
        Set<String> visible = context.features().access(map.catalog(), layer, caller).attributeExpressions().keySet();
        List<String> wanted = new ArrayList<>();
        for (String p : StyleProperties.of(styled.style())) {
            if (visible.contains(p)) { // an attribute the caller may not see labels nothing, as if it were null
                wanted.add(p);
            }
        }
        String time = layer.definition().timeColumn();
        if (time != null && map.time() != null && visible.contains(time) && !wanted.contains(time)) {
            wanted.add(time);
        }
        stream(styled, viewport.worldWithMargin(MARGIN_PIXELS), wanted, consumer);
    }

    /**
     * Streams the layer's features in an area of the map's CRS with every visible attribute, capped, on TIME and
     * the layer's vendor filter.
     */
    public void stream(StyledLayer styled, Envelope area, Consumer<Feature> consumer) {
        stream(styled, area, null, consumer);
    }

    private void stream(StyledLayer styled, Envelope area, List<String> properties, Consumer<Feature> consumer) {
        LayerInfo layer = styled.layer();
        int srid = map.crs().srid();
        Envelope clipped = area.intersection(reach(layer));
        if (clipped.isNull()) {
            return; // nothing of the layer can be there: no query
        }
        FeatureQuery query = new FeatureQuery(clipped, srid, srid, properties, List.of(), null, 0);
        if (styled.filter() != null) {
            query = query.withFilter(styled.filter(), styled.filterLocator());
        }
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
