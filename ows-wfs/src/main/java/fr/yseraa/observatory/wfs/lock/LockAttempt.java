package fr.yseraa.observatory.wfs.lock;

import java.util.List;

/**
 * Features being taken under one lock, in one database transaction: nothing is locked for others to see before
 * {@link #commit}, and closing without committing locks nothing (nor renews anything).
 */
public interface LockAttempt extends AutoCloseable {

    String lockId();

    /**
     * Locks the features of a type that no other live lock holds (those this lock holds already stay locked).
     *
     * @return the ids among {@code featureIds} another live lock holds, left as they are
     */
    List<String> lock(String typeName, List<String> featureIds);

    void commit();

    /** Ends the attempt, rolling back what was not committed. */
    @Override
    void close();
}
