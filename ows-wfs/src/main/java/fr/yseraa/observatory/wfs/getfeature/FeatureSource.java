package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.wfs.FeatureTypes;
import java.util.function.Consumer;

/**
 * The features one query selects, as the caller may see them, counted or streamed a page at a time. Reads go
 * through the feature repository only, so the access policy always applies.
 */
public interface FeatureSource {

    TypeQuery query();

    /** How many features match. */
    long count();

    /** Streams matching features from {@code offset}, at most {@code limit} of them (null: no limit). */
    void stream(long offset, Integer limit, Consumer<Feature> sink);

    /** The source of a query: ids are matched as the features stream when the query names some. */
    static FeatureSource of(FeatureTypes types, TypeQuery query) {
        return query.resourceIds() == null ? new RepositorySource(types, query) : new ResourceIdSource(types, query);
    }

    /** A query the repository answers entirely, paging included. */
    record RepositorySource(FeatureTypes types, TypeQuery query) implements FeatureSource {
        @Override
        public long count() {
            return types.repository().count(types.catalog(), query.layer(), query.featureQuery(), types.caller());
        }

        @Override
        public void stream(long offset, Integer limit, Consumer<Feature> sink) {
            FeatureQuery q = query.featureQuery().withPage(limit, offset);
            types.repository().stream(types.catalog(), query.layer(), q, types.caller(), sink);
        }
    }

    /**
     * A query on feature ids. The repository has no id filter yet, so ids are matched on the stream of the
     * caller's features (bounded memory, a scan of the layer); an id the caller may not see matches nothing.
     */
    record ResourceIdSource(FeatureTypes types, TypeQuery query) implements FeatureSource {
        @Override
        public long count() {
            if (query.resourceIds().isEmpty()) {
                return 0;
            }
            long[] n = {0};
            FeatureQuery idsOnly = new FeatureQuery(query.bbox(), query.bboxSrid(), query.crs().srid(),
                    java.util.List.of(), java.util.List.of(), null, 0);
            types.repository().stream(types.catalog(), query.layer(), idsOnly, types.caller(), f -> {
                if (query.resourceIds().contains(f.id())) {
                    n[0]++;
                }
            });
            return n[0];
        }

        @Override
        public void stream(long offset, Integer limit, Consumer<Feature> sink) {
            if (query.resourceIds().isEmpty() || (limit != null && limit == 0)) {
                return;
            }
            long[] seen = {0};
            long[] sent = {0};
            types.repository().stream(types.catalog(), query.layer(), query.featureQuery(), types.caller(), f -> {
                if (query.resourceIds().contains(f.id()) && seen[0]++ >= offset
                        && (limit == null || sent[0] < limit)) {
                    sent[0]++;
                    sink.accept(f);
                }
            });
        }
    }
}
