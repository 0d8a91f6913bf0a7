package fr.yseraa.observatory.ogcapi.processes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wps.ChosenOutput;
import fr.yseraa.observatory.wps.process.Format;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.InputValue;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An execute request of OGC API - Processes 1.0 ({@code {"inputs": {...}, "outputs": {...}, "response": ...}}) read
 * against the process description into the WPS's input values, before they are checked as the WPS checks them
 * ({@code ProcessInputs.bind}). A literal is a JSON string, number or boolean (or {@code {"value": ...}}); complex
 * data a qualified value {@code {"value": ..., "mediaType": ...}}, a JSON document itself when the input takes JSON,
 * or a string in the input's first format; a bounding box {@code {"bbox": [...], "crs": ...}}; an array gives several
 * values. Mistakes answer InvalidParameterValue naming the input (or {@code outputs}, {@code response}).
 *
 * @param inputs the values given for each input
 * @param outputs the outputs asked, in their formats (every output in its default format when none is named)
 * @param raw whether the one output asked is answered as it is rather than in a results document
 */
record ExecutionRequest(Map<String, List<InputValue>> inputs, List<ChosenOutput> outputs, boolean raw) {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String BODY = "body";

    static ExecutionRequest read(byte[] body, ProcessDescription process) {
        JsonNode root = parse(body);
        Map<String, List<InputValue>> inputs = new LinkedHashMap<>();
        JsonNode given = root.path("inputs");
        if (!given.isMissingNode() && !given.isNull()) {
            if (!given.isObject()) {
                throw OwsException.invalidParameter("inputs", "inputs must be an object of input identifiers");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                InputDescription input = process.input(e.getKey()).orElseThrow(() -> OwsException.invalidParameter(
                        e.getKey(), "Process " + process.identifier() + " has no input " + e.getKey()));
                List<InputValue> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> values.add(value(input, v)));
                } else {
                    values.add(value(input, e.getValue()));
                }
                inputs.put(e.getKey(), values);
            }
        }
        List<ChosenOutput> outputs = outputs(root.path("outputs"), process);
        if (root.hasNonNull("subscriber")) {
            throw OwsException.invalidParameter("subscriber", "Callbacks (subscriber) are not supported: poll the job");
        }
        String response = root.path("response").asText("document");
        if (!response.equals("document") && !response.equals("raw")) {
            throw OwsException.invalidParameter("response", "response is raw or document, not " + response);
        }
        boolean raw = response.equals("raw");
        if (raw && outputs.size() != 1) {
            throw OwsException.invalidParameter("outputs", "A raw response gives one output: name it in outputs");
        }
        return new ExecutionRequest(inputs, outputs, raw);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || root.isMissingNode()) {
                return JSON.createObjectNode();
            }
            if (!root.isObject()) {
                throw OwsException.invalidParameter(BODY, "The execute request must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            // no location when a limit of the parser was met (nesting depth, number or text length)
            throw OwsException.invalidParameter(BODY, "The execute request is not JSON" + (e.getLocation() == null
                    ? " or is beyond the parser's limits"
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (java.io.IOException e) {
            throw OwsException.invalidParameter(BODY, "The execute request could not be read");
        }
    }

    private static InputValue value(InputDescription input, JsonNode v) {
        String id = input.identifier();
        if (v.isObject() && v.has("href")) {
            throw OwsException.invalidParameter(id, "Input " + id + ": values by reference (href) are not supported"
                    + " here; give the value, or use the WPS with a reference to this server's WFS");
        }
        if (input instanceof InputDescription.Literal) {
            JsonNode value = v.isObject() && v.has("value") ? v.get("value") : v;
            if (!value.isValueNode() || value.isNull()) {
                throw OwsException.invalidParameter(id, "Input " + id + " expects a literal value");
            }
            return new InputValue.Literal(value.asText(), v.isObject() ? text(v, "uom") : null);
        }
        if (input instanceof InputDescription.Complex c) {
            if (v.isObject() && v.has("value")) {
                JsonNode value = v.get("value");
                String mediaType = text(v, "mediaType");
                if (mediaType == null) {
                    mediaType = value.isTextual() ? null : firstJson(c);
                }
                return new InputValue.Complex(value.isTextual() ? value.asText() : value.toString(), mediaType);
            }
            if (v.isTextual()) {
                return new InputValue.Complex(v.asText(), null);
            }
            if (v.isObject() && firstJson(c) != null) {
                return new InputValue.Complex(v.toString(), firstJson(c));
            }
            throw OwsException.invalidParameter(id, "Input " + id + " expects a document: {\"value\": ..., "
                    + "\"mediaType\": ...}");
        }
        JsonNode box = v.path("bbox");
        if (!box.isArray() || box.size() != 4) {
            throw OwsException.invalidParameter(id, "Input " + id + " expects {\"bbox\": [minx, miny, maxx, maxy]}");
        }
        double[] c = new double[4];
        for (int i = 0; i < 4; i++) {
            if (!box.get(i).isNumber()) {
                throw OwsException.invalidParameter(id, "Input " + id + ": bbox holds numbers only");
            }
            c[i] = box.get(i).asDouble();
        }
        return new InputValue.BoundingBox(c[0], c[1], c[2], c[3], text(v, "crs"));
    }

    private static String firstJson(InputDescription.Complex c) {
        return c.formats().stream().map(Format::mimeType).filter(ProcessDocuments::isJson).findFirst().orElse(null);
    }

    private static String text(JsonNode object, String member) {
        JsonNode n = object.get(member);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<ChosenOutput> outputs(JsonNode asked, ProcessDescription process) {
        List<ChosenOutput> outputs = new ArrayList<>();
        if (asked.isMissingNode() || asked.isNull() || (asked.isObject() && asked.isEmpty())) {
            for (OutputDescription o : process.outputs()) {
                outputs.add(ChosenOutput.of(process, o.identifier(), null, "outputs"));
            }
            return outputs;
        }
        if (!asked.isObject()) {
            throw OwsException.invalidParameter("outputs", "outputs must be an object of output identifiers");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = asked.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String mode = e.getValue().path("transmissionMode").asText("value");
            if (!mode.equals("value")) {
                throw OwsException.invalidParameter(e.getKey(), "Output " + e.getKey()
                        + ": only transmissionMode value is supported");
            }
            String mediaType = text(e.getValue().path("format"), "mediaType");
            outputs.add(ChosenOutput.of(process, e.getKey(), mediaType, "outputs"));
        }
        return outputs;
    }
}
