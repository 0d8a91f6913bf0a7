package fr.yseraa.observatory.wfs.transaction;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.FeatureTransaction;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.core.write.AfterWrite;
import fr.yseraa.observatory.core.write.ChangedAreas;
import fr.yseraa.observatory.core.write.FeatureValues;
import fr.yseraa.observatory.core.write.LayerWrite;
import fr.yseraa.observatory.core.write.LayerWriter;
import fr.yseraa.observatory.core.write.LayerWriters;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.lock.FeatureLocks;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries out a Transaction: every action in one database transaction, all or nothing. The caller must be allowed to
 * write every layer the request names (else OperationProcessingFailed, 403, before anything runs); updates, replaces
 * and deletes reach only the features the caller may read (a hidden feature is as absent as a nonexistent one); a
 * feature the caller reads but may not change (its writer says which) is refused before any lock is consulted, so the
 * answer never tells whether it is locked; then each action's features pass the locks (only the caller's own lock
 * opens them), are written by the layer's writer and recorded in the audit trail; the locks are released as
 * releaseAction says; after the commit, the caches over the changed areas are dropped.
 */
public final class TransactionOperation {

    private final FeatureTypes types;
    private final LayerWriters writers;
    private final FeatureLocks locks;
    private final AfterWrite after;

    public TransactionOperation(FeatureTypes types, LayerWriters writers, FeatureLocks locks, AfterWrite after) {
        this.types = types;
        this.writers = writers;
        this.locks = locks;
        this.after = after;
    }

    /** @param wfs100 whether to answer a WFS 1.0.0 WFS_TransactionResponse (the request read as 1.1.0) */
    public void execute(TransactionRequest request, boolean wfs100, OwsResponse response) throws IOException {
        checkAllowed(request);
        ChangedAreas changes = new ChangedAreas();
        TransactionResult result = types.features().transaction(tx -> run(tx, request, changes));
        after.committed(changes.areas());
        response.setContentType("text/xml; charset=UTF-8");
        try (OutputStream out = response.body()) {
            if (wfs100) {
                TransactionResponseWriter.writeWfs100(result, out);
            } else {
                TransactionResponseWriter.write(request.version(), result, out);
            }
        }
    }

    /** Every layer the request writes must be one the caller may write. */
    private void checkAllowed(TransactionRequest request) {
        Caller caller = types.caller();
        for (TransactionAction action : request.actions()) {
            for (LayerInfo layer : action.layers()) {
                if (!types.catalog().mayWrite(layer, caller)) {
                    throw new OwsException(OwsExceptionCode.OPERATION_PROCESSING_FAILED, layer.qualifiedName(),
                            (caller.isAnonymous() ? "The public may not change " : "This account may not change ")
                                    + layer.qualifiedName());
                }
            }
        }
    }

    private TransactionResult run(FeatureTransaction tx, TransactionRequest request, ChangedAreas changes)
            throws SQLException {
        TransactionResult result = new TransactionResult();
        locks.checkLockId(tx.connection(), owner(tx), request.lockId());
        Map<LayerWriter, LayerWrite> used = new LinkedHashMap<>();
        Set<String> touched = new LinkedHashSet<>();
        for (TransactionAction action : request.actions()) {
            if (action instanceof TransactionAction.Insert insert) {
                insert(tx, request, insert, changes, used, result);
            } else if (action instanceof TransactionAction.Update update) {
                List<String> ids = change(tx, request, update.layer(), update.changes(), update.filter(), changes,
                        used, "Update");
                touched.addAll(ids);
                ids.forEach(id -> result.updated.add(new TransactionResult.Written(update.handle(), id)));
            } else if (action instanceof TransactionAction.Replace replace) {
                List<String> ids = change(tx, request, replace.layer(), replace.replacement(), replace.filter(),
                        changes, used, "Replace");
                touched.addAll(ids);
                ids.forEach(id -> result.replaced.add(new TransactionResult.Written(replace.handle(), id)));
            } else if (action instanceof TransactionAction.Delete delete) {
                LayerInfo layer = delete.layer();
                List<String> keys = tx.keys(layer, delete.filter(), "Filter");
                List<String> ids = ids(layer, keys);
                refuseUnchangeable(tx, layer, keys);
                locks.checkWritable(tx.connection(), owner(tx), layer.qualifiedName(), ids, request.lockId());
                if (!keys.isEmpty()) {
                    LayerWrite write = new LayerWrite(tx, layer, changes);
                    writer(layer, write, used).delete(write, keys);
                }
                touched.addAll(ids);
                result.deleted += ids.size();
                audit(tx, layer, "Delete", ids);
            }
        }
        locks.release(tx.connection(), owner(tx), request.lockId(), request.releaseAll(), touched);
        for (Map.Entry<LayerWriter, LayerWrite> w : used.entrySet()) {
            w.getKey().finish(w.getValue());
        }
        return result;
    }

