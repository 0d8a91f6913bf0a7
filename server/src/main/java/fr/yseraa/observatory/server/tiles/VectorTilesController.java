package fr.yseraa.observatory.server.tiles;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.AttributeInfo;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.server.CatalogService;
import fr.yseraa.observatory.server.security.CallerFilter;
import fr.yseraa.observatory.wmts.Wmts;
import fr.yseraa.observatory.wmts.tile.TileFormat;
import fr.yseraa.observatory.wmts.tile.TileProvider;
import fr.yseraa.observatory.wmts.tile.TileRequest;
import fr.yseraa.observatory.wmts.tile.TileResponseWriter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Mapbox Vector Tiles of every layer on WebMercatorQuad, OGC API Tiles style:
 * {@code /ogcapi/collections/{layer}/tiles/WebMercatorQuad/{z}/{y}/{x}}, built by PostGIS through the feature-access
 * layer (so the access policy shapes them), through the WMTS tile cache (disk and memory, per access level, never
 * shared between levels; the same tiles as WMTS GetTile in application/vnd.mapbox-vector-tile), with the same
 * caching headers and 304 answers ({@link TileResponseWriter}); a blank tile or one outside the layer's limits is
 * 204 No Content; and a TileJSON document per layer.
 */
@RestController
public class VectorTilesController {

    static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");
    static final int MAX_ZOOM = 20;

    private final CatalogService catalogs;
    private final FeatureRepository features;
    private final Wmts wmts;

    public VectorTilesController(CatalogService catalogs, FeatureRepository features, Wmts wmts) {
        this.catalogs = catalogs;
        this.features = features;
        this.wmts = wmts;
    }

    @GetMapping("/ogcapi/collections/{layer}/tiles/WebMercatorQuad/{z}/{y}/{x}")
    public ResponseEntity<?> tile(@PathVariable String layer, @PathVariable int z, @PathVariable int y, @PathVariable int x,
                                  HttpServletRequest request) {
        Catalog catalog = catalogs.catalog();
        Caller caller = CallerFilter.callerOf(request);
        Optional<LayerInfo> info = readable(catalog, layer, caller);
        if (info.isEmpty()) {
            return notFound(layer);
        }
        if (z < 0 || z > MAX_ZOOM || x < 0 || y < 0 || x >= 1 << z || y >= 1 << z) {
            return problem(HttpStatus.BAD_REQUEST, "InvalidParameterValue",
                    "Tile " + z + "/" + y + "/" + x + " is not in WebMercatorQuad levels 0 to " + MAX_ZOOM);
        }
        TileProvider.Tile tile;
        try {
            tile = wmts.service().tiles().tile(new TileRequest(info.get().qualifiedName(), "", TileFormat.MVT,
                    "WebMercatorQuad", Integer.toString(z), Integer.toString(y), Integer.toString(x), null), caller);
        } catch (OwsException e) {
            if (e.code() == OwsExceptionCode.TILE_OUT_OF_RANGE) {
                return ResponseEntity.noContent().build(); // outside the layer's limits: nothing there
            }
            throw e;
        }
        TileResponseWriter writer = wmts.service().tileWriter();
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
    public ResponseEntity<?> tileJson(@PathVariable String layer, HttpServletRequest request) {
        Catalog catalog = catalogs.catalog();
        Caller caller = CallerFilter.callerOf(request);
        Optional<LayerInfo> info = readable(catalog, layer, caller);
        if (info.isEmpty()) {
            return notFound(layer);
        }
        LayerInfo l = info.get();
        Map<String, String> fields = new LinkedHashMap<>();
        features.forCaller(catalog, caller).access(l).attributeExpressions().keySet().forEach(name ->
                fields.put(name, l.attribute(name).map(AttributeInfo::sqlType).orElse("text")));
        String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        Envelope e = features.forCaller(catalog, caller).wgs84Extent(l);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tilejson", "3.0.0");
        doc.put("name", l.qualifiedName());
        doc.put("description", l.title());
        doc.put("tiles", List.of(base + "/ogcapi/collections/" + l.qualifiedName() + "/tiles/WebMercatorQuad/{z}/{y}/{x}"));
        doc.put("minzoom", 0);
        doc.put("maxzoom", MAX_ZOOM);
        if (!e.isNull()) {
            doc.put("bounds", List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()));
        }
        if (l.definition().attribution() != null) {
            doc.put("attribution", l.definition().attribution().title());
        }
        doc.put("vector_layers", List.of(Map.of("id", l.name(), "description", l.title(), "fields", fields)));
        return ResponseEntity.ok(doc);
    }

    private Optional<LayerInfo> readable(Catalog catalog, String name, Caller caller) {
        return features.forCaller(catalog, caller).layer(name);
    }

    private static ResponseEntity<?> notFound(String layer) {
        return problem(HttpStatus.NOT_FOUND, "NotFound", "Collection " + layer + " does not exist");
    }

    private static ResponseEntity<?> problem(HttpStatus status, String code, String description) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("code", code, "description", description));
    }
}
