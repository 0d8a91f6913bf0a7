package fr.yseraa.observatory.core.write;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureTransaction;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes a layer's features (WFS Transaction) inside the caller's transaction. The engine's {@link TableWriter}
 * writes any layer whose source is a table; an extension plugs in a writer of its own for a layer that needs more
 * (checks, derived columns), discovered through {@code META-INF/services} or as a Spring bean. A writer refuses a
 * value with an {@link fr.yseraa.observatory.core.ows.OwsException} of code InvalidValue whose locator names the
 * feature and whose message names the property; the whole transaction is then rolled back. Which features its caller
 * may see but not change, the writer tells through {@link #unchangeable}: the engine refuses them
 * (OperationProcessingFailed) before it consults any lock, and never locks them, so that a caller learns nothing
 * about a feature it may not change beyond what it reads.
 *
 * <p>The keys it is given are those of features the caller may see ({@link
 * fr.yseraa.observatory.core.feature.FeatureTransaction#keys}).
 */
public interface LayerWriter {

    /** Whether this writer writes the layer. */
    boolean writes(LayerInfo layer);

    /** Inserts new features; returns their keys (id column values), in order. */
    List<String> insert(LayerWrite write, List<FeatureValues> features) throws SQLException;

    /** Gives the features of these keys the values of {@code changes}. */
    void update(LayerWrite write, List<String> keys, FeatureValues changes) throws SQLException;

    /**
     * The keys, among those given (features the caller may see), of the features the caller may not change: asked
     * before an Update, a Replace or a Delete, and before locking. The engine's default: none (the {@code write:}
     * rule of the layer decides alone).
     */
    default List<String> unchangeable(FeatureTransaction transaction, LayerInfo layer, List<String> keys)
            throws SQLException {
        return List.of();
    }

    /** Deletes the features of these keys. */
    void delete(LayerWrite write, List<String> keys) throws SQLException;

    /** Called once per transaction that used this writer, after its last action and before the commit. */
    default void finish(LayerWrite write) throws SQLException {
    }
}
