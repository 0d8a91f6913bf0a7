package fr.yseraa.observatory.wms;

import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.crs.EnvelopeTransformer;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.WorkspaceCatalog;
import fr.yseraa.observatory.wms.style.StyleRepository;
import java.util.function.Supplier;

/** What the WMS operations share: the current catalog, feature access, styles, envelope reprojection, limits. */
public record WmsContext(Supplier<Catalog> catalog, FeatureRepository features, StyleRepository styles,
                         EnvelopeTransformer envelopes, WmsSettings settings) {

    /** The catalog a request is answered from: the whole one, or at a workspace's virtual endpoint its part. */
    public Catalog catalog(OwsRequest request) {
        return WorkspaceCatalog.of(catalog.get(), request.workspace());
    }
}
