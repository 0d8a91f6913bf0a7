package fr.yseraa.observatory.server.operations;

import fr.yseraa.observatory.core.ows.ClientDeparture;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Watches the connection of a request the engine works on: every {@code obs.client-watch-interval} (1 s) until the
 * answer starts, its {@link ClientProbe} looks whether the client has gone; when it has, the request's
 * {@link ClientDeparture} (bound to the request's thread meanwhile) leaves, which cancels the statement in flight
 * in PostgreSQL and stops a WPS execution at its next progress point: its place and its connection are free within
 * a second or two instead of at the time limit. Once the answer has started, writing to a closed connection fails
 * and stops the work by itself.
 */
@Component
public class ClientWatch implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ClientWatch.class);

    private final Duration interval;
    private final ScheduledThreadPoolExecutor ticks = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "client-watch");
        t.setDaemon(true);
        return t;
    });

    public ClientWatch(@Value("${obs.client-watch-interval:PT1S}") Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("obs.client-watch-interval must be positive");
        }
        this.interval = interval;
        ticks.setRemoveOnCancelPolicy(true); // most requests end before their first look: leave no task behind
    }

    /** A watch over a request that needs nothing more from its client (its body is read), stopped on close. */
    @FunctionalInterface
    public interface Watching extends AutoCloseable {
        @Override
        void close();
    }

    /** Starts watching the request's client and binds its departure to the current thread. */
    public Watching start(HttpServletRequest request, HttpServletResponse response) {
        ClientDeparture departure = new ClientDeparture();
        ClientDeparture.Binding binding = departure.bind();
        if (!(request.getAttribute(ClientProbe.ATTRIBUTE) instanceof ClientProbe probe)) {
            return binding::close; // not through Tomcat's main port (a mock request): nothing to watch
        }
        String path = request.getRequestURI();
        ScheduledFuture<?> watching = ticks.scheduleWithFixedDelay(() -> {
            try {
                if (!departure.gone() && !response.isCommitted() && probe.gone()) {
                    LOG.info("client of {} has gone: stopping its work", path);
                    departure.leave();
                }
            } catch (RuntimeException e) { // the next tick tries again
                LOG.warn("watching the client of {} failed", path, e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            watching.cancel(false);
            binding.close();
        };
    }

    @Override
    public void destroy() {
        ticks.shutdownNow();
    }
}
