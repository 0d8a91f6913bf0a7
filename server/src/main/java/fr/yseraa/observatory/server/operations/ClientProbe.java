package fr.yseraa.observatory.server.operations;

import org.apache.coyote.ActionCode;
import org.apache.coyote.Request;

/**
 * Tells whether a request's client has closed its connection, without taking anything from it: a non-blocking read
 * attempt on the socket through Tomcat's own "available" action (what {@code ServletInputStream.isReady} uses), which
 * meets the end of the stream (or a reset) once the client has gone. Tomcat's servlet API says nothing of a closed
 * connection until the answer is written, and a synchronous request is not in its poller then: this is the way to
 * see it. Bytes a pipelining client sends next stay in Tomcat's buffer for its next request; they do not count as a
 * departure. Only once the request's body has been read ({@link ClientWatch} starts after that), and never after the
 * request ends ({@link ClientProbeValve} closes it: Tomcat recycles the request for the next one).
 */
public final class ClientProbe {

    /** The request attribute under which {@link ClientProbeValve} leaves the request's probe. */
    public static final String ATTRIBUTE = ClientProbe.class.getName();

    private final Request request;
    private boolean closed;

    ClientProbe(Request request) {
        this.request = request;
    }

    /** Whether the connection met its end: nothing more can reach the client. */
    public synchronized boolean gone() {
        if (closed || available(true) == 0) {
            return false; // nothing to read: the client still waits
        }
        if (available(false) > 0) {
            return false; // a request's body (or the next request) has bytes waiting: it is still there
        }
        return available(true) > 0; // no bytes were read, yet a read "has something": the end of the stream
    }

    /**
     * What Tomcat says can be read: with {@code read}, after a non-blocking read attempt on the socket when nothing
     * is buffered (an end of stream or an error count as 1, so that a read would report them); without, what is
     * buffered for the request's body.
     */
    private int available(boolean read) {
        request.action(ActionCode.AVAILABLE, read);
        return request.getAvailable();
    }

    /** The request is over: never probe again (waits for a probe under way). */
    synchronized void close() {
        closed = true;
    }
}
