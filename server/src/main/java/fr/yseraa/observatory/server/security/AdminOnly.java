package fr.yseraa.observatory.server.security;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.server.ErrorAnswers;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Guards the admin REST APIs: 401 with a challenge for the public, 403 for users without the admin role. */
public final class AdminOnly {

    /** What an admin endpoint does once the caller is known to be an admin. */
    @FunctionalInterface
    public interface AdminWork {
        ResponseEntity<?> run();
    }

    private AdminOnly() {
    }

    public static ResponseEntity<?> run(HttpServletRequest request, AdminWork work) {
        Caller caller = CallerFilter.callerOf(request);
        if (caller.isAnonymous()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", CallerFilter.CHALLENGE)
                    .contentType(MediaType.APPLICATION_JSON).body(ErrorAnswers.problem(401, "An admin login is required").getBody());
        }
        if (!caller.hasRole("admin")) {
            return ErrorAnswers.problem(403, "Only an admin may do this");
        }
        return work.run();
    }
}
