package fr.yseraa.observatory.server.portal;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.ext.api.LayerFields;
import fr.yseraa.observatory.ext.api.TaxonNames;
import fr.yseraa.observatory.server.CatalogService;
import fr.yseraa.observatory.server.ErrorAnswers;
import fr.yseraa.observatory.server.ObservatoryProperties;
import fr.yseraa.observatory.server.security.CallerFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON the portal's map reads besides the OGC services, under the same access policy (what the caller sees):
 * {@code /api/taxons?q=} suggests the taxa present in the occurrences the caller may see ({@link TaxonNames}), with
 * the occurrence layers they were looked for in;
 * {@code /api/layers/{layer}/fields} gives the French labels of a layer's attributes and of their codes
 * ({@link LayerFields}), for feature info in words; {@code /api/basemaps} lists the external base maps the data
 * directory enables. Mistakes answer the JSON problem of {@link ErrorAnswers}.
 */
@RestController
public class PortalApiController {

    static final int MAX_SUGGESTIONS = 20;

    private final CatalogService catalogs;
    private final FeatureRepository features;
    private final BaseMaps baseMaps;

    public PortalApiController(CatalogService catalogs, FeatureRepository features, ObservatoryProperties properties) {
        this.catalogs = catalogs;
        this.features = features;
        this.baseMaps = BaseMaps.load(properties.dataDir());
    }

    /** The external base maps enabled in the data directory ({@link BaseMaps}); none by default. */
    @GetMapping(path = "/api/basemaps", produces = "application/json")
    public List<BaseMaps.BaseMap> baseMaps() {
        return baseMaps.enabled();
    }

    /** The occurrence layers the taxa were looked for in (those a taxon filter applies to), and the taxa found. */
    public record Taxa(List<String> layers, List<TaxonNames.Taxon> taxa) {
    }

    /** Without {@code q}, only the layers. */
    @GetMapping(path = "/api/taxons", produces = "application/json")
    public ResponseEntity<?> taxa(@RequestParam(name = "q", required = false) String text,
                                  @RequestParam(name = "limit", defaultValue = "10") String limit,
                                  HttpServletRequest request) {
        CallerFeatures seen = seen(request);
        List<String> layers = TaxonNames.layers(seen).stream().map(LayerInfo::qualifiedName).toList();
        if (text == null) {
            return ResponseEntity.ok(new Taxa(layers, List.of()));
        }
        if (text.strip().length() < 2) {
            return ErrorAnswers.problem(OwsException.invalidParameter("q", "Give at least two letters of a name"));
        }
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_SUGGESTIONS) {
            return ErrorAnswers.problem(OwsException.invalidParameter("limit",
                    "limit is a number from 1 to " + MAX_SUGGESTIONS));
        }
        return ResponseEntity.ok(new Taxa(layers, TaxonNames.suggest(seen, text, n)));
    }

    @GetMapping(path = "/api/layers/{layer}/fields", produces = "application/json")
    public ResponseEntity<?> fields(@PathVariable String layer, HttpServletRequest request) {
        CallerFeatures seen = seen(request);
        Optional<LayerInfo> info = seen.layer(layer);
        if (info.isEmpty()) {
            return ErrorAnswers.problem(404, "No layer " + layer + " that the caller may read");
        }
        return ResponseEntity.ok(LayerFields.of(seen, info.get()));
    }

    private CallerFeatures seen(HttpServletRequest request) {
        return features.forCaller(catalogs.catalog(), CallerFilter.callerOf(request));
    }
}
