package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.ows.OwsException;
import java.time.Instant;

/** Where an execution stands, as the wps:Status of an ExecuteResponse tells it. */
sealed interface ExecutionStatus {

    Instant creationTime();

    record Accepted(Instant creationTime) implements ExecutionStatus {
    }

    record Started(Instant creationTime, int percentCompleted, String message) implements ExecutionStatus {
    }

    record Succeeded(Instant creationTime) implements ExecutionStatus {
    }

    record Failed(Instant creationTime, OwsException error) implements ExecutionStatus {
    }
}
