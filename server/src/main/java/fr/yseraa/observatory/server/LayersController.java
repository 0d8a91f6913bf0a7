package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.server.security.CallerFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.locationtech.jts.geom.Envelope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /rest/layers}: the layers the caller may read, as JSON, with what the caller sees of each: its count (counted
 * within {@code obs.count-budget-ms}, else null) and its extent (once per catalog version, as in the capabilities).
 */
@RestController
public class LayersController {

    private final CatalogService catalogs;
    private final FeatureRepository features;
    private final Duration countBudget;

    public LayersController(CatalogService catalogs, FeatureRepository features,
                            @Value("${obs.count-budget-ms}") long countBudgetMillis) {
        this.catalogs = catalogs;
        this.features = features;
        this.countBudget = Duration.ofMillis(countBudgetMillis);
    }

    /** A layer as listed; featureCount is null when counting took longer than the budget. */
    public record LayerSummary(String name, String workspace, String title, String abstractText, String geometryType,
                               int srid, Long featureCount, Bbox bbox) {
    }

    /** An extent in WGS 84 longitude/latitude, or null when the caller sees no feature. */
    public record Bbox(String crs, double minx, double miny, double maxx, double maxy) {
    }

    @GetMapping(path = "/rest/layers", produces = "application/json")
    public List<LayerSummary> layers(HttpServletRequest request) {
        CallerFeatures seen = features.forCaller(catalogs.catalog(), CallerFilter.callerOf(request));
        List<LayerSummary> out = new ArrayList<>();
        for (LayerInfo layer : seen.layers()) {
            OptionalLong count = seen.countWithin(layer, FeatureQuery.all(layer.srid()), countBudget);
            Envelope e = seen.wgs84Extent(layer);
            Bbox bbox = e.isNull() ? null : new Bbox("CRS:84", e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
            out.add(new LayerSummary(layer.qualifiedName(), layer.workspace().name(), layer.title(),
                    layer.abstractText(), layer.geometryType(), layer.srid(),
                    count.isPresent() ? count.getAsLong() : null, bbox));
        }
        return out;
    }
}
