package fr.yseraa.observatory.server.security;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.server.ErrorAnswers;
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

    /** How long the client must wait before trying again, or zero. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The refusal as a report in the format of the path or port it answers ({@link ErrorAnswers}). */
    public OwsException report() {
        return ErrorAnswers.forAuthentication(httpStatus(), getMessage(),
                retryAfter.isZero() ? 0 : Math.max(1, retryAfter.toSeconds()));
    }
}
