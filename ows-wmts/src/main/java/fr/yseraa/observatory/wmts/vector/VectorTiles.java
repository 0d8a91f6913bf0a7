package fr.yseraa.observatory.wmts.vector;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.AttributeInfo;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.wmts.tile.TileFormat;
import fr.yseraa.observatory.wmts.tile.TileProvider;
import fr.yseraa.observatory.wmts.tile.TileRequest;
import fr.yseraa.observatory.wmts.tile.TileResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Envelope;

/**
 * Mapbox Vector Tiles of every layer on WebMercatorQuad, addressed OGC API Tiles style
 * ({@code collections/{layer}/tiles/WebMercatorQuad/{z}/{y}/{x}}): the WMTS tiles in
 * {@code application/vnd.mapbox-vector-tile}, through the same tile cache (per access level), built by PostGIS from
 * what the caller may see; and a TileJSON 3.0 document per layer. Framework-free: the server maps it to HTTP.
 */
public final class VectorTiles {

    public static final String MATRIX_SET = "WebMercatorQuad";
    public static final int MAX_ZOOM = 20;

    private final TileProvider tiles;
    private final FeatureRepository features;
    private final UnaryOperator<String> tileBase;

    /** @param tileBase the root URL of the RESTful tiles for the server's root URL a request reached */
    public VectorTiles(TileProvider tiles, FeatureRepository features, UnaryOperator<String> tileBase) {
        this.tiles = tiles;
        this.features = features;
        this.tileBase = tileBase;
    }

    /**
     * The tile as the caller sees it; empty when it lies outside the layer's limits (nothing there).
     *
     * @throws OwsException NotFound for a layer the caller may not read, InvalidParameterValue for a tile outside the
     *     matrix set's levels
     */
    public Optional<TileProvider.Tile> tile(Catalog catalog, Caller caller, String layer, int z, int y, int x) {
        LayerInfo info = readable(features.forCaller(catalog, caller), layer);
        if (z < 0 || z > MAX_ZOOM || x < 0 || y < 0 || x >= 1 << z || y >= 1 << z) {
            throw new OwsException(OwsExceptionCode.INVALID_PARAMETER_VALUE, "tile",
                    "Tile " + z + "/" + y + "/" + x + " is not in " + MATRIX_SET + " levels 0 to " + MAX_ZOOM);
        }
        try {
            return Optional.of(tiles.tile(new TileRequest(info.qualifiedName(), "", TileFormat.MVT, MATRIX_SET,
                    Integer.toString(z), Integer.toString(y), Integer.toString(x), null), caller));
        } catch (OwsException e) {
            if (e.code() == OwsExceptionCode.TILE_OUT_OF_RANGE) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The TileJSON 3.0 document of a layer as the caller sees it: its fields are the attributes the caller may see,
     * its bounds the extent of what the caller sees. Its {@code tiles} URL is the RESTful WMTS one of these same
     * tiles ({@code /wmts/1.0.0/{layer}/default/WebMercatorQuad/{z}/{y}/{x}.pbf}, the same cache entries) where the
     * capabilities send RESTful tile requests: the tile endpoint when the server has one, which serves exactly
     * those paths.
     *
     * @param baseUrl the server's root URL as the request reached it
     * @throws OwsException NotFound for a layer the caller may not read
     */
    public Map<String, Object> tileJson(Catalog catalog, Caller caller, String layer, String baseUrl) {
        CallerFeatures visible = features.forCaller(catalog, caller);
        LayerInfo info = readable(visible, layer);
        Map<String, String> fields = new LinkedHashMap<>();
        visible.access(info).attributeExpressions().keySet().forEach(name ->
                fields.put(name, info.attribute(name).map(AttributeInfo::sqlType).orElse("text")));
        Envelope extent = visible.wgs84Extent(info);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tilejson", "3.0.0");
        doc.put("name", info.qualifiedName());
        doc.put("description", info.title());
        doc.put("tiles", List.of(tileBase.apply(baseUrl) + "/wmts/1.0.0/" + info.qualifiedName() + "/"
                + TileResolver.DEFAULT_STYLE + "/" + MATRIX_SET + "/{z}/{y}/{x}." + TileFormat.MVT.extension()));
        doc.put("minzoom", 0);
        doc.put("maxzoom", MAX_ZOOM);
        if (!extent.isNull()) {
            doc.put("bounds", List.of(extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY()));
        }
        if (info.definition().attribution() != null) {
            doc.put("attribution", info.definition().attribution().title());
        }
        doc.put("vector_layers", List.of(Map.of("id", info.name(), "description", info.title(), "fields", fields)));
        return doc;
    }

    private static LayerInfo readable(CallerFeatures visible, String layer) {
        return visible.layer(layer).orElseThrow(() -> new OwsException(OwsExceptionCode.NOT_FOUND, "collectionId",
                "Collection " + layer + " does not exist"));
    }
}
