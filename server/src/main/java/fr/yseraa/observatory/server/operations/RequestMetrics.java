package fr.yseraa.observatory.server.operations;

import fr.yseraa.observatory.core.access.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The requests in the metrics ({@code /actuator/prometheus}): {@code ows_requests_seconds} (a latency histogram
 * per port — main or tiles —, service, operation, status and caller kind: anonymous or authenticated; its count is the number of requests,
 * the 5xx statuses the errors) and {@code ows_tile_cache_requests_total} (tiles answered from the cache, hit, or
 * drawn, miss), for both ports.
 */
public final class RequestMetrics {

    private final ObjectProvider<MeterRegistry> registry;

    /** @param registry the metrics registry, looked up at the first request (the web server starts before it) */
    public RequestMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    /**
     * @param port {@code main} or {@code tiles} (the tile endpoint)
     * @param tileCache the answer's {@code X-Tile-Cache} header (HIT or MISS), or null when it is no tile
     */
    void record(String port, RequestKind kind, int status, Caller caller, Duration took, String tileCache) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters == null) {
            return;
        }
        Timer.builder("ows.requests").description("Requests by port, service, operation, status and caller kind")
                .tags("port", port, "service", kind.service(), "operation", kind.operation(), "status", Integer.toString(status),
                        "caller", caller.isAnonymous() ? "anonymous" : "authenticated")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(meters).record(took);
        if (tileCache != null) {
            Counter.builder("ows.tile.cache.requests").description("Tiles answered from the cache (hit) or drawn (miss)")
                    .tags("port", port, "result", tileCache.equalsIgnoreCase("HIT") ? "hit" : "miss")
                    .register(meters).increment();
        }
    }
}