    private void insert(FeatureTransaction tx, TransactionRequest request, TransactionAction.Insert insert,
                        ChangedAreas changes, Map<LayerWriter, LayerWrite> used, TransactionResult result)
            throws SQLException {
        for (List<TransactionAction.NewFeature> run : runsOfOneLayer(insert.features())) {
            LayerInfo layer = run.get(0).layer();
            LayerWrite write = new LayerWrite(tx, layer, changes);
            LayerWriter writer = writer(layer, write, used);
            List<String> ids = ids(layer, writer.insert(write,
                    run.stream().map(TransactionAction.NewFeature::values).toList()));
            ids.forEach(id -> result.inserted.add(new TransactionResult.Written(insert.handle(), id)));
            audit(tx, layer, "Insert", ids);
        }
    }

    /** An Update or a Replace: the features the caller sees that the filter selects, given the values. */
    private List<String> change(FeatureTransaction tx, TransactionRequest request, LayerInfo layer,
                                FeatureValues values, fr.yseraa.observatory.core.filter.Filter filter,
                                ChangedAreas changes, Map<LayerWriter, LayerWrite> used, String action)
            throws SQLException {
        List<String> keys = tx.keys(layer, filter, "Filter");
        List<String> ids = ids(layer, keys);
        refuseUnchangeable(tx, layer, keys);
        locks.checkWritable(tx.connection(), owner(tx), layer.qualifiedName(), ids, request.lockId());
        if (!keys.isEmpty()) {
            LayerWrite write = new LayerWrite(tx, layer, changes);
            writer(layer, write, used).update(write, keys, values);
        }
        audit(tx, layer, action, ids);
        return ids;
    }

    /** Refuses the action when the caller may not change one of its features (which it may read). */
    private void refuseUnchangeable(FeatureTransaction tx, LayerInfo layer, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        List<String> refused = writers.writer(layer).unchangeable(tx, layer, keys);
        if (!refused.isEmpty()) {
            String id = ids(layer, refused.subList(0, 1)).get(0);
            throw new OwsException(OwsExceptionCode.OPERATION_PROCESSING_FAILED, id,
                    "This account may not change feature " + id);
        }
    }

    /** The account the locks belong to. */
    private static String owner(FeatureTransaction tx) {
        return tx.caller().user();
    }

    private LayerWriter writer(LayerInfo layer, LayerWrite write, Map<LayerWriter, LayerWrite> used) {
        LayerWriter writer = writers.writer(layer);
        used.putIfAbsent(writer, write);
        return writer;
    }

    private void audit(FeatureTransaction tx, LayerInfo layer, String action, List<String> ids) throws SQLException {
        if (!ids.isEmpty()) {
            after.audit(tx.connection(), tx.caller(), layer.qualifiedName(), action, ids);
        }
    }

    /** The published ids (layer.key) of keys. */
    private static List<String> ids(LayerInfo layer, List<String> keys) {
        return keys.stream().map(k -> layer.name() + "." + k).toList();
    }

    /** The features split into runs of consecutive features of one layer, in order. */
    private static List<List<TransactionAction.NewFeature>> runsOfOneLayer(List<TransactionAction.NewFeature> features) {
        List<List<TransactionAction.NewFeature>> runs = new ArrayList<>();
        for (TransactionAction.NewFeature f : features) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).get(0).layer().equals(f.layer())) {
                runs.add(new ArrayList<>());
            }
            runs.get(runs.size() - 1).add(f);
        }
        return runs;
    }
}
