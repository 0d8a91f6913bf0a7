import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs the OGC WFS 2.0 conformance suite (ets-wfs20, on the class path) against a capabilities URL, offline, and
 * prints its counts and failures.
 *
 * <p>The suite fetches the schemas the answers name from schemas.opengis.net and www.w3.org: an HTTP proxy in this
 * process answers those from the official copies on the class path (the ogc-schemas and w3c-schemas jars, folders
 * {@code ogc/} and {@code w3c/}), anything else with 404; local addresses do not go through it (the JDK's default
 * {@code http.nonProxyHosts}). Usage: {@code EtsLauncher CAPABILITIES_URL OUTPUT_DIR}. Exit status: 0 no test
 * failed, 1 some did, 2 the suite did not run.
 */
public final class EtsLauncher {

    /** The hosts whose documents the proxy serves, and the class-path folder each one's copies are under. */
    private static final Map<String, String> SCHEMA_HOSTS = Map.of("schemas.opengis.net", "ogc", "www.w3.org", "w3c");

    private EtsLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: EtsLauncher CAPABILITIES_URL OUTPUT_DIR");
            System.exit(2);
        }
        Path out = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        Path properties = out.resolve("test-run-props.xml");
        Files.writeString(properties, """
                <?xml version="1.0" encoding="UTF-8"?>
                <properties version="1.0"><entry key="wfs">%s</entry></properties>
                """.formatted(args[0].replace("&", "&amp;")), StandardCharsets.UTF_8);
        long started = System.currentTimeMillis();
        HttpServer proxy = schemaProxy();
        try {
            Class.forName("org.opengis.cite.iso19142.TestNGController").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {"-o", out.toString(), properties.toString()});
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace(); // the report below says whether the suite ran at all
        } finally {
            proxy.stop(0);
        }
        System.exit(report(out, started));
    }

    /** Starts the proxy on a free local port and points the JDK's HTTP client at it. */
    private static HttpServer schemaProxy() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", EtsLauncher::serveSchema);
        server.start();
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", Integer.toString(server.getAddress().getPort()));
        return server;
    }

    private static void serveSchema(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String folder = uri.getHost() == null ? null : SCHEMA_HOSTS.get(uri.getHost());
        String path = uri.getPath() == null ? "" : uri.getPath();
        InputStream copy = folder == null || path.contains("..") ? null
                : EtsLauncher.class.getClassLoader().getResourceAsStream(folder + path);
        try (exchange) {
            if (copy == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            try (copy) {
                byte[] body = copy.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/xml");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(body);
                }
            }
        }
    }

    /** Prints the failed tests and the counts of the run's results; returns the exit status. */
    private static int report(Path out, long started) throws Exception {
        List<Path> results;
        try (Stream<Path> files = Files.walk(out)) {
            results = files.filter(p -> p.getFileName().toString().equals("testng-results.xml"))
                    .filter(p -> p.toFile().lastModified() >= started).toList();
        }
        if (results.isEmpty()) {
            System.out.println("ETS WFS 2.0 did not run: no testng-results.xml under " + out);
            return 2;
        }
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(results.get(0).toFile())
                .getDocumentElement();
        NodeList methods = root.getElementsByTagName("test-method");
        for (int i = 0; i < methods.getLength(); i++) {
            Element m = (Element) methods.item(i);
            if ("FAIL".equals(m.getAttribute("status")) && !"true".equals(m.getAttribute("is-config"))) {
                NodeList message = m.getElementsByTagName("message");
                String text = message.getLength() == 0 ? "" : message.item(0).getTextContent().strip()
                        .replace('\n', ' ');
                System.out.println("FAIL " + m.getAttribute("name") + " - "
                        + text.substring(0, Math.min(160, text.length())));
            }
        }
        int failed = Integer.parseInt(root.getAttribute("failed"));
        System.out.printf("ETS WFS 2.0 results: %s passed, %d failed, %s skipped of %s (%s)%n",
                root.getAttribute("passed"), failed, root.getAttribute("skipped"), root.getAttribute("total"),
                results.get(0));
        return failed > 0 ? 1 : 0;
    }
}
