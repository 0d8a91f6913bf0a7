package fr.yseraa.observatory.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.xml.XmlChars;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds the caller of a request: HTTP Basic (what QGIS and GDAL send), an API key, or nobody (the public). Wrong
 * credentials of any kind fail with one message, whether the user exists or not, and count against the address.
 * Verified Basic credentials are remembered for a few minutes so that tile requests do not pay bcrypt each time.
 */
public final class Authenticator {

    static final String FAILED = "Invalid credentials";
    private final UserStore users;
    private final RoleAliases aliases;
    private final LoginThrottle throttle;
    private final String dummyHash;
    private final Cache<String, Caller> verified = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5)).maximumSize(10_000).build();

    public Authenticator(UserStore users, RoleAliases aliases, LoginThrottle throttle) {
        this.users = users;
        this.aliases = aliases;
        this.throttle = throttle;
        this.dummyHash = users.passwordEncoder().encode("no user has this password");
    }

    /**
     * @param authorization the Authorization header, or null
     * @param apiKey the API key given (parameter or header), or null
     * @param address the client's address, for throttling
     */
    public Caller authenticate(String authorization, String apiKey, String address) {
        if (apiKey != null) {
            return checked(address, () -> users.findByKey(apiKey).filter(UserStore.StoredUser::enabled).map(this::caller));
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] credentials = decodeBasic(authorization.substring(6).trim());
            String cacheKey = UserStore.sha256(credentials[0] + "\u0000" + credentials[1]);
            Caller cached = verified.getIfPresent(cacheKey);
            if (cached != null) {
                return cached;
            }
            Caller caller = checked(address, () -> verifyPassword(credentials[0], credentials[1]));
            verified.put(cacheKey, caller);
            return caller;
        }
        return Caller.anonymous();
    }

    /** Forgets remembered credentials, e.g. after users or roles change. */
    public void forgetVerified() {
        verified.invalidateAll();
    }

    private Optional<Caller> verifyPassword(String login, String password) {
        Optional<UserStore.StoredUser> user = users.findByLogin(login);
        // compare against a dummy hash when the user is unknown, so that timing does not tell
        boolean matches = users.passwordEncoder().matches(password, user.map(UserStore.StoredUser::passwordHash).orElse(dummyHash));
        return user.filter(u -> matches && u.enabled()).map(this::caller);
    }

    private interface Check {
        Optional<Caller> run();
    }

    private Caller checked(String address, Check check) {
        Duration wait = throttle.waitFor(address);
        if (!wait.isZero()) {
            throw new AuthenticationException("Too many failed attempts; try again later", wait);
        }
        Optional<Caller> caller = check.run();
        if (caller.isEmpty()) {
            throw failed(address);
        }
        throttle.succeeded(address);
        return caller.get();
    }

    private AuthenticationException failed(String address) {
        throttle.failed(address);
        return new AuthenticationException(FAILED, Duration.ZERO);
    }

    private String[] decodeBasic(String encoded) {
        try {
            String text = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            // a NUL or another character XML forbids is in no login or password (the database refuses NUL)
            if (colon > 0 && XmlChars.firstForbidden(text) < 0) {
                return new String[] {text.substring(0, colon), text.substring(colon + 1)};
            }
        } catch (IllegalArgumentException e) {
            // not Base64: treated as wrong credentials below
        }
        throw new AuthenticationException(FAILED, Duration.ZERO);
    }

    private Caller caller(UserStore.StoredUser user) {
        return new Caller(user.login(), aliases.expand(user.roles()), user.organisationId());
    }
}
