package fr.yseraa.observatory.wps;

/**
 * An output asked as a reference ({@code asReference}), kept apart and read at its own URL: its text in its format.
 *
 * @param contentType the answer's Content-Type (the output's format, with its charset)
 */
public record StoredOutput(String text, String contentType) {
}
