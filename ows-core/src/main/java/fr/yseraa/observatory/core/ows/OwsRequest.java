package fr.yseraa.observatory.core.ows;

import fr.yseraa.observatory.core.access.Caller;

/**
 * A request routed to a service: the operation, the negotiated parts, the parameters (KVP) or the XML body
 * (POST), who is calling and the URL the service is reached at (for links in documents).
 *
 * @param version the VERSION asked for, or null when the client gave none
 * @param xmlBody the XML POST body, or null for a KVP request
 */
public record OwsRequest(String service, String operation, String version, KvpParameters kvp, byte[] xmlBody,
                         Caller caller, String serviceUrl) {

    public boolean isXml() {
        return xmlBody != null;
    }
}
