package fr.yseraa.observatory.ogcapi.processes;

import fr.yseraa.observatory.core.ows.OwsException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where jobs live, shared by every replica of the server: their state, progress and results. A job is held by the
 * server that runs it under a lease that server renews; a job whose lease has run out (its server died) reads as
 * failed.
 */
public interface JobStore {

    /** Registers a job accepted for execution, held by this server. */
    void accepted(UUID id, String processId, String owner);

    /** The job starts running; false when it was dismissed meanwhile (it must not run). */
    boolean started(UUID id);

    /** How far a running job got. */
    void progress(UUID id, int percent, String message);

    /** A running job ended with these outputs, by output identifier (nothing changes once it was dismissed). */
    void succeeded(UUID id, Map<String, JobOutput> outputs);

    /** A running or accepted job failed (nothing changes once it was dismissed). */
    void failed(UUID id, OwsException error);

    /** Whether the job was dismissed. */
    boolean dismissed(UUID id);

    /** Renews the lease of the jobs this server still holds. */
    void renew(Collection<UUID> held);

    Optional<JobInfo> find(UUID id);

    /** The jobs of an owner, newest first, at most {@code limit}. */
    List<JobInfo> list(String owner, int limit);

    /** The outputs of a successful job, in the order they were asked. */
    Map<String, JobOutput> results(UUID id);

    /** Dismisses the job (a running one stops at its next progress point) and drops its results. */
    void dismiss(UUID id);
}
