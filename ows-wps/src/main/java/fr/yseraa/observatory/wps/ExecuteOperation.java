package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.ows.ClientDeparture;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import fr.yseraa.observatory.wps.process.ProcessResult;
import fr.yseraa.observatory.wps.process.ProgressListener;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Execute: reads the request (KVP or XML), checks its inputs and response form against the process description
 * before anything runs, runs the process synchronously and answers the raw output or an ExecuteResponse.
 */
final class ExecuteOperation {

    private final ProcessRegistry registry;
    private final ProcessRunner runner;
    private final ExecutionStore store;
    private final ReferenceResolver references;
    private final ExecutionLimits limits;

    /**
     * @param store where asynchronous executions run and keep their responses, or null for synchronous only
     * @param references reads the inputs given by reference
     * @param limits how many synchronous executions run at once, and how long executions may take
     */
    ExecuteOperation(ProcessRegistry registry, ProcessRunner runner, ExecutionStore store, ReferenceResolver references,
                     ExecutionLimits limits) {
        this.registry = registry;
        this.runner = runner;
        this.store = store;
        this.references = references;
        this.limits = limits;
    }

    boolean storeSupported() {
        return store != null;
    }

    void handle(OwsRequest request, OwsResponse response) throws IOException {
        ExecuteRequest execute = request.isXml() ? XmlRequestReader.execute(request.xmlBody())
                : KvpExecuteParser.parse(request.kvp(), (processId, inputId) -> kindOf(processId, inputId, request));
        WpsProcess process = registry.require(execute.identifier(), request.caller());
        runner.checkLayers(process, request.caller());
        ProcessDescription description = process.description();
        ProcessInputs inputs = ProcessInputs.bind(description,
                ReferencedInputs.resolve(description, execute.inputs(), references, request));
        if (execute.form() instanceof ExecuteRequest.RawDataOutput raw) {
            ChosenOutput output = ChosenOutput.of(description, raw.identifier(), raw.mimeType(), "RawDataOutput");
            ProcessResult result = runSynchronously(process, inputs, request);
            writeRaw(output, result, response);
            return;
        }
        ExecuteRequest.ResponseDocument doc = (ExecuteRequest.ResponseDocument) execute.form();
        if ((doc.storeExecuteResponse() || doc.status()) && store == null) {
            throw new OwsException(OwsExceptionCode.OPTION_NOT_SUPPORTED, "storeExecuteResponse",
                    "This server executes processes synchronously only");
        }
        List<ChosenOutput> outputs = new ArrayList<>();
        if (doc.outputs().isEmpty()) {
            for (OutputDescription o : description.outputs()) {
                outputs.add(ChosenOutput.of(description, o.identifier(), null, "ResponseDocument"));
            }
        } else {
            for (ExecuteRequest.RequestedOutput o : doc.outputs()) {
                if (o.asReference() && store == null) {
                    throw new OwsException(OwsExceptionCode.OPTION_NOT_SUPPORTED, o.identifier(),
                            "Outputs are embedded in the response; asReference is not supported");
                }
                outputs.add(ChosenOutput.of(description, o.identifier(), o.mimeType(), "ResponseDocument")
                        .asReference(o.asReference()));
            }
        }
        if (doc.storeExecuteResponse() || doc.status()) {
            byte[] accepted = startInBackground(process, inputs, execute, outputs, doc.lineage(), request);
            response.setContentType(WpsDocuments.CONTENT_TYPE);
            try (OutputStream out = response.body()) {
                out.write(accepted);
            }
            return;
        }
        ProcessResult result = runSynchronously(process, inputs, request);
        Map<String, StoredOutput> stored = referenced(outputs, result);
        UUID id = UUID.randomUUID();
        if (!stored.isEmpty()) {
            store.outputs(id, description.identifier(), request.caller().user(), stored);
        }
        Map<String, String> references = references(id, stored, request.serviceUrl());
        WpsService.write(response, out -> ExecuteResponseWriter.write(description,
                new ExecutionStatus.Succeeded(Instant.now()), execute.inputs(), outputs, doc.lineage(), result,
                references, request.serviceUrl(), null, out));
    }

    /**
     * Runs the process while the client waits, once it has a place among the running executions (else ServerBusy),
     * within the synchronous time limit, stopped at its next progress point if the client leaves.
     */
    private ProcessResult runSynchronously(WpsProcess process, ProcessInputs inputs, OwsRequest request) {
        try (ExecutionLimits.Place place = limits.enter(request.caller())) {
            return runner.run(process, inputs, request.caller(), ProgressListener.NONE,
                    limits.synchronous(ClientDeparture.current()));
        }
    }

