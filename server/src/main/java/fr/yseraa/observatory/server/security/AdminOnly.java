package fr.yseraa.observatory.server.security;

import fr.yseraa.observatory.core.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
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
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", CallerFilter.CHALLENGE).build();
        }
        if (!caller.hasRole("admin")) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        return work.run();
    }
}
