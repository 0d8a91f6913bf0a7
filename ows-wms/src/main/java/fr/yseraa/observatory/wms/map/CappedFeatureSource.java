package fr.yseraa.observatory.wms.map;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsExceptionCode;
import fr.yseraa.observatory.wms.render.MapFeatureSource;
import fr.yseraa.observatory.wms.render.MapViewport;
import fr.yseraa.observatory.wms.render.SharedValueRules;
import fr.yseraa.observatory.wms.render.StyledLayer;
import fr.yseraa.observatory.wms.style.FeatureTypeStyle;
import fr.yseraa.observatory.wms.style.StyleProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;

/**
 * Features of a map's layers through the feature-access layer (so the caller's access policy applies): a bounding
 * box query in the map's CRS, reprojected by PostGIS (for drawing, interpolated between points it reprojected where
 * that holds), grown by a margin so that symbols of features just outside the map still show their part inside. A layer that streams more than the cap aborts the map with a clear
 * exception rather than drawing for ever. TIME and the vendor filters run in SQL. Density passes get grid cells
 * counted by PostGIS (or read from its precomputed grids) instead of features. A style's density pass that stands in
 * for too many features (its threshold, below the cap) stops the feature stream itself, in the renderer.
 */
public final class CappedFeatureSource implements MapFeatureSource {

    /** Pixels around the map in which features are still read, for symbols and labels across the edge. */
    public static final int MARGIN_PIXELS = 32;
    /**
     * Pixels within which a map's geometries from a layer of another CRS may be reprojected by interpolation (a grid
     * PostGIS checks over the map's box, see FeatureQuery#reprojectionTolerance).
     */
    static final double REPROJECTION_TOLERANCE_PIXELS = 0.125;

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

    /**
     * Only the attributes the style reads at the map's scale travel from the database, geometries generalised by PostGIS to half a
     * pixel (vertices nobody could see are dropped before the wire) and, from a layer of another CRS, reprojected by
     * interpolation within an eighth of a pixel where PostGIS checks that it holds, and an area that many rows share
     * (blurred occurrences) once for each set of values the style reads: the painter would draw it once anyway. Where the
     * access policy keeps such areas once and the values the rows of an area share decide the style, the areas are
     * read instead of their rows.
     */
    @Override
    public void features(StyledLayer styled, MapViewport viewport, Consumer<Feature> consumer) {
        LayerInfo layer = styled.layer();
        Set<String> visible = visibleAttributes(layer);
        List<String> wanted = new ArrayList<>();
        for (String p : StyleProperties.at(styled.style(), viewport.scaleDenominator())) {
            if (visible.contains(p)) { // an attribute the caller may not see labels nothing, as if it were null
                wanted.add(p);
            }
        }
        FeatureQuery query = query(styled, viewport.worldWithMargin(MARGIN_PIXELS), wanted)
                .withSimplification(viewport.pixelSize() / 2)
                .withReprojectionTolerance(viewport.pixelSize() * REPROJECTION_TOLERANCE_PIXELS)
                .withSharedAreasOnce(new SharedValueRules(styled.style(), viewport.scaleDenominator()));
        stream(styled, query, consumer);
    }

    /**
     * Streams the layer's features in an area of the map's CRS with every visible attribute, capped, on TIME and
     * the layer's vendor filter.
     */
    public void stream(StyledLayer styled, Envelope area, Consumer<Feature> consumer) {
        stream(styled, query(styled, area, null), consumer);
    }

    private void stream(StyledLayer styled, FeatureQuery query, Consumer<Feature> consumer) {
        LayerInfo layer = styled.layer();
        Envelope clipped = query.bbox().intersection(reach(layer));
        if (clipped.isNull()) {
            return; // nothing of the layer can be there: no query
        }
        int cap = context.settings().maxFeaturesPerLayer();
        int[] count = {0};
        FeatureQuery inReach = query.withBbox(clipped, query.bboxSrid());
        context.features().forCaller(map.catalog(), caller).stream(layer, inReach, feature -> {
            if (++count[0] > cap) {
                throw new OwsException(WmsExceptionCode.TOO_MANY_FEATURES, "layers", "Layer "
                        + layer.qualifiedName() + " has more than " + cap + " features in this area; zoom in"
                        + (layer.definition().timeColumn() == null ? "" : " or narrow TIME"));
            }
            consumer.accept(feature);
        });
    }

    /**
     * The layer's features counted by PostGIS per cell of a grid of the layer's CRS, under the caller's access policy,
     * TIME and the vendor filter (a precomputed grid answers when there is neither and one stands for the caller's
     * view): only cells travel, however many features there are, so no cap applies.
     */
    @Override
    public void cells(StyledLayer styled, MapViewport viewport, int cellPixels, Consumer<Feature> consumer) {
        LayerInfo layer = styled.layer();
        Envelope area = viewport.worldWithMargin(cellPixels).intersection(reach(layer));
        if (area.isNull()) {
            return;
        }
        double cellSize = cellSize(layer, area, viewport, cellPixels);
        if (!(cellSize > 0) || Double.isInfinite(cellSize)) {
            return; // the area has no extent in the layer's CRS: no cell to count
        }
        int[] n = {0};
        context.features().forCaller(map.catalog(), caller).countPerCell(layer, query(styled, area, List.of()), cellSize,
                (cell, count) -> consumer.accept(new Feature(layer.name() + ".cell." + ++n[0],
                        Map.of(FeatureTypeStyle.COUNT, count), cell)));
    }

    /**
     * A cell side in the layer's CRS units near the asked number of pixels: the power of two closest to it, so that
     * maps of the same resolution (the tiles of a zoom level) share one grid and their cells join, and so that the
     * size is a level of the precomputed grids (power-of-two cells nest, see FeatureRepository#countPerCell).
     */
    private double cellSize(LayerInfo layer, Envelope area, MapViewport viewport, int cellPixels) {
        Envelope inLayerCrs = context.envelopes().transform(area, map.crs().srid(), layer.srid());
        double pixel = inLayerCrs.getWidth() / (area.getWidth() / viewport.pixelSize());
        double wanted = cellPixels * pixel;
        return Math.scalb(1.0, (int) Math.round(Math.log(wanted) / Math.log(2)));
    }

    /** The query of a layer in an area of the map's CRS, with the vendor filter and TIME, both run by PostGIS. */
    private FeatureQuery query(StyledLayer styled, Envelope area, List<String> properties) {
        int srid = map.crs().srid();
        FeatureQuery query = new FeatureQuery(area, srid, srid, properties, List.of(), null, 0);
        List<Filter> filters = new ArrayList<>();
        if (styled.filter() != null) {
            filters.add(styled.filter());
        }
        String timeColumn = styled.layer().definition().timeColumn();
        if (timeColumn != null && map.time() != null) {
            // TIME on a date the caller may not see selects nothing
            filters.add(visibleAttributes(styled.layer()).contains(timeColumn) ? map.time().toFilter(timeColumn)
                    : new Filter.Exclude());
        }
        return filters.isEmpty() ? query : query.withFilter(Filter.and(filters),
                styled.filter() != null ? styled.filterLocator() : "time");
    }

    private Set<String> visibleAttributes(LayerInfo layer) {
        return context.features().forCaller(map.catalog(), caller).access(layer).attributeExpressions().keySet();
    }
}
