package fr.yseraa.observatory.server.tiles;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.server.CatalogService;
import fr.yseraa.observatory.server.ErrorAnswers;
import fr.yseraa.observatory.server.security.AdminOnly;
import fr.yseraa.observatory.server.security.CallerFilter;
import fr.yseraa.observatory.wmts.cache.TileSeeder;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.locationtech.jts.geom.Envelope;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin REST API of the tile cache, for the admin role only (401 for the public, 403 for other users):
 * <ul>
 * <li>{@code POST /rest/tiles/seed} queues a seed job (of the public's tiles, or of an {@code accessLevel}'s),
 * {@code GET /rest/tiles/seed[/{id}]} shows progress, the whole and each replica's ({@link SeedJobs});</li>
 * <li>{@code DELETE /rest/tiles/{layer}[?bbox=minLon,minLat,maxLon,maxLat]} truncates a layer's tiles;</li>
 * <li>{@code POST /rest/layers/{layer}/changed} with {@code {"bbox": [minx, miny, maxx, maxy], "srid": 2154}}
 * (srid defaults to the layer's) invalidates the tiles over a changed area, for every access level.</li>
 * </ul>
 */
@RestController
public class TileCacheController {

    /** A changed area of a layer. */
    public record ChangedArea(double[] bbox, Integer srid) {
    }

    private final CatalogService catalogs;
    private final TileCacheSync sync;
    private final SeedJobs seedJobs;

    public TileCacheController(CatalogService catalogs, TileCacheSync sync, SeedJobs seedJobs) {
        this.catalogs = catalogs;
        this.sync = sync;
        this.seedJobs = seedJobs;
    }

    @PostMapping("/rest/tiles/seed")
    public ResponseEntity<?> seed(HttpServletRequest request, @RequestBody TileSeeder.SeedRequest body) {
        return asAdmin(request, () -> ResponseEntity.status(HttpStatus.ACCEPTED).body(seedJobs.submit(body,
                CallerFilter.callerOf(request).user())));
    }

    @GetMapping("/rest/tiles/seed")
    public ResponseEntity<?> seedJobs(HttpServletRequest request) {
        return asAdmin(request, () -> ResponseEntity.ok(seedJobs.all()));
    }

    @GetMapping("/rest/tiles/seed/{id}")
    public ResponseEntity<?> seedJob(HttpServletRequest request, @PathVariable long id) {
        return asAdmin(request, () -> seedJobs.job(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no seed job " + id)));
    }

    @DeleteMapping("/rest/tiles/{layer}")
    public ResponseEntity<?> truncate(HttpServletRequest request, @PathVariable String layer,
                                      @RequestParam(required = false) String bbox) {
        return asAdmin(request, () -> withLayer(layer, l -> {
            if (bbox == null) {
                return deleted(sync.truncate(l.qualifiedName()));
            }
            double[] v = numbers(bbox);
            if (v == null) {
                return error(HttpStatus.BAD_REQUEST, "bbox must be minLon,minLat,maxLon,maxLat");
            }
            return deleted(sync.invalidate(l.qualifiedName(), new Envelope(v[0], v[2], v[1], v[3]), 4326));
        }));
    }

    @PostMapping("/rest/layers/{layer}/changed")
    public ResponseEntity<?> changed(HttpServletRequest request, @PathVariable String layer,
                                     @RequestBody ChangedArea body) {
        return asAdmin(request, () -> withLayer(layer, l -> {
            double[] v = body.bbox();
            if (v == null || v.length != 4 || v[0] > v[2] || v[1] > v[3]) {
                return error(HttpStatus.BAD_REQUEST, "bbox must be [minx, miny, maxx, maxy]");
            }
            int srid = body.srid() == null ? l.srid() : body.srid();
            try {
                return deleted(sync.invalidate(l.qualifiedName(), new Envelope(v[0], v[2], v[1], v[3]),
                        srid));
            } catch (IllegalStateException e) {
                return error(HttpStatus.BAD_REQUEST, "the bbox cannot be read in SRID " + srid);
            }
        }));
    }

    private ResponseEntity<?> withLayer(String name, Function<LayerInfo, ResponseEntity<?>> work) {
        Optional<LayerInfo> layer = catalogs.catalog().layer(name);
        return layer.<ResponseEntity<?>>map(work).orElseGet(() -> error(HttpStatus.NOT_FOUND, "no layer " + name));
    }

    private static ResponseEntity<?> deleted(long files) {
        return ResponseEntity.ok(Map.of("deletedTiles", files));
    }

    private static double[] numbers(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            return null;
        }
        double[] v = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                v[i] = Double.parseDouble(parts[i].strip());
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return v[0] <= v[2] && v[1] <= v[3] ? v : null;
    }

    private static ResponseEntity<?> error(HttpStatus status, String message) {
        return ErrorAnswers.problem(status.value(), message);
    }

    private static ResponseEntity<?> asAdmin(HttpServletRequest request, AdminOnly.AdminWork work) {
        return AdminOnly.run(request, () -> {
            try {
                return work.run();
            } catch (OwsException e) {
                return ErrorAnswers.problem(e);
            }
        });
    }
}
