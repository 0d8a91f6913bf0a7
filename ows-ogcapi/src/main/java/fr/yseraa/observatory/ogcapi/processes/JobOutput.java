package fr.yseraa.observatory.ogcapi.processes;

/**
 * One output of a finished job as stored: its text in the format it was asked in.
 *
 * @param mediaType the format ({@code text/plain} for a literal)
 */
public record JobOutput(String mediaType, String text) {
}
