package fr.yseraa.observatory.wfs.lock;

import fr.yseraa.observatory.core.feature.PagePlan;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.write.LayerWriters;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.getfeature.GetFeatureRequest;
import fr.yseraa.observatory.wfs.getfeature.MatchingFeatures;
import fr.yseraa.observatory.wfs.getfeature.PageLock;
import java.util.List;

/**
 * GetFeatureWithLock (WFS 2.0.0 and 1.1.0): a GetFeature whose page is locked before it is written. The answer is
 * the GML collection of GetFeature with the lock's id; with lockAction SOME it holds only the features the lock
 * took (those another lock holds are left out).
 */
public final class GetFeatureWithLock implements PageLock {

    private final FeatureTypes types;
    private final LockStore store;
    private final LockParameters lock;
    private final LayerWriters writers;

    public GetFeatureWithLock(FeatureTypes types, LockStore store, LayerWriters writers, LockParameters lock) {
        this.types = types;
        this.store = store;
        this.writers = writers;
        this.lock = lock;
    }

    /**
     * The request as GetFeatureWithLock takes it: results only (resultType=hits is InvalidParameterValue, ISO 19142
     * 13.2.4.3), in GML (the answer must carry the lock's id), the layers writable by the caller; a GetFeatureById
     * answers a collection of its feature, as a lone feature has no place for the lock's id.
     */
    public GetFeatureRequest checked(GetFeatureRequest request) {
        if (request.hits()) {
            throw OwsException.invalidParameter("resultType", "GetFeatureWithLock returns the features it locks: "
                    + "resultType must be results");
        }
        if (!request.format().isGml()) {
            throw OwsException.invalidParameter("outputFormat", "GetFeatureWithLock answers GML, whose collection "
                    + "carries the lock's id");
        }
        WritePermission.check(types, request.queries(), request.version().typeNamesParameter());
        return new GetFeatureRequest(request.version(), request.queries(), request.count(), request.startIndex(),
                false, request.format(), false);
    }

    @Override
    public Locked lock(List<MatchingFeatures> sources, PagePlan plan) {
        try (LockAttempt attempt = store.begin(null, lock.expiry(), types.caller().user())) {
            LockTaker taker = new LockTaker(attempt, writers, lock.all(), true);
            for (int i = 0; i < sources.size(); i++) {
                PagePlan.Page page = plan.pages().get(i);
                if (page.limit() > 0) {
                    taker.take(types, sources.get(i).query(), page.offset(), (int) page.limit());
                }
            }
            attempt.commit();
            return new Locked(attempt.lockId(), taker.takenCount(), taker::took);
        }
    }
}
