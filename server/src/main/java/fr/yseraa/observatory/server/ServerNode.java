package fr.yseraa.observatory.server;

import java.io.IOException;
import java.net.InetAddress;

/** The name of this server among the replicas on one database ({@code host:port}), for the jobs it runs. */
public final class ServerNode {

    private ServerNode() {
    }

    /** @param port the main port, or 0 when it is chosen at start (the process id then tells servers apart) */
    public static String name(int port) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + ":" + (port > 0 ? port : "pid" + ProcessHandle.current().pid());
    }
}
