package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.server.security.CallerFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /rest/layers}: the layers the caller may read, as JSON, with what the caller sees of each (count and extent). */
@RestController
public class LayersController {

    private final CatalogService catalogs;
    private final FeatureRepository features;

    public LayersController(CatalogService catalogs, FeatureRepository features) {
        this.catalogs = catalogs;
        this.features = features;
    }

    /** A layer as listed. */
    public record LayerSummary(String name, String workspace, String title, String abstractText, String geometryType,
                               int srid, long featureCount, Bbox bbox) {
    }

    /** An extent in WGS 84 longitude/latitude, or null when the caller sees no feature. */
    public record Bbox(String crs, double minx, double miny, double maxx, double maxy) {
    }

    @GetMapping(path = "/rest/layers", produces = "application/json")
    public List<LayerSummary> layers(HttpServletRequest request) {
        Catalog catalog = catalogs.catalog();
        Caller caller = CallerFilter.callerOf(request);
        List<LayerSummary> out = new ArrayList<>();
        for (LayerInfo layer : catalog.layers()) {
            if (!features.access(catalog, layer, caller).readable()) {
                continue;
            }
            long count = features.count(catalog, layer, FeatureQuery.all(layer.srid()), caller);
            Envelope e = features.extent(catalog, layer, 4326, caller);
            Bbox bbox = e.isNull() ? null : new Bbox("CRS:84", e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
            out.add(new LayerSummary(layer.qualifiedName(), layer.workspace().name(), layer.title(),
                    layer.abstractText(), layer.geometryType(), layer.srid(), count, bbox));
        }
        return out;
    }
}
