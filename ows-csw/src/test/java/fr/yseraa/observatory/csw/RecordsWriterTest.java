package fr.yseraa.observatory.csw;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RecordsWriterTest {

    @Test
    void theAnswersTimeKeepsItsSecondsWhenTheyAreZero() {
        Clock onTheMinute = Clock.fixed(Instant.parse("2026-12-07T00:54:00Z"), ZoneOffset.UTC);
        assertThat(RecordsWriter.now(onTheMinute)).isEqualTo("2026-12-07T00:54:00Z");
        Clock anyTime = Clock.fixed(Instant.parse("2026-12-07T00:54:07.123Z"), ZoneOffset.UTC);
        assertThat(RecordsWriter.now(anyTime)).isEqualTo("2026-12-07T00:54:07Z");
    }
}
