package fr.yseraa.observatory.server.security;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.server.CatalogService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/me}: who the caller is (from the same credentials as the services: HTTP Basic or an API key) and what
 * it sees: its roles and, per layer it may read, the access level the access policy gives it ({@code public},
 * {@code partner}, {@code full}...). The portal's login checks credentials here; wrong ones get the usual 401.
 */
@RestController
public class MeController {

    private final CatalogService catalogs;
    private final FeatureRepository features;

    public MeController(CatalogService catalogs, FeatureRepository features) {
        this.catalogs = catalogs;
        this.features = features;
    }

    /** The caller; user is null for the public. */
    public record Me(String user, List<String> roles, Map<String, String> accessLevels) {
    }

    @GetMapping(path = "/api/me", produces = "application/json")
    public ResponseEntity<Me> me(HttpServletRequest request) {
        Caller caller = CallerFilter.callerOf(request);
        CallerFeatures seen = features.forCaller(catalogs.catalog(), caller);
        Map<String, String> levels = new TreeMap<>();
        for (LayerInfo layer : seen.layers()) {
            levels.put(layer.qualifiedName(), seen.access(layer).accessLevel());
        }
        List<String> roles = caller.isAnonymous() ? List.of() : List.copyOf(new TreeSet<>(caller.roles()));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new Me(caller.user(), roles, levels));
    }
}
