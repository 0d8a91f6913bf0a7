package fr.yseraa.observatory.server.operations;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a request asked, in few words for logs and metrics: the service (WMS, WFS, WMTS, WPS, OWS, ogcapi, rest,
 * actuator, other) and the operation (an OGC operation name, {@code xml} for an XML POST, a REST resource). Always
 * one of a bounded set of values, whatever the client sends, so that metrics keep few series.
 */
public record RequestKind(String service, String operation) {

    private static final Set<String> SERVICES = Set.of("WMS", "WFS", "WMTS", "WPS");
    private static final Map<String, String> OPERATIONS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private static final Set<String> RESOURCES = Set.of("layers", "users", "tiles", "collections", "health",
            "prometheus", "info");

    static {
        for (String op : new String[] {"GetCapabilities", "GetMap", "GetFeatureInfo", "GetLegendGraphic", "GetFeature",
                "DescribeFeatureType", "GetPropertyValue", "GetFeatureById", "ListStoredQueries", "DescribeStoredQueries",
                "GetTile", "DescribeProcess", "Execute", "GetExecutionStatus", "GetExecutionOutput"}) {
            OPERATIONS.put(op, op);
        }
    }

    /** The kind of a request of the main port. */
    public static RequestKind of(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (uri == null) { // a request line Tomcat could not read
            return new RequestKind("other", "none");
        }
        String path = uri.substring(request.getContextPath().length());
        String[] segments = path.split("/");
        String first = segments.length > 1 ? segments[1] : "";
        String second = segments.length > 2 ? segments[2] : "";
        switch (first) {
            case "ows", "wms", "wfs", "wmts", "wps" -> {
                if (segments.length > 2) { // RESTful WMTS
                    return new RequestKind("WMTS", path.endsWith("WMTSCapabilities.xml") ? "GetCapabilities" : "GetTile");
                }
                String service = first.equals("ows") ? known(parameter(request, "SERVICE")) : first.toUpperCase(Locale.ROOT);
                return new RequestKind(service, operation(request));
            }
            case "ogcapi", "rest", "actuator" -> {
                return new RequestKind(first, RESOURCES.contains(second) ? second : "other");
            }
            default -> {
                if (segments.length == 3 && Set.of("wfs", "wms", "ows").contains(second)) { // a workspace's service
                    String service = second.equals("ows") ? known(parameter(request, "SERVICE"))
                            : second.toUpperCase(Locale.ROOT);
                    return new RequestKind(service, operation(request));
                }
                return new RequestKind("other", "none");
            }
        }
    }

    private static final RequestKind TILE = new RequestKind("WMTS", "GetTile");
    private static final RequestKind OTHER = new RequestKind("other", "none");

    /** The kind of a request of the tile endpoint, which serves RESTful WMTS tiles only. */
    public static RequestKind ofTilePath(String path) {
        return path.startsWith("/wmts/") ? TILE : OTHER;
    }

    private static String known(String service) {
        String upper = service == null ? "" : service.toUpperCase(Locale.ROOT);
        return SERVICES.contains(upper) ? upper : "OWS";
    }

    private static String operation(HttpServletRequest request) {
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if ("POST".equals(request.getMethod()) && !contentType.startsWith("application/x-www-form-urlencoded")) {
            return "xml";
        }
        String asked = parameter(request, "REQUEST");
        return asked == null ? "none" : OPERATIONS.getOrDefault(asked, "other");
    }

    /** A parameter whatever the case of its name (OGC clients spell them freely), or null. */
    private static String parameter(HttpServletRequest request, String name) {
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            if (p.getKey().equalsIgnoreCase(name) && p.getValue().length > 0) {
                return p.getValue()[0];
            }
        }
        return null;
    }
}
