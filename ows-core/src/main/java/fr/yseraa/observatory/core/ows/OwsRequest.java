package fr.yseraa.observatory.core.ows;

import fr.yseraa.observatory.core.access.Caller;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request routed to a service: the operation, the negotiated parts, the parameters (KVP) or the XML body
 * (POST), who is calling, the URL the service is reached at (for links in documents) and the HTTP request headers
 * (for conditional requests: If-None-Match, If-Modified-Since).
 *
 * @param version the VERSION asked for, or null when the client gave none
 * @param xmlBody the XML POST body, or null for a KVP request
 * @param headers the request headers, names matched without case (first value of each)
 * @param workspace the workspace whose virtual service was asked ({@code /{workspace}/wfs}): the service answers
 *     with that workspace's layers only; null at the server's own endpoints (every workspace)
 */
public record OwsRequest(String service, String operation, String version, KvpParameters kvp, byte[] xmlBody,
                         Caller caller, String serviceUrl, Map<String, String> headers, String workspace) {

    public OwsRequest {
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(byName);
    }

    /** A request at one of the server's own endpoints (every workspace). */
    public OwsRequest(String service, String operation, String version, KvpParameters kvp, byte[] xmlBody,
                      Caller caller, String serviceUrl, Map<String, String> headers) {
        this(service, operation, version, kvp, xmlBody, caller, serviceUrl, headers, null);
    }

    /** A request without HTTP headers (built by the server itself, or in tests). */
    public OwsRequest(String service, String operation, String version, KvpParameters kvp, byte[] xmlBody,
                      Caller caller, String serviceUrl) {
        this(service, operation, version, kvp, xmlBody, caller, serviceUrl, Map.of());
    }

    public boolean isXml() {
        return xmlBody != null;
    }

    /** A request header, whatever the case of its name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
