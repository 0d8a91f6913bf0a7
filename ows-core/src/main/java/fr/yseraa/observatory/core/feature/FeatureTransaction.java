package fr.yseraa.observatory.core.feature;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.access.LayerAccess;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.filter.Filter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One caller's write transaction ({@link CallerFeatures#transaction}): its connection, and the features it may
 * target, found as the caller sees the layer — a write never reaches a row its caller cannot read.
 */
public final class FeatureTransaction {

    /** Work done in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(FeatureTransaction transaction) throws SQLException;
    }

    private final FeatureRepository repository;
    private final Catalog catalog;
    private final Caller caller;
    private final Connection connection;

    FeatureTransaction(FeatureRepository repository, Catalog catalog, Caller caller, Connection connection) {
        this.repository = repository;
        this.catalog = catalog;
        this.caller = caller;
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    public Caller caller() {
        return caller;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** What the caller may see of the layer. */
    public LayerAccess access(LayerInfo layer) {
        return repository.access(catalog, layer, caller);
    }

    /**
     * The keys (id column values, as text) of the features the caller may see that match the filter (null: all),
     * in the layer's order; a row the caller cannot see is never among them.
     */
    public List<String> keys(LayerInfo layer, Filter filter, String locator) throws SQLException {
        return repository.keys(connection, catalog, layer, caller, filter, locator);
    }
}
