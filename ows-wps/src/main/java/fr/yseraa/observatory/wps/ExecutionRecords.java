package fr.yseraa.observatory.wps;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where asynchronous executions keep their latest ExecuteResponse document and the outputs asked as references: in
 * this server's memory ({@link #inMemory}), or in a database every replica of the server shares, so that any of them
 * answers the statusLocation another one gave. The server running an execution holds it under a lease it renews; when
 * that server stops or dies first, the execution reads as its {@code interrupted} document from then on.
 */
public interface ExecutionRecords {

    /**
     * An execution accepted here.
     *
     * @param owner the login of its caller, or null for the public
     * @param document its ProcessAccepted document
     * @param interrupted the ProcessFailed document it reads as if its server stops before it ends
     */
    void accepted(UUID id, String processId, String owner, byte[] document, byte[] interrupted);

    /** The execution runs; its latest document (ProcessStarted with how far it got). */
    void running(UUID id, int percent, byte[] document);

    /** The execution ended with its ProcessSucceeded document and the outputs asked as references, by identifier. */
    void succeeded(UUID id, byte[] document, Map<String, StoredOutput> references);

    /** The execution failed: its ProcessFailed document. */
    void failed(UUID id, byte[] document);

    /** The outputs of a synchronous execution asked as references, kept as long as a finished execution. */
    void outputs(UUID id, String processId, String owner, Map<String, StoredOutput> references);

    /** The execution's latest document; empty when unknown or expired. */
    Optional<byte[]> document(UUID id);

    /** An output of an execution asked as a reference; empty when unknown or expired. */
    Optional<StoredOutput> output(UUID id, String outputIdentifier);

    /** Renews the lease of the executions this server still holds. */
    void renew(Collection<UUID> held);

    /** Forgets an execution that was never queued. */
    void forget(UUID id);

    /** Records in this server's memory, a finished execution kept for {@code keepFor}: lost when it stops. */
    static ExecutionRecords inMemory(Duration keepFor, Clock clock) {
        return new MemoryExecutionRecords(keepFor, clock);
    }
}
