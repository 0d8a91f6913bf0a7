package fr.yseraa.observatory.wmts.ogcapi;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.wmts.matrix.TileMatrix;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSet;
import fr.yseraa.observatory.wmts.matrix.TileMatrixSets;
import fr.yseraa.observatory.wmts.tile.TileFormat;
import fr.yseraa.observatory.wmts.tile.TileResolver;
import fr.yseraa.observatory.wmts.vector.VectorTiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The OGC API - Tiles documents of the tiles this module serves: the tile matrix sets in the OGC Two Dimensional Tile
 * Matrix Set 2.0 JSON encoding, and for each collection the caller may read its tilesets: the vector tiles
 * (WebMercatorQuad, {@code /ogcapi/collections/{id}/tiles/WebMercatorQuad/{z}/{y}/{x}}) and the map tiles in every
 * tile matrix set, whose URL templates are the RESTful WMTS ones (the same cache entries as the WMTS's).
 */
public final class OgcApiTiles {

    /**
     * The conformance classes these documents and tiles meet: OGC API - Tiles core (tiles at the templated URL,
     * 200 or 204 when empty, 400 outside the tile matrix), tileset, tilesets-list, geodata-tilesets (a collection's
     * vector and map tilesets), mvt and png; the tile matrix sets of TMS 2.0 in its JSON encoding.
     */
    public static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/png",
            "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
            "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset");

    private static final Set<String> REGISTERED = Set.of("WebMercatorQuad", "WorldCRS84Quad");
    static final String TILING_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";

    private final TileMatrixSets sets;
    private final FeatureRepository features;
    private final UnaryOperator<String> tileBase;

    /** @param tileBase the root URL of the RESTful tiles for the server's root URL a request reached */
    public OgcApiTiles(TileMatrixSets sets, FeatureRepository features, UnaryOperator<String> tileBase) {
        this.sets = sets;
        this.features = features;
        this.tileBase = tileBase;
    }

    /** {@code /tileMatrixSets}: each set's id, title and link. */
    public Map<String, Object> tileMatrixSets(String apiBase) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (TileMatrixSet set : sets.all()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", set.id());
            s.put("title", set.title());
            if (REGISTERED.contains(set.id())) {
                s.put("uri", uri(set));
            }
            s.put("crs", set.crsUri());
            s.put("links", List.of(link(apiBase + "/tileMatrixSets/" + set.id(), "self",
                    "application/json", set.title())));
            list.add(s);
        }
        return Map.of("tileMatrixSets", list);
    }

    /** {@code /tileMatrixSets/{id}} in the 2.0 JSON encoding; an unknown id answers 404. */
    public Map<String, Object> tileMatrixSet(String id) {
        TileMatrixSet set = matrixSet(id);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", set.id());
        doc.put("title", set.title());
        if (REGISTERED.contains(set.id())) {
            doc.put("uri", uri(set));
        }
        doc.put("crs", set.crsUri());
        doc.put("orderedAxes", set.srid() == 4326 ? List.of("Lon", "Lat") : List.of("E", "N"));
        if (set.wellKnownScaleSet() != null) {
            doc.put("wellKnownScaleSet", set.wellKnownScaleSet());
        }
        List<Map<String, Object>> matrices = new ArrayList<>();
        for (TileMatrix m : set.matrices()) {
            Map<String, Object> matrix = new LinkedHashMap<>();
            matrix.put("id", m.id());
            matrix.put("scaleDenominator", m.scaleDenominator());
            matrix.put("cellSize", m.cellSize());
            matrix.put("cornerOfOrigin", "topLeft");
            matrix.put("pointOfOrigin", List.of(m.left(), m.top()));
            matrix.put("tileWidth", m.tileWidth());
            matrix.put("tileHeight", m.tileHeight());
            matrix.put("matrixWidth", m.matrixWidth());
            matrix.put("matrixHeight", m.matrixHeight());
            matrices.add(matrix);
        }
        doc.put("tileMatrices", matrices);
        return doc;
    }

    /**
     * {@code /collections/{id}/tiles} (vector, the WebMercatorQuad tileset) or {@code /collections/{id}/map/tiles}
     * (map tiles, one tileset per tile matrix set).
     *
     * @param serverBase the server's root URL as the request reached it
     * @throws OwsException NotFound for a layer the caller may not read
     */
    public Map<String, Object> tilesets(Catalog catalog, Caller caller, String layer, boolean map, String apiBase,
                                        String serverBase) {
        LayerInfo info = readable(catalog, caller, layer);
        List<Map<String, Object>> list = new ArrayList<>();
        if (map) {
            for (TileMatrixSet set : sets.all()) {
                list.add(tileset(info, set, true, apiBase, serverBase));
            }
        } else {
            list.add(tileset(info, vectorSet(), false, apiBase, serverBase));
        }
        return Map.of("tilesets", list);
    }

    /** {@code /collections/{id}/tiles/WebMercatorQuad}: the vector tileset itself. */
    public Map<String, Object> vectorTileset(Catalog catalog, Caller caller, String layer, String apiBase,
                                             String serverBase) {
        return tileset(readable(catalog, caller, layer), vectorSet(), false, apiBase, serverBase);
    }

    /** {@code /collections/{id}/map/tiles/{tileMatrixSetId}}: one map tileset; an unknown set answers 404. */
    public Map<String, Object> mapTileset(Catalog catalog, Caller caller, String layer, String tileMatrixSetId,
                                          String apiBase, String serverBase) {
        LayerInfo info = readable(catalog, caller, layer);
        return tileset(info, matrixSet(tileMatrixSetId), true, apiBase, serverBase);
    }

    private TileMatrixSet matrixSet(String id) {
        return sets.get(id).orElseThrow(() -> new OwsException(OwsExceptionCode.NOT_FOUND, "tileMatrixSetId",
                "Tile matrix set " + id + " does not exist"));
    }

    private Map<String, Object> tileset(LayerInfo layer, TileMatrixSet set, boolean map, String apiBase,
                                        String serverBase) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("title", layer.title() + (map ? " (carte, " : " (tuiles vectorielles, ") + set.id() + ")");
        t.put("dataType", map ? "map" : "vector");
        t.put("crs", set.crsUri());
        if (REGISTERED.contains(set.id())) {
            t.put("tileMatrixSetURI", uri(set));
        }
        String collection = apiBase + "/collections/" + layer.qualifiedName();
        String template = map
                ? tileBase.apply(serverBase) + "/wmts/1.0.0/" + layer.qualifiedName() + "/" + TileResolver.DEFAULT_STYLE
                + "/" + set.id() + "/{tileMatrix}/{tileRow}/{tileCol}." + TileFormat.PNG.extension()
                : collection + "/tiles/" + set.id() + "/{tileMatrix}/{tileRow}/{tileCol}";
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(link(collection + (map ? "/map/tiles/" : "/tiles/") + set.id(), "self", "application/json",
                "Ce jeu de tuiles"));
        links.add(link(apiBase + "/tileMatrixSets/" + set.id(), TILING_SCHEME, "application/json", set.title()));
        Map<String, Object> item = link(template, "item", map ? TileFormat.PNG.mimeType()
                : "application/vnd.mapbox-vector-tile", "Tuiles");
        item.put("templated", true);
        links.add(item);
        t.put("links", links);
        return t;
    }

    private TileMatrixSet vectorSet() {
        return sets.get(VectorTiles.MATRIX_SET).orElseThrow(() -> new IllegalStateException(
                "the vector tiles need the tile matrix set " + VectorTiles.MATRIX_SET));
    }

    private LayerInfo readable(Catalog catalog, Caller caller, String layer) {
        return features.forCaller(catalog, caller).layer(layer).orElseThrow(() -> new OwsException(
                OwsExceptionCode.NOT_FOUND, "collectionId", "Collection " + layer + " does not exist"));
    }

    private static String uri(TileMatrixSet set) {
        return "http://www.opengis.net/def/tilematrixset/OGC/1.0/" + set.id();
    }

    private static Map<String, Object> link(String href, String rel, String type, String title) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("href", href);
        link.put("rel", rel);
        link.put("type", type);
        link.put("title", title);
        return link;
    }
}
