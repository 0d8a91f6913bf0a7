package fr.yseraa.observatory.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.server.DatabaseMigrations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The throttle over the real table, as two replicas of the server on one database would use it. */
class LoginThrottleTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private static DataSource database;

    @BeforeAll
    static void migrate() {
        database = TestPostgis.dataSource(TestPostgis.freshDatabase("login_throttle"));
        DatabaseMigrations.migrate(database);
    }

    @Test
    void waitsGrowAfterTheFreeFailuresAndSuccessForgets() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(database, clock);
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

    @Test
    void replicasCountTheSameAddressTogether() {
        ManualClock clock = new ManualClock();
        LoginThrottle a = new LoginThrottle(database, clock);
        LoginThrottle b = new LoginThrottle(database, clock);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            (i % 2 == 0 ? a : b).failed("10.0.1.1");
        }
        assertThat(a.waitFor("10.0.1.1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.waitFor("10.0.1.1")).as("failures spread over replicas add up").isEqualTo(Duration.ofSeconds(1));
        b.succeeded("10.0.1.1");
        assertThat(a.waitFor("10.0.1.1")).as("a login on one replica frees the address on all").isZero();
    }

    @Test
    void anAddressQuietForAnHourStartsAfresh() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(database, clock);
        for (int i = 0; i < 20; i++) {
            throttle.failed("10.0.2.1");
        }
        assertThat(throttle.waitFor("10.0.2.1")).isEqualTo(LoginThrottle.MAX_WAIT);
        clock.now = clock.now.plus(LoginThrottle.MEMORY).plusSeconds(1);
        assertThat(throttle.waitFor("10.0.2.1")).isZero();
        throttle.failed("10.0.2.1");
        for (int i = 1; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(throttle.waitFor("10.0.2.1")).as("counted from one again").isZero();
            throttle.failed("10.0.2.1");
        }
        assertThat(throttle.waitFor("10.0.2.1")).isEqualTo(Duration.ofSeconds(1));
    }
}
