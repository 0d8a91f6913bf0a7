package fr.yseraa.observatory.server.security;

import java.time.Duration;

/**
 * Credentials were given and are not valid (or the address must wait). The message is the same whether the user
 * exists or not.
 */
public class AuthenticationException extends RuntimeException {

    private final Duration retryAfter;

    public AuthenticationException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** The HTTP status of the answer: 429 while the address must wait, else 401. */
    public int httpStatus() {
        return retryAfter.isZero() ? 401 : 429;
    }

    /** The Retry-After header's value (seconds, at least 1), or null when the client need not wait. */
    public String retryAfterHeader() {
        return retryAfter.isZero() ? null : Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    /** How long the client must wait before trying again, or zero. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
