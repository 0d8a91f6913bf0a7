package fr.yseraa.observatory.server.operations;

import fr.yseraa.observatory.core.access.Caller;
import java.time.Duration;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests answered on one port: one line each in the access log — request id, client address, method, path (never
 * its query, where an API key may be), service, operation, status, bytes sent, time, caller (login and roles, or
 * anonymous; never a password or key) — and each in the metrics ({@link RequestMetrics}, label {@code port}). The
 * main port logs to {@code access}, the tile endpoint to {@code access.tiles}: {@code logging.level.access} routes
 * both, each may be routed alone.
 */
public final class AccessLog {

    /** The MDC key of the request id, which a server fault's report quotes. */
    public static final String REQUEST_ID = "requestId";
    /** The tile endpoint's logger ({@link TileAccessLogOutput} gives it an output of its own). */
    public static final String TILES_LOGGER = "access.tiles";

    private final Logger log;
    private final String port;
    private final RequestMetrics metrics;
    /** Whether the logger may have an output of its own that takes entries directly ({@link TileAccessLogOutput}). */
    private final boolean ownOutput;
    /** The meters of the last answer recorded: most answers of a port are of one kind (on the tile port, a HIT). */
    private volatile Counted last;

    /** Meters, and the answers they count. */
    private record Counted(RequestKind kind, int status, boolean anonymous, String tileCache,
                           RequestMetrics.Meters meters) {

        boolean count(Entry e) {
            return status == e.status() && anonymous == e.caller().isAnonymous() && kind.equals(e.kind())
                    && Objects.equals(tileCache, e.tileCache());
        }
    }

    private AccessLog(String logger, String port, RequestMetrics metrics, boolean ownOutput) {
        this.log = LoggerFactory.getLogger(logger);
        this.port = port;
        this.metrics = metrics;
        this.ownOutput = ownOutput;
    }

    /** The main port's (Tomcat's) log. */
    public static AccessLog mainPort(RequestMetrics metrics) {
        return new AccessLog("access", "main", metrics, false);
    }

    /** The tile endpoint's log. */
    public static AccessLog tilePort(RequestMetrics metrics) {
        return new AccessLog(TILES_LOGGER, "tiles", metrics, true);
    }

    /** A new request id: 12 hexadecimal digits. */
    public static String newRequestId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }

    /**
     * One request answered.
     *
     * @param tileCache the answer's {@code X-Tile-Cache} header (HIT or MISS), or null when it is no tile
     */
    public record Entry(String id, String address, String method, String path, RequestKind kind, int status,
                        long bytes, Duration took, Caller caller, String tileCache) {
    }

    public void record(Entry e) {
        Counted c = last;
        if (c == null || !c.count(e)) {
            RequestMetrics.Meters m = metrics.meters(port, e.kind(), e.status(), e.caller().isAnonymous(),
                    e.tileCache());
            c = m == null ? null : new Counted(e.kind(), e.status(), e.caller().isAnonymous(), e.tileCache(), m);
            last = c;
        }
        if (c != null) {
            c.meters().record(e.took());
        }
        BufferedLineAppender own = ownOutput ? TileAccessLogOutput.appender(log) : null;
        if (own != null) {
            own.write(e);
        } else if (log.isInfoEnabled()) {
            log.info(line(e, new StringBuilder(160)).toString());
        }
    }

    /**
     * Appends the entry's line, written out here rather than through a message pattern: the tile endpoint logs
     * thousands a second.
     */
    static StringBuilder line(Entry e, StringBuilder b) {
        b.append(e.id()).append(' ').append(e.address()).append(' ').append(e.method()).append(' ').append(e.path())
                .append(' ').append(e.kind().service()).append(' ').append(e.kind().operation()).append(' ')
                .append(e.status()).append(' ').append(e.bytes()).append("B ").append(e.took().toMillis())
                .append("ms ");
        if (e.caller().isAnonymous()) {
            return b.append("anonymous");
        }
        return b.append(e.caller().user()).append(' ').append(String.join(",", new TreeSet<>(e.caller().roles())));
    }
}
