package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.PagePlan;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.OutputFormat;
import fr.yseraa.observatory.wfs.output.CollectionHeader;
import fr.yseraa.observatory.wfs.output.Encoders;
import fr.yseraa.observatory.wfs.output.FeatureEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Answers GetFeature: counts what each query matches (for numberMatched and paging) as far as the
 * {@link PagePlanner} affords, then streams the page from the repository straight into the encoder, capped at the
 * server's maximum feature count.
 */
public final class GetFeatureOperation {

    private final FeatureTypes types;
    private final int maxFeatures;
    private final PagePlanner planner;

    public GetFeatureOperation(FeatureTypes types, int maxFeatures, PagePlanner planner) {
        this.types = types;
        this.maxFeatures = maxFeatures;
        this.planner = planner;
    }

    public void execute(GetFeatureRequest request, OwsRequest raw, OwsResponse response) throws IOException {
        execute(request, raw, response, null);
    }

    /**
     * GetFeature, or GetFeatureWithLock when {@code pageLock} is given: the page is locked before it is written, and
     * the collection carries the lock's id and only the features it holds.
     */
    public void execute(GetFeatureRequest request, OwsRequest raw, OwsResponse response, PageLock pageLock)
            throws IOException {
        if (request.singleFeature() && pageLock == null) {
            single(request, raw, response);
            return;
        }
        OutputFormat format = request.format();
        if (format == OutputFormat.CSV && request.queries().size() > 1) {
            throw OwsException.invalidParameter("outputFormat", "CSV holds one feature type per request");
        }
        if (request.hits() && format == OutputFormat.CSV) {
            format = OutputFormat.defaultFor(request.version());
        }
        List<MatchingFeatures> sources = request.queries().stream().map(q -> MatchingFeatures.of(types, q)).toList();
        long count = request.count() == null ? maxFeatures : Math.min(request.count(), maxFeatures);
        PagePlan plan = planner.plan(sources, request.startIndex(), count, request.hits());
        String next = null;
        String previous = null;
        if (!raw.isXml()) {
            PagingLinks links = new PagingLinks(raw.serviceUrl(), raw.kvp().asMap());
            if (request.hits()) {
                next = links.firstResults(request.startIndex(), count, plan.matched().orElseThrow());
            } else {
                next = links.next(request.startIndex(), count, plan);
                previous = links.previous(request.startIndex(), count);
            }
        }
        List<LayerInfo> layers = request.queries().stream().map(TypeQuery::layer).toList();
        PageLock.Locked locked = pageLock == null ? null : pageLock.lock(sources, plan);
        CollectionHeader header = new CollectionHeader(layers, plan.matched(),
                locked == null ? plan.returned() : locked.returned(), next, previous,
                request.queries().isEmpty() ? null : request.queries().get(0).crs(), request.hits(),
                locked == null ? null : locked.lockId());
        response.setContentType(format.contentType());
        try (OutputStream out = response.body()) {
            FeatureEncoder encoder = Encoders.create(format, raw.serviceUrl(), out);
            encoder.start(header);
            for (int i = 0; i < sources.size(); i++) {
                PagePlan.Page page = plan.pages().get(i);
                if (page.limit() > 0) {
                    TypeQuery query = sources.get(i).query();
                    sources.get(i).stream(page.offset(), (int) page.limit(), f -> {
                        if (locked == null || locked.holds().test(f.id())) {
                            encoder.feature(query, f);
                        }
                    });
                }
            }
            encoder.end();
        }
    }

    /** GetFeatureById: the feature itself, or NotFound. */
    private void single(GetFeatureRequest request, OwsRequest raw, OwsResponse response) throws IOException {
        TypeQuery query = request.queries().get(0);
        Feature[] found = new Feature[1];
        MatchingFeatures.of(types, query).stream(0, 1, f -> found[0] = f);
        if (found[0] == null) {
            throw GetFeatureById.notFound();
        }
        response.setContentType(request.format().contentType());
        try (OutputStream out = response.body()) {
            Encoders.create(request.format(), raw.serviceUrl(), out).single(query, found[0]);
        }
    }
}
