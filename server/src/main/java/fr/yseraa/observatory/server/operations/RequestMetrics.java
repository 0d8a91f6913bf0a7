package fr.yseraa.observatory.server.operations;

import fr.yseraa.observatory.core.access.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The requests in the metrics ({@code /actuator/prometheus}): {@code ows_requests_seconds} (a latency histogram
 * per port — main or tiles —, service, operation, status and caller kind: anonymous or authenticated; its count is the number of requests,
 * the 5xx statuses the errors) and {@code ows_tile_cache_requests_total} (tiles answered from the cache, hit, or
 * drawn, miss), for both ports.
 */
public final class RequestMetrics {

    /** What tells one latency timer from another. */
    private record TimerKey(String port, String service, String operation, int status, boolean anonymous) {
    }

    private record CacheKey(String port, boolean hit) {
    }

    private final ObjectProvider<MeterRegistry> registry;
    private volatile MeterRegistry meters;
    /** The meters met so far: a request looks its own up in a map instead of building it anew. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<CacheKey, Counter> cacheCounters = new ConcurrentHashMap<>();

    /** @param registry the metrics registry, looked up at the first request (the web server starts before it) */
    public RequestMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** The meters an answer counts in: its latency timer and, for a tile, the cache's hit or miss counter (or null). */
    record Meters(Timer timer, Counter tileCache) {

        void record(Duration took) {
            timer.record(took);
            if (tileCache != null) {
                tileCache.increment();
            }
        }
    }

    /**
     * The meters of an answer, made at its first time; null while there is no registry yet.
     *
     * @param port {@code main} or {@code tiles} (the tile endpoint)
     * @param tileCache the answer's {@code X-Tile-Cache} header (HIT or MISS), or null when it is no tile
     */
    Meters meters(String port, RequestKind kind, int status, boolean anonymous, String tileCache) {
        MeterRegistry m = meters;
        if (m == null) {
            m = registry.getIfAvailable();
            if (m == null) {
                return null;
            }
            meters = m;
        }
        MeterRegistry found = m;
        Timer timer = timers.computeIfAbsent(new TimerKey(port, kind.service(), kind.operation(), status, anonymous),
                k -> Timer.builder("ows.requests")
                        .description("Requests by port, service, operation, status and caller kind")
                        .tags("port", k.port(), "service", k.service(), "operation", k.operation(),
                                "status", Integer.toString(k.status()),
                                "caller", k.anonymous() ? "anonymous" : "authenticated")
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofMinutes(2))
                        .register(found));
        Counter counter = tileCache == null ? null
                : cacheCounters.computeIfAbsent(new CacheKey(port, tileCache.equalsIgnoreCase("HIT")),
                        k -> Counter.builder("ows.tile.cache.requests")
                                .description("Tiles answered from the cache (hit) or drawn (miss)")
                                .tags("port", k.port(), "result", k.hit() ? "hit" : "miss")
                                .register(found));
        return new Meters(timer, counter);
    }
}
