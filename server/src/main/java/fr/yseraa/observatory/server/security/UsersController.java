package fr.yseraa.observatory.server.security;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.server.ErrorAnswers;
import fr.yseraa.observatory.server.tiles.TileCacheSync;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin REST API for users, roles and API keys ({@code /rest/users}), for the admin role only: 401 for the
 * public, 403 for other users.
 */
@RestController
@RequestMapping("/rest/users")
public class UsersController {

    /** A new user or a password change. */
    public record UserRequest(String login, String password, String organisation, Set<String> roles) {
    }

    private final UserStore users;
    private final TileCacheSync replicas;

    public UsersController(UserStore users, TileCacheSync replicas) {
        this.users = users;
        this.replicas = replicas;
    }

    @GetMapping
    public ResponseEntity<?> list(HttpServletRequest request) {
        return asAdmin(request, () -> ResponseEntity.ok(users.users().stream()
                .map(u -> Map.of("login", u.login(), "roles", u.roles(), "enabled", u.enabled())).toList()));
    }

    @PostMapping
    public ResponseEntity<?> save(HttpServletRequest request, @RequestBody UserRequest body) {
        return asAdmin(request, () -> {
            if (body.login() == null || body.password() == null || body.password().length() < 12) {
                return ErrorAnswers.problem(400, "login and a password of 12 characters or more are needed");
            }
            if (body.roles() != null && !roleNames(body.roles())) {
                return ErrorAnswers.problem(400, ROLE_NAMES);
            }
            Integer organisation = null;
            if (body.organisation() != null) {
                organisation = users.organisation(body.organisation()).orElse(null);
                if (organisation == null) {
                    return ErrorAnswers.problem(400, "unknown organisation " + body.organisation());
                }
            }
            try {
                users.saveUser(body.login(), body.password(), organisation, body.roles() == null ? Set.of() : body.roles());
            } catch (IllegalArgumentException e) {
                return ErrorAnswers.problem(400, e.getMessage());
            }
            replicas.usersChanged();
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("login", body.login()));
        });
    }

    @PutMapping("/{login}/roles")
    public ResponseEntity<?> roles(HttpServletRequest request, @PathVariable String login, @RequestBody List<String> roles) {
        return asAdmin(request, () -> {
            if (roles == null || !roleNames(roles)) {
                return ErrorAnswers.problem(400, ROLE_NAMES);
            }
            try {
                if (!users.setRoles(login, Set.copyOf(roles))) {
                    return ResponseEntity.notFound().build();
                }
            } catch (IllegalArgumentException e) {
                return ErrorAnswers.problem(400, e.getMessage());
            }
            replicas.usersChanged();
            return ResponseEntity.noContent().build();
        });
    }

    @PostMapping("/{login}/keys")
    public ResponseEntity<?> issueKey(HttpServletRequest request, @PathVariable String login) {
        return asAdmin(request, () -> users.issueKey(login, "admin API")
                .<ResponseEntity<?>>map(k -> ResponseEntity.status(HttpStatus.CREATED).body(Map.of("key", k)))
                .orElse(ResponseEntity.notFound().build()));
    }

    @GetMapping("/keys")
    public ResponseEntity<?> keys(HttpServletRequest request) {
        return asAdmin(request, () -> ResponseEntity.ok(users.keys()));
    }

    @DeleteMapping("/keys/{id}")
    public ResponseEntity<?> revoke(HttpServletRequest request, @PathVariable int id) {
        return asAdmin(request, () -> users.revokeKey(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build());
    }

    private static final String ROLE_NAMES = "roles must be a list of role names (strings, not null)";

    /** Whether a JSON list of roles holds names only (Jackson gives a JSON null as a null element). */
    private static boolean roleNames(Collection<String> roles) {
        return roles.stream().allMatch(r -> r != null && !r.isBlank());
    }

    private static ResponseEntity<?> asAdmin(HttpServletRequest request, AdminOnly.AdminWork work) {
        return AdminOnly.run(request, work);
    }
}
