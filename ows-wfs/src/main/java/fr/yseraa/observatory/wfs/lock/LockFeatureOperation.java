package fr.yseraa.observatory.wfs.lock;

import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.core.write.LayerWriters;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.WfsVersion;
import fr.yseraa.observatory.wfs.getfeature.TypeQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * LockFeature (WFS 2.0.0 and 1.1.0): locks every feature the queries select, as the caller sees them, under a new
 * lock or the live lock the request names (whose expiry then starts again); lockAction ALL locks all of them or none
 * (CannotLockAllFeatures), SOME those no other lock holds, listing the others as not locked.
 */
public final class LockFeatureOperation {

    private final FeatureTypes types;
    private final LockStore store;
    private final LayerWriters writers;

    public LockFeatureOperation(FeatureTypes types, LockStore store, LayerWriters writers) {
        this.types = types;
        this.store = store;
        this.writers = writers;
    }

    public void execute(List<TypeQuery> queries, LockParameters lock, WfsVersion version, OwsResponse response)
            throws IOException {
        WritePermission.check(types, queries, version.typeNamesParameter());
        String lockId;
        List<String> notLocked;
        try (LockAttempt attempt = store.begin(lock.lockId(), lock.expiry(), types.caller().user())) {
            LockTaker taker = new LockTaker(attempt, writers, lock.all(), false);
            for (TypeQuery q : queries) {
                taker.take(types, q, 0, null);
            }
            attempt.commit();
            lockId = attempt.lockId();
            notLocked = taker.notLocked();
        }
        response.setContentType("text/xml; charset=UTF-8");
        try (OutputStream out = response.body()) {
            new LockFeatureResponseWriter(version).write(lockId, store, notLocked, out);
        }
    }
}
