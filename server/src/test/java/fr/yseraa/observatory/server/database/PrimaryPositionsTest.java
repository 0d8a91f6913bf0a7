package fr.yseraa.observatory.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How far behind a replica is, from its replay position and the primary's positions sampled over time. */
class PrimaryPositionsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");
    private final PrimaryPositions positions = new PrimaryPositions(Duration.ofSeconds(5));

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    @Test
    void beforeAnySampleNothingIsKnown() {
        assertThat(positions.tooFarBehind(Long.MAX_VALUE, T0)).isTrue();
    }

    @Test
    void untilTheSamplesGoBackMaxLagOnlyAReplicaThatReplayedEverythingIsKnownNotToLag() {
        positions.sampled(at(0), 100);
        positions.sampled(at(1), 200);
        assertThat(positions.tooFarBehind(200, at(1))).isFalse();
        assertThat(positions.tooFarBehind(199, at(1))).isTrue();
    }

    @Test
    void aReplicaLagsTooFarWhenItHasNotReplayedWhatThePrimaryHadWrittenMaxLagAgo() {
        for (int s = 0; s <= 10; s++) {
            positions.sampled(at(s), 1000L * s); // the primary writes 1000 bytes a second
        }
        // at 10 s, the primary had written 5000 at 5 s
        assertThat(positions.tooFarBehind(5000, at(10))).isFalse();
        assertThat(positions.tooFarBehind(4999, at(10))).isTrue();
        assertThat(positions.lag(4999, at(10))).isEqualTo(Duration.ofSeconds(5));
        assertThat(positions.lag(10_000, at(10))).isZero();
        assertThat(positions.lag(9_500, at(10))).as("written after the last sample only: not counted").isZero();
    }

    @Test
    void aQuietPrimaryIsNeverBehindItsReplica() {
        for (int s = 0; s <= 60; s++) {
            positions.sampled(at(s), 7000); // nothing written for a minute
        }
        assertThat(positions.tooFarBehind(7000, at(60))).isFalse();
        assertThat(positions.lag(7000, at(60))).isZero();
    }
}
