package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A URL a client gave, checked to point at one of this server's own OGC endpoints: same scheme, host and port as the
 * service the request reached, and a path among {@code endpoints} next to that service's path. Only its parameters
 * are then used; nothing is ever fetched.
 */
final class OwnServiceUrl {

    private OwnServiceUrl() {
    }

    /**
     * The KVP parameters of {@code href}.
     *
     * @param serviceUrl the URL the current request reached (e.g. {@code http://host:8080/wps})
     * @param endpoints the endpoint names accepted (e.g. {@code wfs}, {@code ows})
     * @throws OwsException InvalidParameterValue naming {@code inputId} when the URL points anywhere else
     */
    static KvpParameters parameters(String inputId, String href, String serviceUrl, Set<String> endpoints) {
        URI uri = uri(inputId, href);
        URI service = URI.create(serviceUrl);
        String base = service.getPath().substring(0, service.getPath().lastIndexOf('/') + 1);
        boolean sameServer = uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(service.getScheme())
                && uri.getHost() != null && uri.getHost().equalsIgnoreCase(service.getHost())
                && port(uri) == port(service) && uri.getUserInfo() == null && uri.getPath() != null
                && uri.getPath().startsWith(base) && endpoints.contains(uri.getPath().substring(base.length()));
        if (!sameServer) {
            throw OwsException.invalidParameter(inputId, "Entrée " + inputId + " : seules les références à un service "
                    + String.join(" ou ", endpoints.stream().sorted().map(e -> base + e).toList()) + " de ce serveur ("
                    + service.getScheme() + "://" + service.getAuthority() + ") sont acceptées, pas " + href);
        }
        return KvpParameters.of(query(inputId, uri.getRawQuery()));
    }

    private static URI uri(String inputId, String href) {
        try {
            return new URI(href.trim());
        } catch (URISyntaxException e) {
            throw OwsException.invalidParameter(inputId, "Entrée " + inputId + " : référence illisible (" + e.getMessage() + ")");
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    private static Map<String, String> query(String inputId, String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                parameters.putIfAbsent(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw OwsException.invalidParameter(inputId, "Entrée " + inputId + " : paramètre mal encodé dans la référence : " + pair);
            }
        }
        return parameters;
    }
}
