package fr.yseraa.observatory.ogcapi.processes;

import java.time.Instant;
import java.util.UUID;

/**
 * One job as its status document shows it.
 *
 * @param owner the login of the caller who started it, or null for the public
 * @param progress how far it got (0 to 100), or null when it did not say
 * @param failure why it failed, or null
 */
public record JobInfo(UUID id, String processId, String owner, JobState state, String message, Integer progress,
                      Instant created, Instant started, Instant finished, Instant updated, Failure failure) {

    /**
     * The report of a failed execution, as its results answer it.
     *
     * @param code the exception code (InvalidParameterValue, NoApplicableCode...)
     * @param status the HTTP status it answers
     * @param locator the input or parameter at fault, or null
     */
    public record Failure(String code, int status, String description, String locator) {
    }
}
