package fr.yseraa.observatory.wfs.lock;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.write.LayerWriter;
import fr.yseraa.observatory.core.write.LayerWriters;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.getfeature.MatchingFeatures;
import fr.yseraa.observatory.wfs.getfeature.TypeQuery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Takes under one lock the features queries select, as the caller sees them (read through the feature repository,
 * so a feature the caller cannot read is never locked nor named), a batch of ids at a time. A feature the caller reads
 * but may not change (its layer's writer says which, {@link LayerWriter#unchangeable}) is never locked, and whether
 * another lock holds it is not asked: it counts as not locked. With lockAction ALL, a feature not locked stops
 * everything (CannotLockAllFeatures: the attempt is rolled back, nothing locked).
 */
public final class LockTaker {

    private static final int BATCH = 1000;

    private final LockAttempt attempt;
    private final LayerWriters writers;
    private final boolean all;
    private final Set<String> taken;
    private final List<String> notLocked = new ArrayList<>();

    /** @param rememberTaken whether to keep the ids locked (a page of GetFeatureWithLock: at most its count) */
    public LockTaker(LockAttempt attempt, LayerWriters writers, boolean all, boolean rememberTaken) {
        this.attempt = attempt;
        this.writers = writers;
        this.all = all;
        this.taken = rememberTaken ? new HashSet<>() : null;
    }

    /** Locks the features a query selects from {@code offset}, at most {@code limit} of them (null: all). */
    public void take(FeatureTypes types, TypeQuery query, long offset, Integer limit) {
        LayerInfo layer = query.layer();
        List<String> batch = new ArrayList<>(BATCH);
        MatchingFeatures.of(types, query.idsOnly()).stream(offset, limit, f -> {
            batch.add(f.id());
            if (batch.size() == BATCH) {
                lock(types, layer, batch);
            }
        });
        lock(types, layer, batch);
    }

    private void lock(FeatureTypes types, LayerInfo layer, List<String> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<String> unchangeable = unchangeable(types, layer, batch);
        if (all && !unchangeable.isEmpty()) {
            throw cannotLockAll(unchangeable, "may not be changed by this account");
        }
        batch.removeAll(new HashSet<>(unchangeable));
        List<String> refused = batch.isEmpty() ? List.of() : attempt.lock(layer.qualifiedName(), batch);
        if (all && !refused.isEmpty()) {
            throw cannotLockAll(refused, "are locked by another lock");
        }
        notLocked.addAll(unchangeable);
        notLocked.addAll(refused);
        if (taken != null) {
            Set<String> refusedSet = new HashSet<>(refused);
            batch.stream().filter(id -> !refusedSet.contains(id)).forEach(taken::add);
        }
        batch.clear();
    }

    /** The ids among a batch of features the caller may not change, as the layer's writer says. */
    private List<String> unchangeable(FeatureTypes types, LayerInfo layer, List<String> ids) {
        LayerWriter writer = writers.writer(layer);
        String prefix = layer.name() + ".";
        List<String> keys = ids.stream().map(id -> id.substring(prefix.length())).toList();
        List<String> refused = types.features().transaction(tx -> writer.unchangeable(tx, layer, keys));
        return refused.stream().map(key -> prefix + key).toList();
    }

    private static OwsException cannotLockAll(List<String> refused, String why) {
        return new OwsException(OwsExceptionCode.CANNOT_LOCK_ALL_FEATURES, null, "lockAction is ALL and "
                + refused.size() + " of the features " + why + " (" + refused.get(0)
                + (refused.size() > 1 ? "..." : "") + "): none was locked");
    }

    /** The features not locked (lockAction SOME): another lock holds them, or the caller may not change them. */
    public List<String> notLocked() {
        return notLocked;
    }

    /** Whether this taker locked the feature (only when asked to remember). */
    public boolean took(String featureId) {
        return taken.contains(featureId);
    }

    /** How many features this taker locked (only when asked to remember). */
    public int takenCount() {
        return taken.size();
    }
}
