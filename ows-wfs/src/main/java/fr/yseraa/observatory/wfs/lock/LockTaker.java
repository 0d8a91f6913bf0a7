package fr.yseraa.observatory.wfs.lock;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.getfeature.MatchingFeatures;
import fr.yseraa.observatory.wfs.getfeature.TypeQuery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Takes under one lock the features queries select, as the caller sees them (read through the feature repository,
 * so a feature the caller cannot read is never locked nor named), a batch of ids at a time. With lockAction ALL, a
 * feature another lock holds stops everything (CannotLockAllFeatures: the attempt is rolled back, nothing locked).
 */
public final class LockTaker {

    private static final int BATCH = 1000;

    private final LockAttempt attempt;
    private final boolean all;
    private final Set<String> taken;
    private final List<String> notLocked = new ArrayList<>();

    /** @param rememberTaken whether to keep the ids locked (a page of GetFeatureWithLock: at most its count) */
    public LockTaker(LockAttempt attempt, boolean all, boolean rememberTaken) {
        this.attempt = attempt;
        this.all = all;
        this.taken = rememberTaken ? new HashSet<>() : null;
    }

    /** Locks the features a query selects from {@code offset}, at most {@code limit} of them (null: all). */
    public void take(FeatureTypes types, TypeQuery query, long offset, Integer limit) {
        String typeName = query.layer().qualifiedName();
        List<String> batch = new ArrayList<>(BATCH);
        MatchingFeatures.of(types, query.idsOnly()).stream(offset, limit, f -> {
            batch.add(f.id());
            if (batch.size() == BATCH) {
                lock(typeName, batch);
            }
        });
        lock(typeName, batch);
    }

    private void lock(String typeName, List<String> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<String> refused = attempt.lock(typeName, batch);
        if (all && !refused.isEmpty()) {
            throw new OwsException(OwsExceptionCode.CANNOT_LOCK_ALL_FEATURES, null, "lockAction is ALL and "
                    + refused.size() + " of the features are locked by another lock (" + refused.get(0)
                    + (refused.size() > 1 ? "..." : "") + "): none was locked");
        }
        notLocked.addAll(refused);
        if (taken != null) {
            Set<String> refusedSet = new HashSet<>(refused);
            batch.stream().filter(id -> !refusedSet.contains(id)).forEach(taken::add);
        }
        batch.clear();
    }

    /** The features another lock holds (lockAction SOME), in the order met. */
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
