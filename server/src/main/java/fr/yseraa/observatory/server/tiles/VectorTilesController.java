package fr.yseraa.observatory.server.tiles;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.server.CatalogService;
import fr.yseraa.observatory.server.ErrorAnswers;
import fr.yseraa.observatory.server.security.CallerFilter;
import fr.yseraa.observatory.wmts.Wmts;
import fr.yseraa.observatory.wmts.tile.TileProvider;
import fr.yseraa.observatory.wmts.tile.TileResponseWriter;
import fr.yseraa.observatory.wmts.vector.VectorTiles;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The HTTP face of the vector tiles ({@link VectorTiles}, in ows-wmts):
 * {@code /ogcapi/collections/{layer}/tiles/WebMercatorQuad/{z}/{y}/{x}} with the tile cache's caching headers and 304
 * answers ({@link TileResponseWriter}), 204 No Content for a blank tile or one outside the layer's limits, the
 * TileJSON document beside them, and refusals as a JSON problem body.
 */
@RestController
public class VectorTilesController {

    static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");

    private final CatalogService catalogs;
    private final VectorTiles vectorTiles;
    private final TileResponseWriter writer;

    public VectorTilesController(CatalogService catalogs, Wmts wmts) {
        this.catalogs = catalogs;
        this.vectorTiles = wmts.vectorTiles();
        this.writer = wmts.service().tileWriter();
    }

    @GetMapping("/ogcapi/collections/{layer}/tiles/WebMercatorQuad/{z}/{y}/{x}")
    public ResponseEntity<?> tile(@PathVariable String layer, @PathVariable int z, @PathVariable int y, @PathVariable int x,
                                  HttpServletRequest request) {
        Optional<TileProvider.Tile> found = vectorTiles.tile(catalogs.catalog(), CallerFilter.callerOf(request), layer,
                z, y, x);
        if (found.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        TileProvider.Tile tile = found.get();
        HttpHeaders headers = new HttpHeaders();
        writer.headers(tile).forEach(headers::set);
        if (writer.notModified(tile, TileResponseWriter.Conditions.of(request::getHeader))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
        }
        if (tile.content().blank()) {
            return ResponseEntity.noContent().headers(headers).build();
        }
        return ResponseEntity.ok().contentType(MVT).headers(headers).body(tile.content().bytes());
    }

    @GetMapping(path = "/ogcapi/collections/{layer}/tiles/WebMercatorQuad/tilejson", produces = "application/json")
    public Map<String, Object> tileJson(@PathVariable String layer, HttpServletRequest request) {
        String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        return vectorTiles.tileJson(catalogs.catalog(), CallerFilter.callerOf(request), layer, base);
    }

    /** A refusal (unknown collection, tile outside the levels) as a JSON problem body with the exception's status. */
    @ExceptionHandler(OwsException.class)
    public ResponseEntity<Map<String, String>> refused(OwsException e) {
        return ErrorAnswers.problem(e);
    }
}
