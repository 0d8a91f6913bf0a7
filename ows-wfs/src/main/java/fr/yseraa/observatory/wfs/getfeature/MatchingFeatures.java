package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.FeatureQuery;
import fr.yseraa.observatory.wfs.FeatureTypes;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The features one query selects, as the caller may see them, counted or streamed a page at a time. Reads go
 * through the feature repository only, so the access policy always applies.
 */
public interface MatchingFeatures {

    TypeQuery query();

    /** How many features match. */
    long count();

    /** How many features match, unless counting takes longer than the budget (then empty). */
    OptionalLong countWithin(Duration budget);

    /** How many features match from {@code offset} on, counted no further than {@code limit}. */
    long countUpTo(long offset, long limit);

    /** Streams matching features from {@code offset}, at most {@code limit} of them (null: no limit). */
    void stream(long offset, Integer limit, Consumer<Feature> sink);

    /** The features a query matches: the repository compiles its bbox, ids and filter to SQL. */
    static MatchingFeatures of(FeatureTypes types, TypeQuery query) {
        return new RepositoryMatches(types, query);
    }

    /** A query the repository answers entirely, paging included. */
    record RepositoryMatches(FeatureTypes types, TypeQuery query) implements MatchingFeatures {
        @Override
        public long count() {
            return types.features().count(query.layer(), query.featureQuery());
        }

        @Override
        public OptionalLong countWithin(Duration budget) {
            return types.features().countWithin(query.layer(), query.featureQuery(), budget);
        }

        @Override
        public long countUpTo(long offset, long limit) {
            return types.features().countUpTo(query.layer(), query.featureQuery(), offset, limit);
        }

        @Override
        public void stream(long offset, Integer limit, Consumer<Feature> sink) {
            FeatureQuery q = query.featureQuery().withPage(limit, offset);
            types.features().stream(query.layer(), q, sink);
        }
    }
}
