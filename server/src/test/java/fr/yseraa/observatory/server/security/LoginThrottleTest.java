package fr.yseraa.observatory.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void waitsGrowAfterTheFreeFailuresAndSuccessForgets() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(throttle.waitFor("10.0.0.1")).isZero();
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("10.0.0.2")).as("other addresses are not slowed").isZero();
        clock.now = clock.now.plusSeconds(1);
        throttle.failed("10.0.0.1");
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 30; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(LoginThrottle.MAX_WAIT);
        throttle.succeeded("10.0.0.1");
        assertThat(throttle.waitFor("10.0.0.1")).isZero();
    }
}
