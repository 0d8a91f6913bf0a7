package fr.yseraa.observatory.wfs.transaction;

import java.util.ArrayList;
import java.util.List;

/** What a committed Transaction did: the totals and the published ids of the features it created and changed. */
public final class TransactionResult {

    /** A feature an action created or changed, with the action's handle. */
    public record Written(String handle, String id) {
    }

    final List<Written> inserted = new ArrayList<>();
    final List<Written> updated = new ArrayList<>();
    final List<Written> replaced = new ArrayList<>();
    long deleted;

    public List<Written> inserted() {
        return List.copyOf(inserted);
    }

    public List<Written> updated() {
        return List.copyOf(updated);
    }

    public List<Written> replaced() {
        return List.copyOf(replaced);
    }

    public long deleted() {
        return deleted;
    }
}
