package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** WPS 1.0.0: GetCapabilities, DescribeProcess and Execute (KVP and XML POST) over a process registry. */
public final class WpsService implements OwsService {

    private final ProcessRegistry registry;
    private final Supplier<Catalog> catalog;
    private final ExecuteOperation execute;
    private final ExecutionStore store;

    /** A WPS that executes synchronously only. */
    public WpsService(ProcessRegistry registry, Supplier<Catalog> catalog, ProcessRunner runner) {
        this(registry, catalog, runner, null);
    }

    /** @param store where asynchronous executions (storeExecuteResponse, status) run, or null for none */
    public WpsService(ProcessRegistry registry, Supplier<Catalog> catalog, ProcessRunner runner, ExecutionStore store) {
        this(registry, catalog, runner, store, ReferenceResolver.NONE);
    }

    /**
     * @param store where asynchronous executions (storeExecuteResponse, status) run, or null for none
     * @param references reads complex inputs given by reference ({@link ReferenceResolver#NONE} refuses them)
     */
    public WpsService(ProcessRegistry registry, Supplier<Catalog> catalog, ProcessRunner runner, ExecutionStore store,
                      ReferenceResolver references) {
        this(registry, catalog, runner, store, references, ExecutionLimits.DEFAULT);
    }

    /** @param limits how many synchronous executions run at once, and how long executions may take */
    public WpsService(ProcessRegistry registry, Supplier<Catalog> catalog, ProcessRunner runner, ExecutionStore store,
                      ReferenceResolver references, ExecutionLimits limits) {
        this.registry = registry;
        this.catalog = catalog;
        this.store = store;
        this.execute = new ExecuteOperation(registry, runner, store, references, limits);
    }

    @Override
    public String name() {
        return "WPS";
    }

    @Override
    public List<String> versions() {
        return List.of(WpsDocuments.VERSION);
    }

    /** Its requests' XML: http://www.opengis.net/wps/1.0.0. */
    @Override
    public Set<String> requestNamespaces() {
        return Set.of("http://www.opengis.net/wps/1.0.0");
    }

    @Override
    public Set<String> operations() {
        return store == null ? Set.of("GetCapabilities", "DescribeProcess", "Execute")
                : Set.of("GetCapabilities", "DescribeProcess", "Execute", "GetExecutionStatus", "GetExecutionOutput");
    }

    @Override
    public void handle(OwsRequest request, OwsResponse response) throws IOException {
        switch (request.operation()) {
            case "GetCapabilities" -> capabilities(request, response);
            case "DescribeProcess" -> describe(request, response);
            case "Execute" -> execute.handle(request, response);
            case "GetExecutionStatus" -> executionStatus(request, response);
            case "GetExecutionOutput" -> executionOutput(request, response);
            default -> throw new OwsException(OwsExceptionCode.OPERATION_NOT_SUPPORTED, request.operation(),
                    "Operation " + request.operation() + " is not supported");
        }
    }

    private void capabilities(OwsRequest request, OwsResponse response) throws IOException {
        request.kvp().get("AcceptVersions").ifPresent(v -> {
            if (Arrays.stream(v.split(",")).map(String::trim).noneMatch(WpsDocuments.VERSION::equals)) {
                throw new OwsException(OwsExceptionCode.VERSION_NEGOTIATION_FAILED, "AcceptVersions",
                        "This server speaks WPS " + WpsDocuments.VERSION + " only");
            }
        });
        Catalog c = catalog.get();
        write(response, out -> WpsCapabilitiesWriter.write(c.service(), registry.descriptions(request.caller()), request.serviceUrl(),
                c.updateSequence(), out));
    }

    private void describe(OwsRequest request, OwsResponse response) throws IOException {
        List<String> ids = request.isXml() ? XmlRequestReader.describeProcessIdentifiers(request.xmlBody())
                : Arrays.stream(request.kvp().require("identifier").split(",")).map(String::trim).toList();
        List<ProcessDescription> described = ids.size() == 1 && ids.get(0).equalsIgnoreCase("ALL")
                ? registry.descriptions(request.caller())
                : ids.stream().map(id -> registry.require(id, request.caller()).description()).toList();
        write(response, out -> ProcessDescriptionWriter.write(described, execute.storeSupported(), out));
    }

    /** The stored ExecuteResponse of an asynchronous execution (where its statusLocation points). */
    private void executionStatus(OwsRequest request, OwsResponse response) throws IOException {
        byte[] document = store.document(request.kvp().require("executionId"));
        response.setContentType(WpsDocuments.CONTENT_TYPE);
        try (OutputStream out = response.body()) {
            out.write(document);
        }
    }

    /** An output stored because it was asked as a reference (where its href points). */
    private void executionOutput(OwsRequest request, OwsResponse response) throws IOException {
        StoredOutput output = store.output(request.kvp().require("outputId"));
        response.setContentType(output.contentType());
        try (OutputStream out = response.body()) {
            out.write(output.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static void write(OwsResponse response, XmlWork work) throws IOException {
        response.setContentType(WpsDocuments.CONTENT_TYPE);
        try (OutputStream out = response.body()) {
            work.write(out);
        }
    }

    @FunctionalInterface
    interface XmlWork {
        void write(OutputStream out) throws IOException;
    }
}