    /**
     * Queues the execution and returns the ProcessAccepted document; the stored document then follows the execution
     * (ProcessStarted with its progress, ProcessSucceeded with the outputs, or ProcessFailed).
     */
    private byte[] startInBackground(WpsProcess process, ProcessInputs inputs, ExecuteRequest execute,
                                     List<ChosenOutput> outputs, boolean lineage, OwsRequest request) {
        UUID id = UUID.randomUUID();
        String statusLocation = request.serviceUrl() + "?service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=" + id;
        StatusDocuments documents = new StatusDocuments(process.description(), execute.inputs(), outputs, lineage,
                request.serviceUrl(), statusLocation);
        byte[] accepted = documents.of(new ExecutionStatus.Accepted(store.now()), null, Map.of());
        store.accept(id, process.description().identifier(), request.caller().user(), accepted,
                documents.of(new ExecutionStatus.Failed(store.now(), new OwsException(OwsExceptionCode.NO_APPLICABLE_CODE,
                        null, "The execution did not end: the server running it stopped before it ended; run it again")),
                        null, Map.of()));
        store.submit(id, () -> {
            try {
                ProcessResult result = runner.run(process, inputs, request.caller(), (percent, message) ->
                        store.progress(id, percent, documents.of(new ExecutionStatus.Started(store.now(), percent,
                                message), null, Map.of())),
                        limits.asynchronous());
                Map<String, StoredOutput> stored = referenced(outputs, result);
                store.succeeded(id, documents.of(new ExecutionStatus.Succeeded(store.now()), result,
                        references(id, stored, request.serviceUrl())), stored);
            } catch (OwsException e) {
                store.failed(id, documents.of(new ExecutionStatus.Failed(store.now(), e), null, Map.of()));
            }
        });
        return accepted;
    }

    /** The ExecuteResponse documents of one stored execution, at each of its states. */
    private record StatusDocuments(ProcessDescription process, java.util.Map<String, List<fr.yseraa.observatory.wps.process.InputValue>> inputs,
                                   List<ChosenOutput> outputs, boolean lineage, String serviceUrl, String statusLocation) {
        byte[] of(ExecutionStatus status, ProcessResult result, Map<String, String> references) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ExecuteResponseWriter.write(process, status, inputs, outputs, lineage, result, references, serviceUrl,
                    statusLocation, out);
            return out.toByteArray();
        }
    }

    private WpsInputKinds.Kind kindOf(String processId, String inputId, OwsRequest request) {
        return registry.find(processId, request.caller()).flatMap(p -> p.description().input(inputId)).map(i -> {
            if (i instanceof InputDescription.Complex) {
                return WpsInputKinds.Kind.COMPLEX;
            }
            return i instanceof InputDescription.BoundingBox ? WpsInputKinds.Kind.BOUNDING_BOX : WpsInputKinds.Kind.LITERAL;
        }).orElse(WpsInputKinds.Kind.LITERAL);
    }

    private static void writeRaw(ChosenOutput output, ProcessResult result, OwsResponse response) throws IOException {
        StoredOutput rendered = rendered(output, result);
        response.setContentType(rendered.contentType());
        if (output.mimeType() != null && output.mimeType().equals("text/csv")) {
            response.setHeader("Content-Disposition", "attachment; filename=\""
                    + output.description().identifier() + ".csv\"");
        }
        try (OutputStream out = response.body()) {
            out.write(rendered.text().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An output's text in its chosen format, with its content type. */
    private static StoredOutput rendered(ChosenOutput output, ProcessResult result) {
        return new StoredOutput(output.text(result), output.mediaType() + "; charset=UTF-8");
    }

    /** The outputs asked as references, rendered, by output identifier. */
    private static Map<String, StoredOutput> referenced(List<ChosenOutput> outputs, ProcessResult result) {
        Map<String, StoredOutput> stored = new LinkedHashMap<>();
        for (ChosenOutput o : outputs) {
            if (o.asReference()) {
                stored.put(o.description().identifier(), rendered(o, result));
            }
        }
        return stored;
    }

    /** By output identifier, the URL each output stored for the execution is read at. */
    private static Map<String, String> references(UUID execution, Map<String, StoredOutput> stored, String serviceUrl) {
        Map<String, String> references = new LinkedHashMap<>();
        stored.keySet().forEach(identifier -> references.put(identifier, serviceUrl
                + "?service=WPS&version=1.0.0&request=GetExecutionOutput&outputId="
                + ExecutionStore.outputId(execution, identifier)));
        return references;
    }
}
