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

    /** How long the client must wait before trying again, or zero. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
