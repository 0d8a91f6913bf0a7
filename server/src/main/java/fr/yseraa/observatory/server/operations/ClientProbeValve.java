package fr.yseraa.observatory.server.operations;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Gives each request of the main port its {@link ClientProbe} (request attribute {@link ClientProbe#ATTRIBUTE}),
 * closed when the request leaves the container: Tomcat's own request object is only reachable from a valve.
 */
public final class ClientProbeValve extends ValveBase {

    public ClientProbeValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        ClientProbe probe = new ClientProbe(request.getCoyoteRequest());
        request.setAttribute(ClientProbe.ATTRIBUTE, probe);
        try {
            getNext().invoke(request, response);
        } finally {
            probe.close();
        }
    }
}
