package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.wps.process.InputValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Execute request, from KVP or XML, before its inputs are checked against the process.
 *
 * @param inputs the values given for each input identifier, in request order
 * @param form how the client wants the outputs
 */
public record ExecuteRequest(String identifier, Map<String, List<InputValue>> inputs, ResponseForm form) {

    public ExecuteRequest {
        Map<String, List<InputValue>> copy = new LinkedHashMap<>();
        inputs.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        inputs = java.util.Collections.unmodifiableMap(copy);
    }

    /** How outputs are returned: one raw output, or an ExecuteResponse document. */
    public sealed interface ResponseForm {
    }

    /** @param mimeType the format wanted, or null for the output's default */
    public record RawDataOutput(String identifier, String mimeType) implements ResponseForm {
    }

    /**
     * @param outputs the outputs wanted, or empty for all of them
     * @param lineage whether the response repeats the inputs and output definitions
     * @param storeExecuteResponse whether the response is stored and referenced from a status location
     * @param status whether the execution runs in the background, the stored response telling its progress
     */
    public record ResponseDocument(List<RequestedOutput> outputs, boolean lineage, boolean storeExecuteResponse,
                                   boolean status) implements ResponseForm {
        public ResponseDocument {
            outputs = List.copyOf(outputs);
        }

        public static ResponseDocument allOutputs() {
            return new ResponseDocument(List.of(), false, false, false);
        }
    }

    /** @param mimeType the format wanted, or null for the output's default */
    public record RequestedOutput(String identifier, String mimeType, boolean asReference) {
    }
}
