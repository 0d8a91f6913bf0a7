package fr.yseraa.observatory.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import fr.yseraa.observatory.core.access.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * The tile endpoint's access log on an output of its own: every line written, with its fields, in the plain pattern;
 * none kept in the buffer for long, none lost when the application stops; the main port's log left alone.
 */
class TileAccessLogOutputTest {

    private static final String TILE = "/wmts/1.0.0/obs:communes/default/WebMercatorQuad/10/343/518.png";

    private final AccessLog tiles = AccessLog.tilePort(
            new RequestMetrics(new DefaultListableBeanFactory().getBeanProvider(MeterRegistry.class)));

    @TempDir
    Path dir;

    @Test
    void theTilePortsLinesGoToTheirFileWithTheirFields() throws Exception {
        Path file = dir.resolve("tiles.log");
        TileAccessLogOutput output = new TileAccessLogOutput(file.toString());
        try {
            tiles.record(entry("0123456789ab", Caller.anonymous(), 200, 1234, "HIT"));
            tiles.record(entry("ba9876543210", new Caller("tiler", Set.of("partner", "instructor")), 401, 0, null));
            LoggerFactory.getLogger("access").info("a line of the main port");
            // sent within a second of the line, without waiting for the buffer to fill
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(file).contains("tiler"));
            assertThat(Files.readAllLines(file)).hasSize(2).satisfiesExactly(
                    line -> assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ access.tiles : "
                            + "0123456789ab 192.0.2.7 GET " + TILE + " WMTS GetTile 200 1234B 3ms anonymous"),
                    line -> assertThat(line).endsWith(" access.tiles : ba9876543210 192.0.2.7 GET " + TILE
                            + " WMTS GetTile 401 0B 3ms tiler instructor,partner"));
        } finally {
            output.destroy();
        }
        tiles.record(entry("after", Caller.anonymous(), 200, 1, "HIT")); // to the console again
        assertThat(Files.readString(file)).doesNotContain("after");
        assertThat(tilesLogger().isAdditive()).isTrue();
    }

    @Test
    void noLineIsLostWhenTheApplicationStops() throws Exception {
        Path file = dir.resolve("many.log");
        TileAccessLogOutput output = new TileAccessLogOutput(file.toString());
        for (int i = 0; i < 20_000; i++) { // several buffers full, the last one partly
            tiles.record(entry(Integer.toHexString(i), Caller.anonymous(), 200, i, "HIT"));
        }
        output.destroy();
        assertThat(Files.readAllLines(file)).hasSize(20_000).last().asString().contains(" 4e1f ", " 19999B ");
    }

    @Test
    void throughSpringBootsLoggingTheLoggerKeepsNoOutputOfItsOwn() throws Exception {
        TileAccessLogOutput output = new TileAccessLogOutput("logging");
        assertThat(tilesLogger().getAppender(AccessLog.TILES_LOGGER)).isNull();
        assertThat(tilesLogger().isAdditive()).isTrue();
        output.destroy();
    }

    private static Logger tilesLogger() {
        return (Logger) LoggerFactory.getLogger(AccessLog.TILES_LOGGER);
    }

    private static AccessLog.Entry entry(String id, Caller caller, int status, long bytes, String tileCache) {
        return new AccessLog.Entry(id, "192.0.2.7", "GET", TILE, RequestKind.ofTilePath(TILE), status, bytes,
                Duration.ofMillis(3), caller, tileCache);
    }
}
