package fr.yseraa.observatory.core.ows;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/** An OGC service (WMS, WFS, WMTS, WPS...) plugged into the dispatcher. */
public interface OwsService {

    /** The SERVICE value, upper case: WMS, WFS... */
    String name();

    /** The versions it speaks, newest first. */
    List<String> versions();

    /** The REQUEST values it answers, as the standard spells them (GetCapabilities, GetMap...). */
    Set<String> operations();

    /**
     * The namespaces the root elements of its XML requests are in: a body whose root is in another is no request of
     * this service (OperationParsingFailed). Empty: not checked.
     */
    default Set<String> requestNamespaces() {
        return Set.of();
    }

    /**
     * How the service reports a failure at a version it speaks (null: its newest): OWS Common's ExceptionReport
     * unless the service has its own.
     */
    default ExceptionReporter exceptionReporter(String version) {
        return ExceptionReporter.ows(version == null ? versions().get(0) : version);
    }

    /**
     * Whether the service takes an operation at a version: one of {@link #versions()}, unless the service also takes
     * an older version of some operation (a client that speaks only that one, such as QGIS's WFS 1.0.0 Transaction).
     */
    default boolean acceptsVersion(String operation, String version) {
        return versions().contains(version);
    }

    /** Answers a request whose service and operation the dispatcher has already checked. */
    /**
     * Whether the service answers at a workspace's virtual endpoint ({@code /{workspace}/wfs}) with that workspace's
     * layers only ({@link OwsRequest#workspace()}); a service that does not is not offered there.
     */
    default boolean servesWorkspaces() {
        return false;
    }

    void handle(OwsRequest request, OwsResponse response) throws IOException;
}
