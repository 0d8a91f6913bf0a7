package fr.yseraa.observatory.wfs.transaction;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.write.FeatureValues;
import java.util.List;

/** One action of a Transaction, parsed and resolved against the feature types the caller may read. */
public sealed interface TransactionAction {

    /** The client's name of the action, or null. */
    String handle();

    /** The layers the action writes. */
    List<LayerInfo> layers();

    /** New features, each of its layer, in request order. */
    record Insert(String handle, List<NewFeature> features) implements TransactionAction {
        @Override
        public List<LayerInfo> layers() {
            return features.stream().map(NewFeature::layer).distinct().toList();
        }
    }

    /** A new feature of a layer. */
    record NewFeature(LayerInfo layer, FeatureValues values) {
    }

    /** The properties given new values on the features the filter selects. */
    record Update(String handle, LayerInfo layer, FeatureValues changes, Filter filter) implements TransactionAction {
        @Override
        public List<LayerInfo> layers() {
            return List.of(layer);
        }
    }

    /** The features the filter selects replaced by one (WFS 2.0): every property it does not give becomes null. */
    record Replace(String handle, LayerInfo layer, FeatureValues replacement, Filter filter)
            implements TransactionAction {
        @Override
        public List<LayerInfo> layers() {
            return List.of(layer);
        }
    }

    /** The features the filter selects deleted. */
    record Delete(String handle, LayerInfo layer, Filter filter) implements TransactionAction {
        @Override
        public List<LayerInfo> layers() {
            return List.of(layer);
        }
    }
}
