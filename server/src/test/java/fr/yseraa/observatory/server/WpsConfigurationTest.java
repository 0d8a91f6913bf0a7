package fr.yseraa.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.wps.ExecutionLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The public's share of the synchronous WPS executions: set, or by default half the processors. */
class WpsConfigurationTest {

    private static ExecutionLimits limits(int running, Integer anonymous) {
        return new WpsConfiguration().wpsLimits(running, anonymous, Duration.ofSeconds(1), Duration.ofMinutes(2),
                Duration.ofMinutes(30));
    }

    @Test
    void byDefaultThePublicRunsOnHalfTheProcessorsAtLeastOne() {
        int expected = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        assertThat(limits(64, null).publicPlaces()).isEqualTo(expected);
    }

    @Test
    void theDefaultNeverExceedsTheWholeLimit() {
        assertThat(limits(1, null).publicPlaces()).isEqualTo(1);
    }

    @Test
    void aSetShareIsKeptZeroIncluded() {
        assertThat(limits(4, 3).publicPlaces()).isEqualTo(3);
        assertThat(limits(4, 0).publicPlaces()).isZero();
    }
}
