package fr.yseraa.observatory.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * Slows down password guessing: after {@value #FREE_FAILURES} failed attempts from one address, each further attempt
 * must wait twice as long as the previous one (up to 15 minutes). Attempts during the wait are refused unchecked.
 */
public final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);

    private record Failures(int count, long lastMillis) {
    }

    private final Clock clock;
    private final Cache<String, Failures> failures = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the address must still wait before it may try again (zero when it may try now). */
    public Duration waitFor(String address) {
        Failures f = failures.getIfPresent(address);
        if (f == null || f.count() < FREE_FAILURES) {
            return Duration.ZERO;
        }
        long wait = Math.min(MAX_WAIT.toMillis(), 1000L << Math.min(f.count() - FREE_FAILURES, 20));
        long left = f.lastMillis() + wait - clock.millis();
        return left > 0 ? Duration.ofMillis(left) : Duration.ZERO;
    }

    public void failed(String address) {
        failures.asMap().merge(address, new Failures(1, clock.millis()),
                (old, one) -> new Failures(old.count() + 1, clock.millis()));
    }

    public void succeeded(String address) {
        failures.invalidate(address);
    }
}
