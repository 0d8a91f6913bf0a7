package fr.yseraa.observatory.server.tiles;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.server.CatalogService;
import fr.yseraa.observatory.server.ErrorAnswers;
import fr.yseraa.observatory.server.security.CallerFilter;
import fr.yseraa.observatory.wmts.ogcapi.OgcApiTiles;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The OGC API - Tiles documents ({@link OgcApiTiles}, in ows-wmts): the tile matrix sets, and each collection's
 * vector and map tilesets, whose tiles are those of {@link VectorTilesController} and of the RESTful WMTS.
 */
@RestController
public class OgcApiTilesController {

    private final CatalogService catalogs;
    private final OgcApiTiles tiles;

    public OgcApiTilesController(CatalogService catalogs, OgcApiTiles tiles) {
        this.catalogs = catalogs;
        this.tiles = tiles;
    }

    @GetMapping(path = "/ogcapi/tileMatrixSets", produces = "application/json")
    public Map<String, Object> tileMatrixSets(HttpServletRequest request) {
        return tiles.tileMatrixSets(base(request) + "/ogcapi");
    }

    @GetMapping(path = "/ogcapi/tileMatrixSets/{id}", produces = "application/json")
    public Map<String, Object> tileMatrixSet(@PathVariable String id) {
        return tiles.tileMatrixSet(id);
    }

    @GetMapping(path = "/ogcapi/collections/{collectionId}/tiles", produces = "application/json")
    public Map<String, Object> vectorTilesets(@PathVariable String collectionId, HttpServletRequest request) {
        return tiles.tilesets(catalogs.catalog(), CallerFilter.callerOf(request), collectionId, false,
                base(request) + "/ogcapi", base(request));
    }

    @GetMapping(path = "/ogcapi/collections/{collectionId}/tiles/WebMercatorQuad", produces = "application/json")
    public Map<String, Object> vectorTileset(@PathVariable String collectionId, HttpServletRequest request) {
        return tiles.vectorTileset(catalogs.catalog(), CallerFilter.callerOf(request), collectionId,
                base(request) + "/ogcapi", base(request));
    }

    @GetMapping(path = "/ogcapi/collections/{collectionId}/map/tiles", produces = "application/json")
    public Map<String, Object> mapTilesets(@PathVariable String collectionId, HttpServletRequest request) {
        return tiles.tilesets(catalogs.catalog(), CallerFilter.callerOf(request), collectionId, true,
                base(request) + "/ogcapi", base(request));
    }

    @GetMapping(path = "/ogcapi/collections/{collectionId}/map/tiles/{tileMatrixSetId}", produces = "application/json")
    public Map<String, Object> mapTileset(@PathVariable String collectionId, @PathVariable String tileMatrixSetId,
                                          HttpServletRequest request) {
        return tiles.mapTileset(catalogs.catalog(), CallerFilter.callerOf(request), collectionId, tileMatrixSetId,
                base(request) + "/ogcapi", base(request));
    }

    /** An unknown collection or tile matrix set as a JSON problem body. */
    @ExceptionHandler(OwsException.class)
    public ResponseEntity<Map<String, String>> refused(OwsException e) {
        return ErrorAnswers.problem(e);
    }

    private static String base(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }
}
