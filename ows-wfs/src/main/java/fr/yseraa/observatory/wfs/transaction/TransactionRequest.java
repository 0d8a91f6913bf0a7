package fr.yseraa.observatory.wfs.transaction;

import fr.yseraa.observatory.wfs.WfsVersion;
import java.util.List;

/**
 * A Transaction request.
 *
 * @param lockId the lock the request holds, or null
 * @param releaseAll whether its releaseAction is ALL (the default) rather than SOME
 * @param actions the actions, in order
 */
public record TransactionRequest(WfsVersion version, String lockId, boolean releaseAll,
                                 List<TransactionAction> actions) {

    public TransactionRequest {
        actions = List.copyOf(actions);
    }
}
