package fr.yseraa.observatory.wfs.output;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.wfs.getfeature.TypeQuery;

/**
 * Writes a GetFeature answer while features arrive: {@link #start}, then each feature, then {@link #end}. Nothing
 * is kept between features, so memory stays bounded whatever the number of features.
 */
public interface FeatureEncoder {

    /** Opens the collection. */
    void start(CollectionHeader header);

    void feature(TypeQuery query, Feature feature);

    /**
     * Closes the collection and flushes. {@code totals} repeats the opening's header with the page's final totals,
     * for a format that writes them after the features ({@link fr.yseraa.observatory.wfs.OutputFormat.Totals}).
     */
    void end(CollectionHeader totals);

    /** Writes a single feature as the whole document (the GetFeatureById stored query). */
    void single(TypeQuery query, Feature feature);
}
