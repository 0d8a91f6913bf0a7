package fr.yseraa.observatory.core.write;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureTransaction;
import java.sql.Connection;
import org.locationtech.jts.geom.Envelope;

/** One action's write on one layer, as a {@link LayerWriter} sees it: the transaction, the layer, where to tell changes. */
public final class LayerWrite {

    private final FeatureTransaction transaction;
    private final LayerInfo layer;
    private final ChangedAreas changes;

    public LayerWrite(FeatureTransaction transaction, LayerInfo layer, ChangedAreas changes) {
        this.transaction = transaction;
        this.layer = layer;
        this.changes = changes;
    }

    public Connection connection() {
        return transaction.connection();
    }

    public Caller caller() {
        return transaction.caller();
    }

    public LayerInfo layer() {
        return layer;
    }

    public FeatureTransaction transaction() {
        return transaction;
    }

    /**
     * Tells that an area of a layer changed (the written layer or another drawn from the same data), so that the
     * caches over it are dropped once the transaction is committed.
     */
    public void changed(String qualifiedLayer, Envelope area, int srid) {
        changes.add(qualifiedLayer, area, srid);
    }
}
