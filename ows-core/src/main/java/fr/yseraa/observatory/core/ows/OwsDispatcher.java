package fr.yseraa.observatory.core.ows;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.xml.SecureXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Routes KVP and XML POST requests to services on SERVICE / REQUEST / VERSION, answering what a client got wrong
 * with the OGC exception code and locator the standards name.
 */
public final class OwsDispatcher {

    private final Map<String, OwsService> services = new LinkedHashMap<>();

    public OwsDispatcher(Collection<? extends OwsService> services) {
        services.forEach(s -> this.services.put(s.name().toUpperCase(Locale.ROOT), s));
    }

    public Collection<OwsService> services() {
        return services.values();
    }

    /**
     * The version exception reports of the dispatcher carry: the newest version of the service the endpoint names,
     * else OWS Common's own.
     */
    public String reportVersion(String endpointService) {
        OwsService service = endpointService == null ? null : services.get(endpointService.toUpperCase(Locale.ROOT));
        return service == null ? "1.1.0" : service.versions().get(0);
    }

    /**
     * How the dispatcher reports the failures of a request at an endpoint (those the service does not report
     * itself): OWS Common's ExceptionReport of {@link #reportVersion}, whatever the service.
     */
    public ExceptionReporter exceptionReporter(String endpointService) {
        return ExceptionReporter.ows(reportVersion(endpointService));
    }

    /**
     * Routes a KVP request.
     *
     * @param endpointService the service the URL names ({@code /wms}), or null at the generic {@code /ows}
     */
    public void dispatchKvp(String endpointService, KvpParameters kvp, Caller caller, String serviceUrl,
                            OwsResponse response) throws IOException {
        dispatchKvp(endpointService, kvp, caller, serviceUrl, Map.of(), response);
    }

    /** Routes a KVP request, passing the HTTP request headers on to the service. */
    public void dispatchKvp(String endpointService, KvpParameters kvp, Caller caller, String serviceUrl,
                            Map<String, String> headers, OwsResponse response) throws IOException {
        dispatchKvp(endpointService, null, kvp, caller, serviceUrl, headers, response);
    }

    /**
     * Routes a KVP request at a workspace's virtual endpoint ({@code workspace} null: the server's own endpoints).
     */
    public void dispatchKvp(String endpointService, String workspace, KvpParameters kvp, Caller caller,
                            String serviceUrl, Map<String, String> headers, OwsResponse response) throws IOException {
        // SERVICE is mandatory in KVP (OWS Common 1.1, 7.2.1), even where the path names the service
        OwsService service = service(endpointService, workspace, Optional.of(kvp.require("SERVICE")));
        String operation = operation(service, kvp.require("REQUEST"));
        String version = kvp.get("VERSION").orElse(null);
        checkVersion(service, operation, version);
        service.handle(new OwsRequest(service.name(), operation, version, kvp, null, caller, serviceUrl, headers,
                workspace), response);
    }

    /** Routes an XML POST request: the root element names the operation, its attributes the service and version. */
    public void dispatchXml(String endpointService, byte[] body, Caller caller, String serviceUrl, OwsResponse response)
            throws IOException {
        dispatchXml(endpointService, null, body, caller, serviceUrl, response);
    }

    /** Routes an XML POST request at a workspace's virtual endpoint ({@code workspace} null: the server's own). */
    public void dispatchXml(String endpointService, String workspace, byte[] body, Caller caller, String serviceUrl,
                            OwsResponse response) throws IOException {
        RootElement root = rootElement(body);
        OwsService service = service(endpointService, workspace, Optional.ofNullable(root.service()));
        if (!service.requestNamespaces().isEmpty() && !service.requestNamespaces().contains(root.namespace())) {
            throw new OwsException(OwsExceptionCode.OPERATION_PARSING_FAILED, null, "The request's root element "
                    + root.name() + " is in namespace '" + root.namespace() + "', not in one of " + service.name()
                    + " (" + String.join(", ", new java.util.TreeSet<>(service.requestNamespaces())) + ")");
        }
        String operation = operation(service, root.name());
        checkVersion(service, operation, root.version());
        service.handle(new OwsRequest(service.name(), operation, root.version(), KvpParameters.of(Map.of()), body,
                caller, serviceUrl, Map.of(), workspace), response);
    }

    private OwsService service(String endpointService, String workspace, Optional<String> asked) {
        OwsService service = service(endpointService, asked);
        if (workspace != null && !service.servesWorkspaces()) {
            throw OwsException.invalidParameter("service", "Service " + service.name()
                    + " is not offered at the virtual endpoint of workspace " + workspace);
        }
        return service;
    }

    private OwsService service(String endpointService, Optional<String> asked) {
        if (endpointService != null && asked.isPresent() && !asked.get().equalsIgnoreCase(endpointService)) {
            throw OwsException.invalidParameter("service", "This endpoint serves " + endpointService + ", not " + asked.get());
        }
        String name = endpointService != null ? endpointService : asked.orElseThrow(() -> OwsException.missingParameter("service"));
        OwsService service = services.get(name.toUpperCase(Locale.ROOT));
        if (service == null) {
            throw OwsException.invalidParameter("service", "Service " + name + " is not offered here"
                    + (services.isEmpty() ? "" : "; services offered: " + String.join(", ", services.keySet())));
        }
        return service;
    }

    private static String operation(OwsService service, String asked) {
        return service.operations().stream().filter(op -> op.equalsIgnoreCase(asked)).findFirst()
                .orElseThrow(() -> new OwsException(OwsExceptionCode.OPERATION_NOT_SUPPORTED, asked,
                        "Operation " + asked + " is not supported by " + service.name() + "; supported: "
                                + String.join(", ", service.operations())));
    }

    private static void checkVersion(OwsService service, String operation, String version) {
        // GetCapabilities negotiates versions (AcceptVersions, or the 1.1.1-style VERSION); the service decides
        if (version != null && !"GetCapabilities".equals(operation)
                && !service.acceptsVersion(operation, version)) {
            throw OwsException.invalidParameter("version", "Version " + version + " of " + service.name()
                    + " is not supported; supported: " + String.join(", ", service.versions()));
        }
    }

    private record RootElement(String name, String namespace, String service, String version) {
    }

    private static RootElement rootElement(byte[] body) {
        try {
            XMLStreamReader r = SecureXml.inputFactory().createXMLStreamReader(new ByteArrayInputStream(body));
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new OwsException(OwsExceptionCode.OPERATION_PARSING_FAILED, null,
                            "Document type declarations are not accepted in requests");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return new RootElement(r.getLocalName(), r.getNamespaceURI() == null ? "" : r.getNamespaceURI(),
                            r.getAttributeValue(null, "service"),
                            r.getAttributeValue(null, "version"));
                }
            }
        } catch (XMLStreamException e) {
            throw new OwsException(OwsExceptionCode.OPERATION_PARSING_FAILED, null,
                    "The request body is not well-formed XML: " + SecureXml.problem(e));
        }
        throw new OwsException(OwsExceptionCode.OPERATION_PARSING_FAILED, null, "The request body has no XML element");
    }
}
