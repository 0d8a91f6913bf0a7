package fr.yseraa.observatory.server.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Slows down password guessing: after {@value #FREE_FAILURES} failed attempts from one address, each further attempt
 * must wait twice as long as the previous one (up to 15 minutes). Attempts during the wait are refused unchecked.
 * The failures are kept in {@code security.login_failure}, so that all the replicas of the server count them
 * together; an address that has not failed for {@link #MEMORY} starts afresh.
 */
public final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration MEMORY = Duration.ofHours(1);

    private final DataSource dataSource;
    private final Clock clock;

    public LoginThrottle(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** How long the address must still wait before it may try again (zero when it may try now). */
    public Duration waitFor(String address) {
        long now = clock.millis();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT failures, last_millis FROM security.login_failure WHERE address = ? AND last_millis > ?")) {
            ps.setString(1, address);
            ps.setLong(2, now - MEMORY.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(1) < FREE_FAILURES) {
                    return Duration.ZERO;
                }
                long wait = Math.min(MAX_WAIT.toMillis(), 1000L << Math.min(rs.getInt(1) - FREE_FAILURES, 20));
                long left = rs.getLong(2) + wait - now;
                return left > 0 ? Duration.ofMillis(left) : Duration.ZERO;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the failed logins: " + e.getMessage(), e);
        }
    }

    /** Counts a failed attempt of the address (and forgets the addresses that have not failed for long). */
    public void failed(String address) {
        long now = clock.millis();
        try (Connection c = dataSource.getConnection();
             PreparedStatement forget = c.prepareStatement(
                     "DELETE FROM security.login_failure WHERE last_millis <= ?");
             PreparedStatement count = c.prepareStatement("""
                     INSERT INTO security.login_failure AS f (address, failures, last_millis) VALUES (?, 1, ?)
                     ON CONFLICT (address) DO UPDATE SET failures = f.failures + 1, last_millis = excluded.last_millis
                     """)) {
            forget.setLong(1, now - MEMORY.toMillis());
            forget.executeUpdate();
            count.setString(1, address);
            count.setLong(2, now);
            count.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count a failed login: " + e.getMessage(), e);
        }
    }

    /** Forgets the failures of an address that logged in. */
    public void succeeded(String address) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM security.login_failure WHERE address = ?")) {
            ps.setString(1, address);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot forget failed logins: " + e.getMessage(), e);
        }
    }
}
