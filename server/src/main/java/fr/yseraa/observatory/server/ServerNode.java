package fr.yseraa.observatory.server;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** The name of this server among the replicas on one database ({@code host:port}), for the jobs it runs. */
public final class ServerNode {

    /** Servers started in this JVM on a port chosen at start (tests run several). */
    private static final AtomicInteger UNNAMED = new AtomicInteger();

    private ServerNode() {
    }

    /**
     * @param port the main port, or 0 when it is chosen at start: the process id and a count then tell servers apart,
     *     and each call names another server (call it once per server)
     */
    public static String name(int port) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + ":" + (port > 0 ? port : "pid" + ProcessHandle.current().pid() + "-" + UNNAMED.incrementAndGet());
    }
}
