package fr.yseraa.observatory.server.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.catalog.AttributeInfo;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.feature.TileAddress;
import fr.yseraa.observatory.server.CatalogService;
import fr.yseraa.observatory.server.security.CallerFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.springframework.http.CacheControl;
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
 * layer (so the access policy shapes them), cached in memory per access level (never shared between levels) and
 * catalog version, with ETag / If-None-Match; and a TileJSON document per layer.
 */
@RestController
public class VectorTilesController {

    static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");
    static final int MAX_ZOOM = 20;

    private record TileKey(String layer, String accessLevel, long catalogVersion, TileAddress tile) {
    }

    private record CachedTile(byte[] bytes, String etag) {
    }

    private final CatalogService catalogs;
    private final FeatureRepository features;
    private final Cache<TileKey, CachedTile> cache = Caffeine.newBuilder()
            .maximumWeight(64L * 1024 * 1024).weigher((TileKey k, CachedTile t) -> t.bytes().length + 200).build();

    public VectorTilesController(CatalogService catalogs, FeatureRepository features) {
        this.catalogs = catalogs;
        this.features = features;
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
        TileAddress address = new TileAddress(z, x, y);
        LayerAccess access = features.access(catalog, info.get(), caller);
        CachedTile tile = cache.get(new TileKey(info.get().qualifiedName(), access.accessLevel(),
                catalog.updateSequence(), address), k -> encode(features.vectorTile(catalog, info.get(), address, caller)));
        CacheControl caching = "public".equals(access.accessLevel())
                ? CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic()
                : CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePrivate();
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (tile.etag().equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tile.etag()).cacheControl(caching).build();
        }
        if (tile.bytes().length == 0) {
            return ResponseEntity.noContent().eTag(tile.etag()).cacheControl(caching).build();
        }
        return ResponseEntity.ok().contentType(MVT).eTag(tile.etag()).cacheControl(caching).body(tile.bytes());
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
        features.access(catalog, l, caller).attributeExpressions().keySet().forEach(name ->
                fields.put(name, l.attribute(name).map(AttributeInfo::sqlType).orElse("text")));
        String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        Envelope e = features.extent(catalog, l, 4326, caller);
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
        return catalog.layer(name).filter(l -> features.access(catalog, l, caller).readable());
    }

    private static ResponseEntity<?> notFound(String layer) {
        return problem(HttpStatus.NOT_FOUND, "NotFound", "Collection " + layer + " does not exist");
    }

    private static ResponseEntity<?> problem(HttpStatus status, String code, String description) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("code", code, "description", description));
    }

    private static CachedTile encode(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new CachedTile(bytes, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
