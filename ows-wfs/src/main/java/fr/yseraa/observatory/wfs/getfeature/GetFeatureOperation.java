package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.PagePlan;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.OutputFormat;
import fr.yseraa.observatory.wfs.WfsSettings;
import fr.yseraa.observatory.wfs.output.CollectionHeader;
import fr.yseraa.observatory.wfs.output.Encoders;
import fr.yseraa.observatory.wfs.output.FeatureEncoder;
import fr.yseraa.observatory.wfs.output.file.FeatureFile;
import fr.yseraa.observatory.wfs.output.file.FeatureFiles;
import fr.yseraa.observatory.wfs.output.file.FileLayer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Answers GetFeature: counts what each query matches (for numberMatched and paging) as far as the
 * {@link PagePlanner} affords, then streams the page from the repository straight into the encoder, capped at the
 * server's maximum feature count. A page of one query in a format that gives its totals after the features, or none,
 * streams first: it is read one feature further to tell whether more follow, and counted beside its stream.
 */
public final class GetFeatureOperation {

    private final FeatureTypes types;
    private final int maxFeatures;
    private final Path spoolDirectory;
    private final PagePlanner planner;

    public GetFeatureOperation(FeatureTypes types, WfsSettings settings, PagePlanner planner) {
        this.types = types;
        this.maxFeatures = settings.maxFeatures();
        this.spoolDirectory = settings.spoolDirectory();
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
        if (request.hits() && (format == OutputFormat.CSV || format.isFile())) {
            format = OutputFormat.defaultFor(request.version());
        }
        List<MatchingFeatures> sources = request.queries().stream().map(q -> MatchingFeatures.of(types, q)).toList();
        long count = request.count() == null ? maxFeatures : Math.min(request.count(), maxFeatures);
        if (format.totals() != OutputFormat.Totals.BEFORE_FEATURES && sources.size() == 1 && !request.hits()
                && pageLock == null) {
            streamFirst(format, request.startIndex(), count, sources.get(0), raw, response);
            return;
        }
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
        if (format.isFile()) {
            file(format, request.queries(), response, file -> {
                for (int i = 0; i < sources.size(); i++) {
                    file.layer(fileLayer(sources.get(i).query()));
                    PagePlan.Page page = plan.pages().get(i);
                    if (page.limit() > 0) {
                        sources.get(i).stream(page.offset(), (int) page.limit(), into(file));
                    }
                }
            });
            return;
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
            encoder.end(header);
        }
    }

    /**
     * One query's page streamed before it is counted, for a format whose totals come after the features (counted
     * beside the stream, within the budget) or nowhere (not counted).
     */
    private void streamFirst(OutputFormat format, long startIndex, long count, MatchingFeatures source, OwsRequest raw,
                             OwsResponse response) throws IOException {
        TypeQuery query = source.query();
        if (format.isFile()) {
            file(format, List.of(query), response, file -> {
                file.layer(fileLayer(query));
                if (count > 0) {
                    source.stream(startIndex, (int) count, into(file));
                }
            });
            return;
        }
        boolean totals = format.totals() == OutputFormat.Totals.AFTER_FEATURES;
        CompletableFuture<OptionalLong> counting = totals ? planner.countBeside(source) : null;
        List<LayerInfo> layers = List.of(query.layer());
        response.setContentType(format.contentType());
        try (OutputStream out = response.body()) {
            FeatureEncoder encoder = Encoders.create(format, raw.serviceUrl(), out);
            encoder.start(new CollectionHeader(layers, OptionalLong.empty(), 0, null, null, query.crs(), false));
            long[] found = {0};
            long limit = Math.min(totals ? count + 1 : count, Integer.MAX_VALUE); // one more tells if a page follows
            if (limit > 0) {
                source.stream(startIndex, (int) limit, f -> {
                    if (found[0]++ < count) {
                        encoder.feature(query, f);
                    }
                });
            }
            PagePlan page = PagePlan.uncounted(startIndex, count, found[0]);
            OptionalLong matched = page.matched();
            String next = null;
            String previous = null;
            if (totals) {
                if (matched.isEmpty()) {
                    matched = planner.matched(counting);
                } else {
                    counting.cancel(false);
                }
                if (!raw.isXml()) {
                    PagingLinks links = new PagingLinks(raw.serviceUrl(), raw.kvp().asMap());
                    next = links.next(startIndex, count, page);
                    previous = links.previous(startIndex, count);
                }
            }
            encoder.end(new CollectionHeader(layers, matched, page.returned(), next, previous, query.crs(), false));
        }
    }

    /**
     * A file answer: the page's features written to temporary files first (so a failure still answers an exception
     * report), then sent as an attachment named after the feature types; the temporary files are deleted in every
     * case, a client gone in the middle included.
     */
    private void file(OutputFormat format, List<TypeQuery> queries, OwsResponse response, FileContent content)
            throws IOException {
        try (FeatureFile file = FeatureFiles.create(format, spoolDirectory)) {
            content.writeInto(file);
            String name = queries.stream().map(q -> q.layer().name()).distinct()
                    .collect(Collectors.joining("_")).replaceAll("[^A-Za-z0-9_.-]", "_");
            response.setContentType(format.contentType());
            response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "." + format.fileExtension()
                    + "\"");
            try (OutputStream out = response.body()) {
                file.writeTo(out);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The features of a stream written into a file answer. */
    private static Consumer<Feature> into(FeatureFile file) {
        return f -> {
            try {
                file.feature(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** What goes into a file answer. */
    @FunctionalInterface
    private interface FileContent {
        void writeInto(FeatureFile file) throws IOException;
    }

    private FileLayer fileLayer(TypeQuery query) {
        LayerInfo layer = query.layer();
        int srid = query.crs().srid();
        return new FileLayer(layer.name(), layer.title(), types.visibleAttributes(layer, query.attributes()),
                query.withGeometry(), layer.geometryColumn(), types.declaredGeometryType(layer), srid,
                query.withGeometry() ? types.crsDefinition(layer, srid).orElse(null) : null);
    }

    /** GetFeatureById: the feature itself, or NotFound. */
    private void single(GetFeatureRequest request, OwsRequest raw, OwsResponse response) throws IOException {
        TypeQuery query = request.queries().get(0);
        Feature[] found = new Feature[1];
        MatchingFeatures.of(types, query).stream(0, 1, f -> found[0] = f);
        if (found[0] == null) {
            throw GetFeatureById.notFound();
        }
        if (request.format().isFile()) {
            file(request.format(), List.of(query), response, file -> {
                file.layer(fileLayer(query));
                file.feature(found[0]);
            });
            return;
        }
        response.setContentType(request.format().contentType());
        try (OutputStream out = response.body()) {
            Encoders.create(request.format(), raw.serviceUrl(), out).single(query, found[0]);
        }
    }
}
