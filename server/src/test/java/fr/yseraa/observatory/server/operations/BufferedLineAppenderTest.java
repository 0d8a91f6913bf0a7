package fr.yseraa.observatory.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import fr.yseraa.observatory.core.access.Caller;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lines as logback's pattern wrote them: the time in the default zone, then the text in UTF-8, every character. */
class BufferedLineAppenderTest {

    @Test
    void aLineIsItsTimeAndItsTextInUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BufferedLineAppender appender = new BufferedLineAppender("access.tiles", out);
        appender.setContext(new LoggerContext());
        appender.start();
        String path = "/wmts/1.0.0/obs:communes/défaut/WebMercatorQuad/10/343/518.png";
        Caller caller = new Caller("zoë\uD83E\uDD89", Set.of("partner"));
        long before = System.currentTimeMillis();
        appender.write(new AccessLog.Entry("0123456789ab", "192.0.2.7", "GET", path, RequestKind.ofTilePath(path),
                200, 1234, Duration.ofMillis(3), caller, "HIT"));
        long after = System.currentTimeMillis();
        appender.stop();
        String line = out.toString(StandardCharsets.UTF_8);
        assertThat(line).endsWith(" access.tiles : 0123456789ab 192.0.2.7 GET " + path
                + " WMTS GetTile 200 1234B 3ms zoë\uD83E\uDD89 partner\n");
        DateTimeFormatter logback = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
                .withZone(ZoneId.systemDefault());
        String time = line.substring(0, line.indexOf(' '));
        Instant written = OffsetDateTime.parse(time, logback).toInstant();
        assertThat(logback.format(written)).isEqualTo(time);
        assertThat(written.toEpochMilli()).isBetween(before, after);
    }
}
