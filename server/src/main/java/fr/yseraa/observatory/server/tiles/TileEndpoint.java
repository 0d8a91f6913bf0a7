package fr.yseraa.observatory.server.tiles;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the RESTful tiles are served: the tile port of {@link TileHttpServer} ({@code obs.tiles.port}), or the main
 * port when it is off ({@code -1}). The capabilities' ResourceURL templates point there: the same host as the
 * request reached, on the tile port, unless {@code obs.tiles.public-url} says otherwise (a proxy in front).
 */
@Component
public class TileEndpoint {

    private final int configuredPort;
    private final String publicUrl;
    private volatile int boundPort = -1;

    public TileEndpoint(@Value("${obs.tiles.port:-1}") int port, @Value("${obs.tiles.public-url:}") String publicUrl) {
        this.configuredPort = port;
        this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
    }

    /** Whether tiles have a port of their own. */
    public boolean enabled() {
        return configuredPort >= 0;
    }

    /** The port to listen on (0: any free one). */
    int configuredPort() {
        return configuredPort;
    }

    /** Records the port the tile server listens on. */
    void bound(int port) {
        boundPort = port;
    }

    /** The port the tile server listens on, or -1 while it does not. */
    public int port() {
        return boundPort;
    }

    /** The root URL of the tiles for the server's root URL a request reached ({@code http://host:8080}). */
    public String baseFor(String base) {
        if (!publicUrl.isEmpty()) {
            return publicUrl;
        }
        if (boundPort < 0) {
            return base;
        }
        try {
            URI u = new URI(base);
            return new URI(u.getScheme(), u.getUserInfo(), u.getHost(), boundPort, u.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + base, e);
        }
    }
}
