package fr.yseraa.observatory.core.ows;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the client of the request the current thread answers has gone, and what to stop when it goes. The server
 * binds one to the request's thread while it watches the connection ({@link #bind}) and calls {@link #leave} when it
 * sees the connection closed; the feature-access layer registers each database transaction in flight
 * ({@link #whileRunning}) so that a departure cancels its statement in PostgreSQL at once, and checks
 * {@link #check} before starting one. Threads nobody bound (background jobs, tools, renders shared by several
 * requests) see {@link #NEVER}: their work never stops for a client. Work that a request hands to other threads (a
 * WPS process's parallel tasks on the common pool) takes the departure along, read by {@link #current} on the
 * request's thread: on those threads {@link #current} is {@link #NEVER}.
 */
public final class ClientDeparture {

    /** The departure of no client: work nobody waits on, or that others share. */
    public static final ClientDeparture NEVER = new ClientDeparture();

    private static final ThreadLocal<ClientDeparture> CURRENT = new ThreadLocal<>();

    private final Set<Registration> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean gone;

    /** The departure of the current thread's client, or {@link #NEVER}. */
    public static ClientDeparture current() {
        ClientDeparture bound = CURRENT.get();
        return bound == null ? NEVER : bound;
    }

    /** Makes this the current thread's departure until the binding closes (then the previous one is back). */
    public Binding bind() {
        ClientDeparture previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** The client has gone: every registered stop runs (on the caller's thread), later checks fail. */
    public void leave() {
        if (this == NEVER) {
            throw new IllegalStateException("NEVER has no client to leave");
        }
        gone = true;
        inFlight.forEach(Registration::stop);
    }

    /** Whether the client has gone. */
    public boolean gone() {
        return gone;
    }

    /** Fails with {@link ClientGoneException} when the client has gone: nobody will read the answer. */
    public void check() {
        if (gone) {
            throw new ClientGoneException();
        }
    }

    /**
     * Registers how to stop work in flight (cancel a statement) should the client go before the registration closes;
     * runs it at once when the client has already gone.
     */
    public Registration whileRunning(Runnable stop) {
        Registration registration = new Registration(stop, inFlight);
        inFlight.add(registration);
        if (gone) {
            registration.stop();
        }
        return registration;
    }

    /** A binding to the current thread, undone on close. */
    @FunctionalInterface
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Work in flight that a departure stops; close it when the work ends, before its resources go to other work (a
     * stop never runs after close, and close waits for a stop running).
     */
    public static final class Registration implements AutoCloseable {
        private final Runnable stop;
        private final Set<Registration> inFlight;
        private boolean closed;

        private Registration(Runnable stop, Set<Registration> inFlight) {
            this.stop = stop;
            this.inFlight = inFlight;
        }

        private synchronized void stop() {
            if (!closed) {
                stop.run();
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            inFlight.remove(this);
        }
    }
}
