package fr.yseraa.observatory.ogcapi.processes;

import java.util.Locale;

/** Where a job stands, as OGC API - Processes names it ({@code statusCode}). */
public enum JobState {
    ACCEPTED, RUNNING, SUCCESSFUL, FAILED, DISMISSED;

    /** The name in status documents and in the job store ({@code accepted}...). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** Whether the job will change no more. */
    public boolean finished() {
        return this == SUCCESSFUL || this == FAILED || this == DISMISSED;
    }
}
